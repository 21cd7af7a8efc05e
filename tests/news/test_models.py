import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from news.models import NewsItem, Statement, Status


def test_published_excludes_drafts(make_item):
    public = make_item()
    make_item(status=Status.DRAFT)
    assert list(NewsItem.objects.published()) == [public]


def test_visible_to_staff_includes_drafts(make_item, editor, django_user_model):
    make_item()
    make_item(status=Status.DRAFT)
    reader = django_user_model.objects.create_user("reader")
    assert NewsItem.objects.visible_to(editor).count() == 2
    assert NewsItem.objects.visible_to(reader).count() == 1


def test_published_is_chainable_through_relations(make_item, council):
    make_item(bodies=[council])
    make_item(bodies=[council], status=Status.DRAFT)
    assert council.news_items.published().count() == 1


def test_slug_unique_for_its_date(make_item):
    make_item(slug="summit")
    make_item(slug="summit", published_on=datetime.date(2024, 6, 7))
    with pytest.raises(IntegrityError), transaction.atomic():
        make_item(slug="summit")


def test_source_url_unique_only_when_set(make_item):
    make_item(source_url="")
    make_item(source_url="")
    make_item(source_url="https://example.org/a")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_item(source_url="https://example.org/a")


def test_duplicate_slug_is_a_validation_error(make_item):
    item = make_item(slug="summit")
    twin = NewsItem(
        title="x", slug="summit", published_on=item.published_on, language="en", text="y"
    )
    with pytest.raises(ValidationError, match="already has this slug"):
        twin.full_clean()


def test_editor_cannot_set_status(make_item, editor):
    item = make_item(status=Status.DRAFT)
    with pytest.raises(PermissionDenied):
        NewsItem.objects.filter(pk=item.pk).set_status(Status.PUBLISHED, user=editor, reason="x")
    item.refresh_from_db()
    assert item.status == Status.DRAFT


def test_publisher_sets_status_with_one_history_entry(make_item, publisher):
    item = make_item(status=Status.DRAFT)
    before = item.history.count()
    changed = NewsItem.objects.all().set_status(Status.PUBLISHED, user=publisher, reason="Checked")
    assert changed == 1
    item.refresh_from_db()
    assert item.status == Status.PUBLISHED
    latest = item.history.latest()
    assert item.history.count() == before + 1
    assert (latest.history_user, latest.history_change_reason, latest.status) == (
        publisher,
        "Checked",
        "published",
    )


def test_statement_published_and_url(make_statement, client):
    shown = make_statement()
    make_statement(status=Status.DRAFT)
    assert list(Statement.objects.published()) == [shown]
    assert client.get(shown.get_absolute_url()).status_code == 200


def test_news_url_contains_date_and_slug(make_item):
    item = make_item(slug="summit", published_on=datetime.date(2024, 11, 28))
    assert item.get_absolute_url() == "/news/2024/11/28/summit/"
