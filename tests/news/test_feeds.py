"""Feeds, sitemap and robots.txt show only what anonymous readers may see."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from news.models import Status


@pytest.fixture
def mixed(make_item, make_statement, council, official):
    shown = make_item(title="Public summit report", bodies=[council])
    shown.officials.add(official)
    hidden = make_item(title="Secret draft report", bodies=[council], status=Status.DRAFT)
    hidden.officials.add(official)
    make_statement(text="Public words of the official.")
    make_statement(text="Draft words of the official.", status=Status.DRAFT)
    return shown, hidden


@pytest.mark.parametrize(
    "url",
    [
        "/feeds/news/",
        "/bodies/collective-security-council/feed/",
        "/officials/aidar-testbekov/feed/",
    ],
)
def test_feeds_are_atom_without_drafts(client, mixed, url):
    response = client.get(url)
    assert response["Content-Type"].startswith("application/atom+xml")
    assertContains(response, "Public summit report")
    assertNotContains(response, "Secret draft")
    assertNotContains(response, "Draft words")


def test_official_feed_has_statements_too(client, mixed):
    assertContains(client.get("/officials/aidar-testbekov/feed/"), "Public words of the official.")


def test_feed_of_unknown_body_is_404(client, db):
    assert client.get("/bodies/nothing/feed/").status_code == 404


def test_sitemap_lists_published_pages_only(client, mixed):
    shown, hidden = mixed
    response = client.get("/sitemap.xml")
    assertContains(response, shown.get_absolute_url())
    assertNotContains(response, hidden.get_absolute_url())
    assertContains(response, "/ru" + shown.get_absolute_url())


def test_robots_points_to_the_sitemap(client, db):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assertContains(response, "Sitemap: http://testserver/sitemap.xml")
    assertContains(response, "Disallow: /admin/")


@pytest.mark.parametrize(
    "url",
    [
        "/feeds/news/",
        "/bodies/collective-security-council/feed/",
        "/officials/aidar-testbekov/feed/",
        "/corrections/",
        "/corrections/feed/",
        "/bodies/collective-security-council/",
        "/officials/aidar-testbekov/",
        "/states/kazakhstan/",
        "/officials/",
        "/statements/",
        "/news/?body=collective-security-council&year=2024",
    ],
)
def test_page_queries_do_not_grow_with_the_archive(
    client, count_queries, make_item, make_statement, council, official, kazakhstan, url
):
    def add(n):
        for _ in range(n):
            item = make_item(bodies=[council])
            item.officials.add(official)
            item.states.add(kazakhstan)
            make_statement(body=council)

    add(2)
    small = count_queries(url)
    add(40)
    assert count_queries(url) == small
