"""Public pages of officials, bodies and states: filters, timelines, charts, Russian names."""

import datetime

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from core.history import revision
from news.models import Status
from people.models import Chairmanship, MembershipEvent, Official, Position

D = datetime.date


def names(response):
    return {official.name for official in response.context["object_list"]}


def test_official_filters(client, official, other_official, secretariat, kazakhstan):
    Official.objects.create(name="Serbian Guest", slug="serbian-guest", country_other="Serbia")
    Position.objects.create(
        official=other_official,
        title="president",
        state=kazakhstan,
        start=D(2001, 1, 1),
        end=D(2005, 1, 1),
    )
    url = reverse("people:official_list")
    assert names(client.get(url, {"state": "kazakhstan"})) == {"Aidar Testbekov", "Boris Testov"}
    assert names(client.get(url, {"body": "secretariat"})) == {"Aidar Testbekov"}
    assert names(client.get(url, {"post": "secretary_general"})) == {"Aidar Testbekov"}
    # Boris was president once, but not now.
    assert names(client.get(url, {"post": "president"})) == set()
    assert names(client.get(url, {"q": "testov"})) == {"Boris Testov"}


def test_official_search_finds_aliases_and_russian_names(client, official):
    official.name_ru = "Айдар Тестбеков"
    official.aliases = "Aydar Testbekov\nТестбекова"
    official.save()
    url = reverse("people:official_list")
    assert names(client.get(url, {"q": "aydar"})) == {"Aidar Testbekov"}
    assert names(client.get(url, {"q": "тестбеков"})) == {"Aidar Testbekov"}


def test_official_page_shows_positions_and_news_by_year(client, official, make_item):
    make_item(title="Visited Minsk", published_on=D(2023, 5, 5)).officials.add(official)
    make_item(title="Visited Astana", published_on=D(2024, 5, 5)).officials.add(official)
    make_item(title="Hidden visit", published_on=D(2024, 6, 5), status=Status.DRAFT).officials.add(
        official
    )
    response = client.get(official.get_absolute_url())
    assert [year for year, _items in response.context["news_by_year"]] == [2024, 2023]
    assertContains(response, "Deputy Secretary General, Secretariat")
    assertContains(response, "Visited Astana")
    assertNotContains(response, "Hidden visit")
    assert response.context["news_total"] == 2


def test_body_page_chart_holders_and_children(client, council, ministers, official, make_item):
    ministers.parent = council
    ministers.save()
    for year in (2020, 2020, 2022):
        make_item(published_on=D(year, 3, 3), bodies=[council])
    make_item(published_on=D(2021, 3, 3), bodies=[council], status=Status.DRAFT)
    Position.objects.create(
        official=official, title="other", note="Chair", body=council, start=D(2024, 1, 1)
    )
    response = client.get(council.get_absolute_url())
    assert response.context["chart"] == [(2020, 2, 100), (2021, 0, 0), (2022, 1, 50)]
    assert list(response.context["children"]) == [ministers]
    assertContains(response, official.name)
    assertContains(response, reverse("news:body_feed", args=[council.slug]))


def test_bodies_grouped_by_kind(client, council, secretariat):
    response = client.get(reverse("people:body_list"))
    content = response.content.decode()
    assert content.index("Statutory body") < content.index("Collective Security Council")
    assert content.index("Permanent working body") < content.index("Secretariat")


def test_state_page(client, kazakhstan, official, make_item):
    MembershipEvent.objects.create(state=kazakhstan, kind="signed", date=D(1992, 5, 15))
    Chairmanship.objects.create(year=2024, state=kazakhstan)
    make_item(title="Astana summit").states.add(kazakhstan)
    response = client.get(kazakhstan.get_absolute_url())
    for text in ("Signed the treaty", "2024", "Aidar Testbekov", "Astana summit"):
        assertContains(response, text)


def test_russian_pages_show_russian_names(client, council, official):
    council.name_ru = "Совет коллективной безопасности"
    council.save()
    council_ru, official_ru = (
        "/ru" + council.get_absolute_url(),
        "/ru" + official.get_absolute_url(),
    )
    response = client.get(council_ru)
    assert response.status_code == 200
    assertContains(response, '<html lang="ru">')
    assertContains(response, "Совет коллективной безопасности")
    # A person without a Russian name keeps the English one.
    assertContains(client.get(official_ru), "<h1>Aidar Testbekov", html=False)


def test_renamed_body_old_address_redirects(client, council):
    old = council.get_absolute_url()
    with revision(council, reason="New slug"):
        council.slug = "csc"
        council.save()
    response = client.get(old)
    assert (response.status_code, response["Location"]) == (301, "/bodies/csc/")


@pytest.mark.parametrize(
    "path",
    [
        "/officials/?state=nowhere",
        "/officials/?post=king",
        "/officials/?q=%00",
        "/officials/?page=x",
    ],
)
def test_bad_official_filters_never_fail(client, official, path):
    assert client.get(path).status_code in (200, 404)
