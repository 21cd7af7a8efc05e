"""The soak test's editors post the admin change form back as a browser would.

They have Publishers' accounts (bench/soak.py), so a save of a published item goes live at
once with its history entry, as the soak checks."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse

from news.models import NewsItem
from tests.support.admin_form import edited, form_fields


@pytest.fixture
def linked_item(make_item, council, secretariat, official, kazakhstan):
    item = make_item(
        bodies=[council, secretariat],
        lead="First line\nsecond line & more",
        text="\nThe ministers met.\n\nThey agreed <b>nothing</b>.",
    )
    item.officials.set([official])
    item.states.set([kazakhstan])
    return item


def change_page(client, item):
    url = reverse("admin:news_newsitem_change", args=[item.pk])
    return url, client.get(url).content.decode()


def post(client, url, fields):
    """Post the pairs form-encoded, as locust's client does."""
    return client.post(url, urlencode(fields), content_type="application/x-www-form-urlencoded")


def test_fields_are_what_the_form_shows(publisher_client, linked_item, council, secretariat):
    _, html = change_page(publisher_client, linked_item)
    fields = form_fields(html, "newsitem_form")
    values = dict(fields)
    assert values["title"] == linked_item.title
    assert values["lead"] == linked_item.lead
    assert values["language"] == "en"
    assert values["csrfmiddlewaretoken"]
    assert sorted(v for k, v in fields if k == "bodies") == sorted(
        [str(council.pk), str(secretariat.pk)]
    )
    assert "_save" not in values  # a submit button is not a field


def test_posting_the_fields_back_saves_one_history_entry(publisher_client, publisher, linked_item):
    url, html = change_page(publisher_client, linked_item)
    fields = edited(form_fields(html, "newsitem_form"), "editor 1 ab12", "Soak test edit 1")
    response = post(publisher_client, url, fields)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:news_newsitem_changelist")
    item = NewsItem.objects.get(pk=linked_item.pk)
    assert item.text.endswith("They agreed <b>nothing</b>. [soak editor 1 ab12]")
    assert item.lead == linked_item.lead
    assert item.bodies.count() == 2 and item.officials.count() == 1 and item.states.count() == 1
    latest = item.history.latest("history_date")
    assert (latest.history_change_reason, latest.history_user) == ("Soak test edit 1", publisher)


def test_a_second_edit_replaces_the_marker(publisher_client, linked_item):
    for marker in ("editor 1 aaaa", "editor 1 bbbb"):
        url, html = change_page(publisher_client, linked_item)
        fields = edited(form_fields(html, "newsitem_form"), marker, f"Edit {marker}")
        assert post(publisher_client, url, fields).status_code == 302
    item = NewsItem.objects.get(pk=linked_item.pk)
    assert item.text.endswith("They agreed <b>nothing</b>. [soak editor 1 bbbb]")
    assert "aaaa" not in item.text
