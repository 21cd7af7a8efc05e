"""Public pages: drafts never leak to anonymous readers, and query counts stay flat."""

import datetime

import pytest
from django.db import connection
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from news.models import Status
from people.models import Body, MemberState, Official

PAGES = [
    "home",
    "news:list",
    "news:statement_list",
    "people:official_list",
    "people:body_list",
    "people:state_list",
]


@pytest.mark.parametrize("name", PAGES)
def test_public_pages_hide_drafts(
    client, make_item, make_statement, council, kazakhstan, official, name
):
    make_item(title="Visible summit report", bodies=[council])
    make_item(title="Secret draft report", bodies=[council], status=Status.DRAFT)
    make_statement(text="Draft words nobody should read yet.", status=Status.DRAFT)
    response = client.get(reverse(name))
    assert response.status_code == 200
    assertNotContains(response, "Secret draft report")
    assertNotContains(response, "Draft words nobody should read")


def test_draft_detail_is_404_for_anonymous_and_shown_to_staff(
    client, admin_client, make_item, make_statement
):
    item = make_item(status=Status.DRAFT)
    statement = make_statement(status=Status.DRAFT)
    for url in (item.get_absolute_url(), statement.get_absolute_url()):
        assert client.get(url).status_code == 404
        assertContains(admin_client.get(url), "Draft: only editors can see this page.")


def test_body_and_official_pages_hide_draft_news(client, make_item, council, official):
    draft = make_item(title="Secret draft report", bodies=[council], status=Status.DRAFT)
    draft.officials.add(official)
    for url in (council.get_absolute_url(), official.get_absolute_url()):
        assertNotContains(client.get(url), "Secret draft report")


def test_published_statement_does_not_reveal_its_draft_news_item(client, make_item, make_statement):
    draft = make_item(title="Secret draft report", status=Status.DRAFT)
    statement = make_statement(news_item=draft)
    assertNotContains(client.get(statement.get_absolute_url()), "Secret draft report")


def test_statement_shows_the_post_held_on_that_day(client, make_statement):
    early = make_statement(said_on=datetime.date(2021, 5, 5))
    late = make_statement(said_on=datetime.date(2024, 5, 5))
    assertContains(client.get(early.get_absolute_url()), "Deputy Secretary General")
    response = client.get(late.get_absolute_url())
    assertContains(response, "Secretary General, Secretariat")
    assertNotContains(response, "Deputy Secretary General")


def test_bad_dates_in_news_urls_are_404(client, db):
    assert client.get("/news/2024/2/31/anything/").status_code == 404
    assert client.get("/news/2024/13/1/anything/").status_code == 404


@pytest.mark.parametrize("name", ["home", "news:list", "news:statement_list", "people:body_list"])
def test_list_queries_do_not_grow_with_the_archive(
    count_queries, make_item, make_statement, council, ministers, name
):
    make_item(bodies=[council])
    make_statement(body=council)
    url = reverse(name)
    small = count_queries(url)
    for _ in range(25):
        make_item(bodies=[council, ministers])
        make_statement(body=ministers)
    assert count_queries(url) == small
    # On PostgreSQL a reader's request also sets and resets its statement_timeout (core.budget).
    assert small <= 12 + (2 if connection.vendor == "postgresql" else 0)


def test_detail_queries_do_not_grow_with_links(
    count_queries, make_item, council, official, kazakhstan
):
    bodies = [council] + [
        Body.objects.create(name=f"Working group {n}", slug=f"wg-{n}", kind="working_group")
        for n in range(4)
    ]
    people = [official] + [Official.objects.create(name=f"P {n}", slug=f"p-{n}") for n in range(4)]
    states = [kazakhstan] + [
        MemberState.objects.create(name=f"S {n}", slug=f"s-{n}", iso_code=f"Q{chr(65 + n)}")
        for n in range(4)
    ]

    def item_with(n):
        item = make_item(bodies=bodies[:n])
        item.officials.set(people[:n])
        item.states.set(states[:n])
        return item

    few, many = item_with(1), item_with(5)
    for _ in range(5):
        make_item(bodies=bodies)
    assert count_queries(many.get_absolute_url()) == count_queries(few.get_absolute_url())
