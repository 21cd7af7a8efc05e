"""HTML and script typed into any text a reader sees comes out escaped, on pages and in feeds.

Every text field of news items, statements, officials, bodies, states and positions holds
a payload that ends in the field's own name; each public page and feed must show the
escaped payload of the fields it displays and never the payload itself.
"""

import datetime
import html
from xml.etree import ElementTree

import pytest
from django.urls import reverse
from django.utils.html import escape

from core.history import ChangeKind, revision
from news.models import Status
from people.models import Body, MemberState, Official, Position

PAYLOAD = "<script>alert(1)</script>\"'><img src=x onerror=alert(1)>"
RAW = ["<script>alert", "<img src=x", "<b>"]
ATOM = "{http://www.w3.org/2005/Atom}"


def payload(field):
    return f"{PAYLOAD} {field}"


@pytest.fixture
def hostile(make_item, make_statement):
    """An archive whose every readable text is a payload."""
    state = MemberState.objects.create(
        name=payload("state name"),
        name_ru=payload("state name_ru"),
        slug="state",
        iso_code="XZ",
        aliases=payload("state alias"),
    )
    parent = Body.objects.create(name="Parent body", slug="parent", kind=Body.Kind.STATUTORY)
    body = Body.objects.create(
        name=payload("body name"),
        name_ru=payload("body name_ru"),
        abbreviation="<b>ABBR</b>",
        slug="body",
        kind=Body.Kind.STATUTORY,
        parent=parent,
        description=payload("body description"),
        aliases=payload("body alias"),
    )
    official = Official.objects.create(
        name=payload("official name"),
        name_ru=payload("official name_ru"),
        slug="official",
        country=state,
        summary=payload("official summary"),
        aliases=payload("official alias"),
    )
    Position.objects.create(
        official=official,
        title=Position.Title.OTHER,
        note=payload("position note"),
        body=body,
        start=datetime.date(2020, 1, 1),
    )
    item = make_item(
        title=payload("news title"),
        slug="item",
        lead=payload("news lead"),
        text=payload("news text"),
        place=payload("news place"),
        source_name=payload("news source"),
        source_url="https://example.org/source",
        bodies=[body],
    )
    item.officials.add(official)
    item.states.add(state)
    with revision(item, reason=payload("reason")[:100], kind=ChangeKind.SUBSTANTIVE):
        item.text = payload("news text") + " " + payload("news text corrected")
        item.save()
    statement = make_statement(
        speaker=official,
        text=payload("statement text"),
        place=payload("statement place"),
        body=body,
        news_item=item,
    )
    with revision(statement, reason="Wording", kind=ChangeKind.SUBSTANTIVE):
        statement.text = payload("statement text") + " " + payload("statement text corrected")
        statement.save()
    make_item(title=payload("draft title"), slug="draft", status=Status.DRAFT)
    return {
        "item": item,
        "statement": statement,
        "official": official,
        "body": body,
        "state": state,
    }


def assert_escaped(content, *fields):
    """Assert that no payload is raw and that each field's payload is there, escaped."""
    for raw in RAW:
        assert raw not in content
    for field in fields:
        assert escape(payload(field)) in content, field


def page(client, address):
    response = client.get(address)
    assert response.status_code == 200, address
    return response.content.decode()


NEWS = ["news title"]
ITEM = ["news lead", "news text", "news text corrected", "news place", "news source", "reason"]
# Lists show the statement's first words: the payload and the field name.
STATEMENT = ["statement text"]
PEOPLE = ["official name", "body name", "state name"]


@pytest.mark.parametrize(
    ("address", "fields"),
    [
        ("/", NEWS + STATEMENT + ["official name", "body name"]),
        ("/news/", NEWS + PEOPLE),  # the body facet
        ("/news/?q=alert", NEWS),  # search results
        ("/news/?body=body&year=2024", NEWS + ["body name"]),
        ("/news/2024/", NEWS),
        ("/news/2024/6/6/item/", NEWS + ITEM + STATEMENT + PEOPLE),
        ("/news/2024/6/6/item/history/", NEWS + ["news text corrected", "reason"]),
        ("/news/2024/6/6/item/history/?from=1&to=2", NEWS + ["news text corrected"]),
        ("/statements/", STATEMENT + ["official name", "body name"]),
        ("/statements/?q=alert&speaker=official", STATEMENT + ["official name"]),
        (
            "STATEMENT",
            NEWS
            + ["statement text corrected", "statement place", "official name", "body name"]
            + ["position note"],
        ),
        ("STATEMENT_HISTORY", ["statement text corrected"]),
        ("/corrections/", NEWS + ["reason"]),
        ("/officials/", PEOPLE + ["position note"]),
        ("/officials/?q=alert", ["official name"]),
        (
            "/officials/official/",
            NEWS + STATEMENT + PEOPLE + ["official name_ru", "official summary", "position note"],
        ),
        ("/bodies/", ["body name"]),
        (
            "/bodies/body/",
            NEWS + STATEMENT + ["official name", "body name", "body name_ru", "body description"],
        ),
        ("/states/", ["state name"]),
        ("/states/state/", NEWS + ["official name", "state name"]),
        ("/ru/", NEWS + STATEMENT + ["official name_ru", "body name_ru"]),
        ("/ru/news/2024/6/6/item/", NEWS + ["official name_ru", "body name_ru", "state name_ru"]),
        ("/ru/officials/official/", ["official name_ru", "official summary", "state name_ru"]),
        ("/ru/bodies/body/", ["body name_ru", "official name_ru", "body description"]),
        ("/ru/states/state/", ["state name_ru"]),
    ],
)
def test_pages_escape_every_text(client, hostile, address, fields):
    statement = hostile["statement"]
    address = {
        "STATEMENT": statement.get_absolute_url(),
        "STATEMENT_HISTORY": statement.get_history_url() + "?from=1&to=2",
    }.get(address, address)
    assert_escaped(page(client, address), *fields)


def test_abbreviation_is_escaped(client, hostile):
    content = page(client, "/bodies/body/")
    assert "&lt;b&gt;ABBR&lt;/b&gt;" in content


def test_draft_title_is_escaped_for_staff(admin_client, hostile):
    assert_escaped(page(admin_client, "/news/"), "draft title")


def feed_entries(client, address):
    """Return the feed's entries as (title, summary) texts, as a feed reader decodes them."""
    response = client.get(address)
    assert response.status_code == 200
    content = response.content.decode()
    for raw in RAW:
        assert raw not in content
    root = ElementTree.fromstring(response.content)
    entries = []
    for entry in root.iter(f"{ATOM}entry"):
        summary = entry.find(f"{ATOM}summary")
        assert summary is None or summary.get("type") == "html"
        entries.append((entry.findtext(f"{ATOM}title"), entry.findtext(f"{ATOM}summary") or ""))
    return root, entries


@pytest.mark.parametrize(
    "address",
    ["/feeds/news/", "/ru/feeds/news/", "/bodies/body/feed/", "/officials/official/feed/"],
)
def test_feeds_keep_titles_as_text_and_summaries_as_escaped_html(client, hostile, address):
    _root, entries = feed_entries(client, address)
    assert entries
    for title, summary in entries:
        # A title is plain text: after XML decoding a reader shows it as it was typed.
        assert PAYLOAD in title
        # A summary is HTML: after XML decoding it must still be escaped for HTML.
        assert PAYLOAD not in summary
        assert escape(PAYLOAD) in summary
        assert html.unescape(summary).startswith(PAYLOAD)


def test_feed_titles_name_the_body_and_official_as_text(client, hostile):
    root, _entries = feed_entries(client, "/officials/official/feed/")
    assert root.findtext(f"{ATOM}title").endswith(payload("official name"))
    root, _entries = feed_entries(client, "/bodies/body/feed/")
    assert root.findtext(f"{ATOM}title").endswith(payload("body name"))


def test_corrections_feed_escapes_the_reason(client, hostile):
    _root, entries = feed_entries(client, "/corrections/feed/")
    reasons = [summary for _title, summary in entries if "reason" in html.unescape(summary)]
    assert reasons
    for summary in reasons:
        assert PAYLOAD not in summary
        assert escape(PAYLOAD) in summary


def test_sitemap_has_no_payload(client, hostile):
    response = client.get(reverse("sitemap"))
    assert response.status_code == 200
    content = response.content.decode()
    for raw in [*RAW, "alert(1)"]:
        assert raw not in content
    assert "/news/2024/6/6/item/" in content
