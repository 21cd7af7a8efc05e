"""What validators ask of the pages: machine dates to the second, a refused year not
written back, error references that resolve, RFC 4287 feeds, languages marked, and the
head a search engine reads (description, canonical, absolute alternates)."""

import datetime
import re

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from core.history import ChangeKind, revision
from news.models import Status
from tests.support.validity import atom_problems, time_problems


def edit(obj, reason, kind, **fields):
    with revision(obj, reason=reason, kind=kind):
        for name, value in fields.items():
            setattr(obj, name, value)
        obj.save()


@pytest.fixture
def corrected(make_item, make_statement, council, official):
    item = make_item(
        title="Ministers met in Almaty",
        lead="The ministers agreed on a joint exercise plan for the autumn.",
        published_on=datetime.date(2025, 5, 28),
        bodies=[council],
    )
    item.officials.add(official)
    edit(item, "Wrong date", ChangeKind.SUBSTANTIVE, published_on=datetime.date(2025, 5, 28))
    statement = make_statement(said_on=datetime.date(2025, 5, 28))
    edit(statement, "Wrong words", ChangeKind.SUBSTANTIVE, text="Other words were said.")
    return item, statement


@pytest.mark.parametrize("prefix", ["", "/ru"])
def test_machine_dates_have_no_microseconds(client, corrected, prefix):
    item, statement = corrected
    pages = [
        item.get_absolute_url(),
        item.get_history_url(),
        statement.get_absolute_url(),
        statement.get_history_url(),
        reverse("news:corrections"),
        reverse("news:list"),
    ]
    for url in pages:
        html = client.get(prefix + url).content.decode()
        assert "<time" in html, url
        assert time_problems(html) == [], url


def test_the_checker_finds_microseconds():
    assert time_problems('<time datetime="2025-05-28T10:00:00.123456+00:00">x</time>')
    assert not time_problems('<time datetime="2025-05-28T10:00:00+00:00">x</time>')


def test_russian_dates_put_the_month_in_the_genitive(client, corrected):
    item, _statement = corrected
    url = item.get_absolute_url()  # before a Russian request leaves Russian active
    assertContains(client.get("/ru" + url), "28 мая 2025")
    assertContains(client.get(url), "28 May 2025")
    # The short form, in lists.
    assertContains(client.get("/ru/news/"), "28.05.2025")


def test_a_refused_year_is_not_written_into_the_number_input(client, db):
    html = client.get("/news/", {"year": "abc"}).content.decode()
    field = re.search(r'<input type="number" name="year"[^>]*>', html).group(0)
    assert "abc" not in field
    described = re.search(r'aria-describedby="([^"]+)"', field).group(1)
    assert f'id="{described}"' in html


def test_an_accepted_year_stays_in_the_input(client, db):
    html = client.get("/news/", {"year": "2024"}).content.decode()
    assert re.search(r'<input type="number" name="year" value="2024"', html)


@pytest.mark.parametrize(
    "url",
    [
        "/feeds/news/",
        "/ru/feeds/news/",
        "/bodies/collective-security-council/feed/",
        "/officials/aidar-testbekov/feed/",
        "/corrections/feed/",
        "/ru/corrections/feed/",
    ],
)
def test_feeds_have_what_rfc_4287_requires(client, corrected, url):
    response = client.get(url)
    assert response.status_code == 200
    assert b"<entry" in response.content  # an English entry of /ru/ carries xml:lang
    assert atom_problems(response.content) == []


def test_the_feed_checker_finds_a_missing_author_and_updated():
    xml = (
        b'<feed xmlns="http://www.w3.org/2005/Atom"><id>x</id><title>t</title>'
        b"<updated>2025-01-01T00:00:00Z</updated><entry><id>e</id><title>t</title>"
        b'<link href="/e"/></entry></feed>'
    )
    problems = atom_problems(xml)
    assert "entry 1: 0 atom:updated, RFC 4287 wants exactly one" in problems
    assert "entry 1: no atom:author" in problems


def test_no_feed_for_an_official_or_body_with_nothing_published(
    client, official, secretariat, make_item
):
    make_item(status=Status.DRAFT).officials.add(official)
    assert client.get(f"/officials/{official.slug}/feed/").status_code == 404
    assert client.get(f"/bodies/{secretariat.slug}/feed/").status_code == 404
    assertNotContains(client.get(official.get_absolute_url()), f"/officials/{official.slug}/feed/")
    assertNotContains(
        client.get(secretariat.get_absolute_url()), f"/bodies/{secretariat.slug}/feed/"
    )


def test_an_official_with_news_links_the_feed(client, corrected, official):
    assertContains(client.get(official.get_absolute_url()), f"/officials/{official.slug}/feed/")


def test_english_items_on_russian_pages_are_marked_english(client, make_item, council):
    english = make_item(title="Ministers met in Almaty", lead="A lead in English.")
    russian = make_item(title="Министры встретились", language="ru", slug="ministry-ru")
    english_url, russian_url = english.get_absolute_url(), russian.get_absolute_url()
    listing = client.get("/ru/news/").content.decode()
    assert re.search(r'lang="en">Ministers met in Almaty<', listing)
    detail = client.get("/ru" + english_url).content.decode()
    assert '<h1 lang="en">Ministers met in Almaty</h1>' in detail
    assert '<p class="lead" lang="en">A lead in English.</p>' in detail
    # The page's own words (the kind, the date) stay in the page's language.
    assert '<article class="article">' in detail
    english_page = client.get(russian_url).content.decode()
    assert '<h1 lang="ru">Министры встретились</h1>' in english_page


def test_head_has_description_canonical_and_absolute_alternates(client, corrected):
    item, _statement = corrected
    url = item.get_absolute_url()
    html = client.get("/ru" + url).content.decode()
    assert '<meta name="description" content="The ministers agreed on a joint exercise plan' in html
    assert f'<link rel="canonical" href="http://testserver/ru{url}">' in html
    assert f'hreflang="en" href="http://testserver{url}"' in html
    assert f'hreflang="ru" href="http://testserver/ru{url}"' in html


def test_canonical_drops_junk_parameters(client, db):
    html = client.get("/news/", {"year": "2024", "zz": "1"}).content.decode()
    assert '<link rel="canonical" href="http://testserver/news/?year=2024">' in html
