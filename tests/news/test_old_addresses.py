"""An address a news item had redirects to its current one only if readers could see the
item there once: a slug or date used only while it was a draft stays a 404, so that a
redirect never confirms a guessed draft address."""

import datetime

import pytest

from core.history import revision
from news.models import Status

EARLY = datetime.date(2004, 4, 4)


def edit(item, reason, **fields):
    with revision(item, reason=reason):
        for name, value in fields.items():
            setattr(item, name, value)
        item.save()


@pytest.fixture
def renamed_draft(make_item):
    """Drafted as earlysecretslug, renamed while still a draft, then published."""
    item = make_item(slug="earlysecretslug", published_on=EARLY, status=Status.DRAFT)
    edit(item, "Final title", slug="final-slug")
    edit(item, "Publish", status=Status.PUBLISHED)
    return item


@pytest.mark.parametrize("reader", ["anonymous", "editor"])
def test_a_slug_used_only_while_a_draft_does_not_redirect(client, editor, renamed_draft, reader):
    if reader == "editor":
        client.force_login(editor)
    assert client.get("/news/2004/4/4/final-slug/").status_code == 200
    assert client.get("/news/2004/4/4/earlysecretslug/").status_code == 404


def test_a_date_used_only_while_a_draft_does_not_redirect(client, make_item):
    item = make_item(slug="summit", published_on=EARLY, status=Status.DRAFT)
    edit(item, "Right date", published_on=datetime.date(2004, 4, 5))
    edit(item, "Publish", status=Status.PUBLISHED)
    assert client.get("/news/2004/4/5/summit/").status_code == 200
    assert client.get("/news/2004/4/4/summit/").status_code == 404


def test_an_address_that_was_public_once_redirects(client, make_item):
    item = make_item(slug="draft-slug", published_on=EARLY, status=Status.DRAFT)
    edit(item, "Publish", status=Status.PUBLISHED, slug="public-slug")
    edit(item, "Better slug", slug="better-slug", published_on=datetime.date(2004, 4, 6))
    response = client.get("/news/2004/4/4/public-slug/")
    assert (response.status_code, response["Location"]) == (301, item.get_absolute_url())
    assert client.get("/news/2004/4/4/draft-slug/").status_code == 404


def test_an_address_published_then_renamed_in_a_later_draft_redirects(client, make_item):
    """Public under its first slug, unpublished and renamed, published again."""
    item = make_item(slug="first-slug", published_on=EARLY)
    edit(item, "Unpublish", status=Status.DRAFT)
    edit(item, "Rename", slug="second-slug")
    edit(item, "Publish", status=Status.PUBLISHED)
    response = client.get("/news/2004/4/4/first-slug/")
    assert (response.status_code, response["Location"]) == (301, "/news/2004/4/4/second-slug/")
