"""CSV and JSON downloads of the news and statement lists, the feed of a search, provenance."""

import csv
import datetime
import io
import json
import xml.etree.ElementTree as ET
from decimal import Decimal
from types import SimpleNamespace
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from pytest_django.asserts import assertContains, assertNotContains

from core.exports import Column, Context, Table, csv_pieces, field_value
from news.models import Status

ATOM = "{http://www.w3.org/2005/Atom}"
SEARCH = "/news/?body=collective-security-council&year=2024"


def body_of(response):
    assert response.streaming, "an export is streamed"
    return b"".join(response.streaming_content)


def csv_rows(response):
    return list(csv.DictReader(io.StringIO(body_of(response).decode("utf-8"))))


def json_rows(response):
    return json.loads(body_of(response))


def with_query(url, **params):
    """Return an address with more parameters: the test client's data would replace its query."""
    return url + ("&" if "?" in url else "?") + urlencode(params)


def listed_ids(client, url):
    """Return the ids of the items a list shows over all its pages, in order."""
    ids, page = [], 1
    while True:
        response = client.get(with_query(url, page=page))
        assert response.status_code == 200
        ids += [item.pk for item in response.context["object_list"]]
        if not response.context["page_obj"].has_next():
            return ids, response.context["paginator"].count
        page += 1


@pytest.fixture
def archive(make_item, council, ministers, official, kazakhstan):
    """25 items of the Council in 2024 (two pages), and items that the search leaves out."""
    chosen = []
    for n in range(25):
        item = make_item(
            bodies=[council, ministers] if n % 3 == 0 else [council],
            published_on=datetime.date(2024, 1 + n % 12, 1 + n),
        )
        chosen.append(item)
    chosen[0].officials.add(official)
    chosen[0].states.add(kazakhstan)
    make_item(title="Council in 2023", bodies=[council], published_on=datetime.date(2023, 5, 5))
    make_item(title="Ministers alone in 2024", bodies=[ministers])
    make_item(title="Secret draft of the Council", bodies=[council], status=Status.DRAFT)
    return chosen


def test_csv_has_exactly_the_rows_the_list_shows(client, archive):
    ids, count = listed_ids(client, SEARCH)
    assert count == 25 and len(ids) == 25  # two pages of the list
    response = client.get(with_query(SEARCH, format="csv"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv; charset=utf-8")
    rows = csv_rows(response)
    assert [int(row["id"]) for row in rows] == ids
    assert {row["status"] for row in rows} == {"published"}


def test_json_parses_and_matches_the_csv(client, archive, council, ministers, official):
    records = json_rows(client.get(with_query(SEARCH, format="json")))
    rows = csv_rows(client.get(with_query(SEARCH, format="csv")))
    assert [record["id"] for record in records] == [int(row["id"]) for row in rows]
    first = next(record for record in records if record["id"] == archive[0].pk)
    assert first["bodies"] == sorted([council.slug, ministers.slug])
    assert first["officials"] == [official.slug]
    assert first["states"] == ["kazakhstan"]
    assert first["url"] == "http://testserver" + archive[0].get_absolute_url()
    assert first["date"] == archive[0].published_on.isoformat()
    row = next(row for row in rows if int(row["id"]) == archive[0].pk)
    assert row["bodies"] == ";".join(sorted([council.slug, ministers.slug]))
    assert row["url"] == first["url"]


def test_every_address_is_the_items_own(client, make_item, council):
    items = [make_item(slug=f"odd-{n}", published_on=datetime.date(2020 + n, n, n)) for n in (1, 2)]
    records = json_rows(client.get("/news/", {"format": "json"}))
    assert {r["url"] for r in records} == {
        "http://testserver" + item.get_absolute_url() for item in items
    }
    with translation.override("ru"):
        russian = json_rows(client.get("/ru/news/", {"format": "json"}))
        expected = {"http://testserver" + item.get_absolute_url() for item in items}
    assert {r["url"] for r in russian} == expected
    assert all(url.startswith("http://testserver/ru/news/") for url in expected)


def test_download_is_named_after_its_filters(client, archive):
    response = client.get(with_query(SEARCH, format="csv"))
    assert response["Content-Disposition"] == (
        'attachment; filename="news-body-collective-security-council-year-2024.csv"'
    )
    response = client.get("/news/", {"format": "json", "q": "Договор"})
    assert response["Content-Disposition"] == 'attachment; filename="news-q-dogovor.json"'
    assert client.get("/statements/?format=csv")["Content-Disposition"] == (
        'attachment; filename="statements.csv"'
    )


def test_year_archive_exports_its_year(client, archive):
    by_path = csv_rows(client.get("/news/2024/", {"format": "csv"}))
    by_filter = csv_rows(client.get("/news/", {"year": "2024", "format": "csv"}))
    assert by_path == by_filter
    assert len(by_path) == 26  # the Council's 25 and the Ministers' one, not the draft


def test_page_number_is_ignored(client, archive):
    rows = csv_rows(client.get(with_query(SEARCH, format="csv", page="2")))
    assert len(rows) == 25


def test_drafts_only_for_staff(client, make_item, editor):
    make_item(title="Public report")
    make_item(title="Secret draft", status=Status.DRAFT)
    anonymous = json_rows(client.get("/news/", {"format": "json"}))
    assert [r["title"] for r in anonymous] == ["Public report"]
    client.force_login(editor)
    staff = json_rows(client.get("/news/", {"format": "json"}))
    assert {(r["title"], r["status"]) for r in staff} == {
        ("Public report", "published"),
        ("Secret draft", "draft"),
    }


def test_search_words_choose_the_rows(client, make_item):
    make_item(title="Border talks", text="The ministers spoke about the border.")
    make_item(title="Budget", text="The budget for the next year was adopted.")
    rows = csv_rows(client.get("/news/", {"q": "budget", "format": "csv"}))
    assert [row["title"] for row in rows] == ["Budget"]


def test_csv_is_utf8_without_bom_and_quotes_what_it_must(client, make_item):
    make_item(
        title='Лавров: "союзники", и партнёры',
        lead="First line,\nsecond line",
        source_name="TASS",
        source_url="https://example.org/a",
        retrieved_on=datetime.date(2024, 6, 7),
        archived_url="https://web.archive.org/web/2024/https://example.org/a",
    )
    content = body_of(client.get("/news/", {"format": "csv"}))
    assert content.startswith(b"id,slug,date,title,")
    [row] = list(csv.DictReader(io.StringIO(content.decode("utf-8"))))
    assert row["title"] == 'Лавров: "союзники", и партнёры'
    assert row["lead"] == "First line,\nsecond line"
    assert row["retrieved_on"] == "2024-06-07"
    assert row["archived_url"] == "https://web.archive.org/web/2024/https://example.org/a"
    assert row["source_name"] == "TASS"


FORMULAS = [
    "=cmd|' /C calc'!A0",
    "+SUM(1,2)",
    "-2+3",
    "@SUM(1)",
    '=HYPERLINK("http://evil.example")',
    "\tfirst a tab",
    "\rfirst a carriage return",
]


def test_csv_cells_that_look_like_formulas_are_text(client, make_item, make_statement):
    item = make_item(
        title=FORMULAS[0],
        lead=FORMULAS[1],
        place=FORMULAS[2],
        source_name=FORMULAS[3],
    )
    make_statement(text=FORMULAS[4], place=FORMULAS[5], news_item=item)
    make_statement(text=FORMULAS[6], said_on=datetime.date(2024, 6, 5))
    [news] = csv_rows(client.get("/news/", {"format": "csv"}))
    assert [news[name] for name in ("title", "lead", "place", "source_name")] == [
        "'" + text for text in FORMULAS[:4]
    ]
    assert news["id"] == str(item.pk)  # an untouched cell
    said, other = csv_rows(client.get("/statements/", {"format": "csv"}))
    assert (said["text"], said["place"]) == ("'" + FORMULAS[4], "'" + FORMULAS[5])
    assert other["text"] == "'" + FORMULAS[6]
    # JSON carries the texts as they are.
    [record] = json_rows(client.get("/news/", {"format": "json"}))
    assert [record[name] for name in ("title", "lead", "place", "source_name")] == FORMULAS[:4]
    records = json_rows(client.get("/statements/", {"format": "json"}))
    assert [(r["text"], r["place"]) for r in records] == [
        (FORMULAS[4], FORMULAS[5]),
        (FORMULAS[6], None),  # an unknown place is null, as in the API
    ]


def test_numbers_are_not_text_and_keep_their_sign():
    """Only text is guarded: a negative number stays a number for the spreadsheet."""
    table = Table("numbers", [Column(name, field_value(name)) for name in "abcd"])
    row = SimpleNamespace(a=-5, b=-1.5, c=Decimal("-0.25"), d="-5")
    content = b"".join(csv_pieces([row], table, Context(site="", user=None))).decode()
    assert content.splitlines() == ["a,b,c,d", "-5,-1.5,-0.25,'-5"]


def test_empty_list_gives_a_header_and_an_empty_array(client, db):
    assert body_of(client.get("/news/", {"format": "csv"})).startswith(b"id,slug,date")
    assert json_rows(client.get("/news/", {"format": "json"})) == []


@pytest.mark.parametrize(
    "query",
    [
        {"year": "abc", "format": "csv"},
        {"body": "no-such-body", "format": "json"},
        {"language": "xx", "format": "csv"},
    ],
)
def test_invalid_filter_is_a_400_naming_it(client, db, query):
    response = client.get("/news/", query)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    name = next(key for key in query if key != "format")
    assert f"{name}:" in response.content.decode()


@pytest.mark.parametrize("url", ["/news/?format=xml", "/statements/?format=pdf"])
def test_unknown_format_is_a_400(client, db, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "csv or json" in response.content.decode()


def test_head_has_the_headers_and_no_rows(client, archive):
    response = client.head(SEARCH + "&format=csv")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert body_of(response) == b""


def test_exports_are_never_served_from_the_page_cache(client, make_item):
    make_item(title="First item")
    first = client.get("/news/", {"format": "csv"})
    assert len(csv_rows(first)) == 1
    again = client.get("/news/", {"format": "csv"})
    assert again.streaming  # a cached response would hold its content whole
    page = client.get("/news/")
    assert page["Content-Type"].startswith("text/html")


def test_queries_do_not_grow_with_the_rows(client, make_item, council, ministers, official):
    def add(n):
        for _ in range(n):
            item = make_item(bodies=[council, ministers])
            item.officials.add(official)

    def count(fmt):
        with CaptureQueriesContext(connection) as queries:
            body_of(client.get(with_query(SEARCH, format=fmt)))
        return len(queries.captured_queries)

    add(3)
    few = {fmt: count(fmt) for fmt in ("csv", "json")}
    add(30)
    many = {fmt: count(fmt) for fmt in ("csv", "json")}
    assert few == many


def test_list_pages_link_to_their_downloads_and_feed(client, archive):
    response = client.get(SEARCH)
    query = "body=collective-security-council&amp;year=2024"
    assertContains(response, f'href="/news/?{query}&amp;format=csv"')
    assertContains(response, f'href="/news/?{query}&amp;format=json"')
    assertContains(response, 'type="application/atom+xml" title="Feed of this search"')
    assertContains(response, f'href="/feeds/news/?{query}"', count=2)  # head and page
    year_page = client.get("/news/2024/")
    assertContains(year_page, 'href="/news/?year=2024&amp;format=csv"')


def test_no_downloads_for_invalid_filters(client, db):
    response = client.get("/news/?year=abc")
    assertNotContains(response, "format=csv")
    assertNotContains(response, "/feeds/news/?")


def test_statements_export(client, make_statement, make_item, council):
    draft_item = make_item(title="Draft report", status=Status.DRAFT)
    shown_item = make_item(title="Public report")
    hidden_source = make_statement(text="Reported in a draft.", news_item=draft_item)
    shown = make_statement(
        text="Reported in public.",
        news_item=shown_item,
        body=council,
        source_url="https://example.org/said",
        archived_url="https://web.archive.org/said",
        retrieved_on=datetime.date(2024, 6, 8),
    )
    make_statement(text="A draft statement.", status=Status.DRAFT)
    records = {r["id"]: r for r in json_rows(client.get("/statements/", {"format": "json"}))}
    assert set(records) == {hidden_source.pk, shown.pk}
    assert records[hidden_source.pk]["news_item_url"] is None  # the draft's address is hidden
    record = records[shown.pk]
    assert record["news_item_url"] == "http://testserver" + shown_item.get_absolute_url()
    assert record["url"] == "http://testserver" + shown.get_absolute_url()
    assert record["speaker"] == "aidar-testbekov"
    assert record["speaker_name"] == "Aidar Testbekov"
    assert record["body"] == council.slug
    assert record["text"] == "Reported in public."
    assert record["source_url"] == "https://example.org/said"
    assert record["retrieved_on"] == "2024-06-08"
    rows = csv_rows(client.get("/statements/", {"body": council.slug, "format": "csv"}))
    assert [int(row["id"]) for row in rows] == [shown.pk]


def test_statement_queries_do_not_grow_with_the_rows(client, make_statement, make_item):
    def count():
        with CaptureQueriesContext(connection) as queries:
            body_of(client.get("/statements/", {"format": "csv"}))
        return len(queries.captured_queries)

    make_statement(news_item=make_item())
    few = count()
    for _ in range(20):
        make_statement(news_item=make_item())
    assert count() == few


# The feed of a search


def feed_entries(response):
    root = ET.fromstring(response.content)
    return root.findtext(f"{ATOM}title"), [
        e.findtext(f"{ATOM}title") for e in root.iter(f"{ATOM}entry")
    ]


def test_feed_of_a_search_has_only_its_items(client, make_item, council, ministers):
    make_item(title="Council 2024", bodies=[council])
    make_item(title="Council 2023", bodies=[council], published_on=datetime.date(2023, 3, 3))
    make_item(title="Ministers 2024", bodies=[ministers])
    make_item(title="Council draft", bodies=[council], status=Status.DRAFT)
    response = client.get("/feeds/news/", {"body": council.slug, "year": "2024"})
    assert response["Content-Type"].startswith("application/atom+xml")
    title, entries = feed_entries(response)
    assert entries == ["Council 2024"]
    assert "Collective Security Council" in title and "2024" in title
    assertContains(response, "/news/?body=collective-security-council&amp;year=2024")
    _title, everything = feed_entries(client.get("/feeds/news/"))
    assert set(everything) == {"Council 2024", "Council 2023", "Ministers 2024"}


def test_feed_of_an_invalid_search_is_a_400(client, db):
    response = client.get("/feeds/news/", {"year": "abc"})
    assert response.status_code == 400
    assert "year:" in response.content.decode()


# Provenance


def test_news_item_shows_where_it_comes_from(client, make_item):
    item = make_item(
        source_name="CSTO Secretariat",
        source_url="https://example.org/news/1",
        retrieved_on=datetime.date(2024, 6, 9),
        archived_url="https://web.archive.org/web/2024/https://example.org/news/1",
    )
    response = client.get(item.get_absolute_url())
    assertContains(
        response, '<a href="https://example.org/news/1" rel="noopener nofollow" lang="en">CSTO'
    )
    assertContains(response, '<time datetime="2024-06-09">9 June 2024</time>')
    assertContains(response, 'href="https://web.archive.org/web/2024/https://example.org/news/1"')


def test_provenance_section_is_left_out_when_unknown(client, make_item):
    response = client.get(make_item().get_absolute_url())
    assertNotContains(response, "Where this comes from")


def test_statement_shows_where_it_comes_from(client, make_statement):
    statement = make_statement(
        source_url="https://example.org/said",
        retrieved_on=datetime.date(2024, 6, 10),
        archived_url="https://web.archive.org/said",
    )
    response = client.get(statement.get_absolute_url())
    assertContains(response, 'href="https://example.org/said"')
    assertContains(response, '<time datetime="2024-06-10">10 June 2024</time>')
    assertContains(response, 'href="https://web.archive.org/said"')
