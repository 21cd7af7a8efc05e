"""A reader's choice to list only items in the language of the pages: remembered in a
cookie, applied by a redirect to the list's own filtered address, switched off again."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from core.reading import COOKIE


@pytest.fixture
def both_languages(make_item):
    english = make_item(title="Ministers met in Minsk", language="en")
    russian = make_item(title="Министры встретились в Минске", language="ru")
    return english, russian


def switch_of(html):
    """The hidden values of the switch's form on a list page."""
    form = re.search(r'<form class="own-language".*?</form>', html, re.S).group(0)
    return dict(re.findall(r'name="(only|next)" value="([^"]*)"', form))


def test_a_russian_reader_chooses_russian_items_and_keeps_the_choice(client, both_languages):
    english, russian = both_languages
    page = client.get("/ru/news/").content.decode()
    assert "Ministers met in Minsk" in page and "Министры встретились в Минске" in page
    switch = switch_of(page)
    assert switch == {"only": "1", "next": "/ru/news/?language=ru"}

    turned_on = client.get("/ru/reading-language/", switch)
    assert turned_on.status_code == 302
    assert turned_on["Location"] == "/ru/news/?language=ru"
    assert client.cookies[COOKIE].value == "1"
    assert "no-store" in turned_on["Cache-Control"]

    only = client.get(turned_on["Location"]).content.decode()
    assert "Министры встретились в Минске" in only and "Ministers met in Minsk" not in only
    assert switch_of(only) == {"only": "0", "next": "/ru/news/"}

    # Later, a plain list (from the menu, with other filters) opens in Russian only.
    again = client.get("/ru/news/", {"year": "2024"})
    assert again.status_code == 302
    assert again["Location"] == "/ru/news/?year=2024&language=ru"
    assert "Cookie" in again["Vary"]
    assert client.get("/ru/statements/")["Location"] == "/ru/statements/?language=ru"
    # On English pages the same choice means English items.
    assert client.get("/news/")["Location"] == "/news/?language=en"
    # A language the reader picks in the filter, and a download, are left as asked.
    assert client.get("/ru/news/", {"language": "en"}).status_code == 200
    assert client.get("/ru/news/", {"format": "csv"}).status_code == 200
    # Other pages are not lists of items: untouched.
    assert client.get("/ru/").status_code == 200
    assert client.get("/ru/officials/").status_code == 200


def test_switching_off_lists_every_language_again(client, both_languages):
    client.cookies[COOKIE] = "1"
    off = client.get("/ru/reading-language/", {"only": "0", "next": "/ru/news/"})
    assert off["Location"] == "/ru/news/"
    assert client.cookies[COOKIE].value == ""  # deleted
    page = client.get("/ru/news/")
    assert page.status_code == 200
    assert "Ministers met in Minsk" in page.content.decode()


def test_an_english_reader_gets_the_english_switch(client, both_languages):
    html = client.get("/news/").content.decode()
    assert switch_of(html) == {"only": "1", "next": "/news/?language=en"}
    assert "List only items in English" in html
    with translation.override("ru"):
        assert "Только материалы на русском" in client.get("/ru/news/").content.decode()


@pytest.mark.parametrize(
    "query",
    [
        {"only": "yes", "next": "/ru/news/"},
        {},
    ],
)
def test_a_bad_choice_is_a_400(client, db, query):
    response = client.get("/ru/reading-language/", query)
    assert response.status_code == 400
    assert COOKIE not in response.cookies


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/ru/officials/"])
def test_the_switch_only_returns_to_a_list_of_this_site(client, db, target):
    response = client.get("/ru/reading-language/", {"only": "1", "next": target})
    assert response.status_code == 302
    assert response["Location"] == reverse("news:list")
