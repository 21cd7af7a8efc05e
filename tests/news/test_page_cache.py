"""Whole pages from the cache for anonymous readers, never stale, never for staff."""

import datetime
from unittest import mock

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from core.history import ChangeKind, revision
from news.models import Status


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response, len(captured.captured_queries)


def test_second_anonymous_request_is_served_from_the_cache(client, make_item):
    make_item(title="Cached summit report")
    first, cold = queries(client, "/news/")
    second, warm = queries(client, "/news/")
    assert warm == 1  # only the archive version is read
    assert cold > warm
    assert second.content == first.content
    assertContains(second, "Cached summit report")


def test_a_save_is_visible_at_once(client, make_item):
    item = make_item(title="Old headline")
    client.get(item.get_absolute_url())
    with revision(item, reason="Better headline", kind=ChangeKind.MINOR):
        item.title = "New headline"
        item.save()
    assertContains(client.get(item.get_absolute_url()), "New headline")


def test_publishing_a_draft_shows_it_at_once(client, make_item, publisher):
    draft = make_item(title="Fresh draft", status=Status.DRAFT)
    assertNotContains(client.get("/news/"), "Fresh draft")
    assert client.get(draft.get_absolute_url()).status_code == 404
    type(draft).objects.filter(pk=draft.pk).set_status(
        Status.PUBLISHED, user=publisher, reason="ok"
    )
    assertContains(client.get("/news/"), "Fresh draft")
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_staff_pages_are_never_cached_nor_served_from_the_cache(client, admin_client, make_item):
    make_item(title="Visible report")
    make_item(title="Staff-only draft", status=Status.DRAFT)
    client.get("/news/")
    assertContains(admin_client.get("/news/"), "Staff-only draft")
    assertNotContains(client.get("/news/"), "Staff-only draft")


def test_languages_are_cached_apart(client, make_item):
    make_item()
    assertContains(client.get("/news/"), '<html lang="en">')
    assertContains(client.get("/ru/news/"), '<html lang="ru">')
    assertContains(client.get("/news/"), '<html lang="en">')


def test_a_new_day_builds_pages_again(client, official):
    """Who holds a post today changes at midnight, with no save to change the version."""
    url = official.get_absolute_url()
    queries(client, url)
    assert queries(client, url)[1] == 1
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with mock.patch("django.utils.timezone.localdate", return_value=tomorrow):
        assert queries(client, url)[1] > 1
