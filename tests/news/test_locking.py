"""Optimistic locking: an editor's save never silently overwrites a newer edit."""

import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains

from news.models import NewsItem, Statement, Status


def seen_version(response):
    """Return the version the rendered change form carries in its hidden field."""
    match = re.search(r'name="seen_version" value="(\d+)"', response.content.decode())
    assert match, "the change form has no seen_version field"
    return int(match.group(1))


@pytest.fixture
def item(make_item, council):
    return make_item(title="Ministers met in Almaty", bodies=[council], status=Status.DRAFT)


@pytest.fixture
def second_editor(django_user_model):
    user = django_user_model.objects.create_user("second-editor", password="unused", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    client = Client()
    client.force_login(user)
    return user, client


def edit(client, item, news_form, version, **changes):
    url = reverse("admin:news_newsitem_change", args=[item.pk])
    data = news_form(
        title=item.title,
        slug=item.slug,
        published_on=item.published_on.isoformat(),
        text=item.text,
        bodies=[b.pk for b in item.bodies.all()],
        officials=[],
        seen_version=version,
        change_kind="minor",
        change_reason="Edit",
    )
    return client.post(url, data | changes)


def test_the_change_form_carries_the_current_version(editor_client, item):
    item.text = "Saved twice."
    item.save()
    response = editor_client.get(reverse("admin:news_newsitem_change", args=[item.pk]))
    assert seen_version(response) == item.version == 2


def test_the_second_of_two_editors_is_refused_and_told_what_changed(
    editor_client, editor, second_editor, item, news_form
):
    url = reverse("admin:news_newsitem_change", args=[item.pk])
    first_saw = seen_version(editor_client.get(url))
    user, other_client = second_editor
    second_saw = seen_version(other_client.get(url))

    response = edit(editor_client, item, news_form, first_saw, title="Ministers met in Astana")
    assert response.status_code == 302, response.content
    response = edit(other_client, item, news_form, second_saw, text="A different text.")

    assert response.status_code == 200
    assertContains(response, "after you opened it")
    assertContains(response, f"{editor.username} saved this record")
    # The refused editor sees the other's change, old and new.
    assertContains(response, "Ministers met in Almaty → Ministers met in Astana")
    item.refresh_from_db()
    assert item.title == "Ministers met in Astana"
    assert item.text != "A different text."
    assert item.version == first_saw + 1
    assert item.history.filter(history_user=user).count() == 0


def test_a_form_without_its_version_is_refused(editor_client, item, news_form):
    response = edit(editor_client, item, news_form, "", title="No version posted")
    assert response.status_code == 200
    item.refresh_from_db()
    assert item.title == "Ministers met in Almaty"


def test_saving_again_after_reloading_works(editor_client, second_editor, item, news_form):
    url = reverse("admin:news_newsitem_change", args=[item.pk])
    _user, other_client = second_editor
    stale = seen_version(other_client.get(url))
    assert edit(editor_client, item, news_form, stale, title="First").status_code == 302
    assert edit(other_client, item, news_form, stale, title="Second").status_code == 200
    fresh = seen_version(other_client.get(url))
    assert edit(other_client, item, news_form, fresh, title="Second").status_code == 302
    item.refresh_from_db()
    assert (item.title, item.version) == ("Second", stale + 2)


def test_statements_are_locked_too(editor_client, second_editor, make_statement):
    statement = make_statement(text="We will meet in Minsk.", status=Status.DRAFT)
    url = reverse("admin:news_statement_change", args=[statement.pk])
    _user, other_client = second_editor
    version = seen_version(editor_client.get(url))
    assert seen_version(other_client.get(url)) == version

    def post(client, text):
        return client.post(
            url,
            {
                "speaker": statement.speaker_id,
                "said_on": statement.said_on.isoformat(),
                "language": statement.language,
                "status": statement.status,
                "text": text,
                "place": "",
                "body": "",
                "news_item": "",
                "source_url": "",
                "change_reason": "Edit",
                "change_kind": "minor",
                "seen_version": version,
            },
        )

    assert post(editor_client, "We will meet in Minsk in May.").status_code == 302
    response = post(other_client, "We will meet in Moscow.")
    assertContains(response, "after you opened it")
    statement.refresh_from_db()
    assert statement.text == "We will meet in Minsk in May."


def test_every_save_raises_the_version(make_item, admin_user):
    item = make_item(title="Counted")
    assert item.version == 1
    item.title = "Counted again"
    item.save()
    NewsItem.objects.filter(pk=item.pk).set_status(
        Status.DRAFT, user=admin_user, reason="Unpublished"
    )
    item.refresh_from_db()
    assert item.version == 3
    assert Statement._meta.get_field("version").editable is False
