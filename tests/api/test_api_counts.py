"""The API's news list counts as the news page does: a table of counts, a bounded search."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from news import fulltext

pytestmark = pytest.mark.django_db


@pytest.fixture
def matches(make_item, council):
    """Twelve items that speak of the treaty, a day apart, and one that does not."""
    items = [
        make_item(
            title=f"Ministers met, report {n}",
            text="They spoke of the treaty.",
            published_on=datetime.date(2024, 6, 30) - datetime.timedelta(days=n),
            bodies=[council],
        )
        for n in range(12)
    ]
    make_item(title="Unrelated news", text="Nothing about it.")
    return items


def test_a_broad_search_reports_an_estimate_and_keeps_the_date_order(client, matches, monkeypatch):
    monkeypatch.setattr(fulltext, "SEARCH_CAP", 4)
    answer = client.get("/api/news/", {"q": "treaty", "page_size": 3}).json()
    assert answer["count_exact"] is False
    page = client.get("/news/", {"q": "treaty"})
    assert answer["count"] == page.context["paginator"].count  # the page's own estimate
    assert [r["id"] for r in answer["results"]] == [item.pk for item in matches[:3]]


def test_a_narrow_search_is_counted_exactly(client, matches, monkeypatch):
    monkeypatch.setattr(fulltext, "SEARCH_CAP", 50)
    answer = client.get("/api/news/", {"q": "treaty"}).json()
    assert (answer["count"], answer["count_exact"]) == (12, True)
    assert [r["id"] for r in answer["results"]] == [item.pk for item in matches]


def test_a_search_does_not_count_every_match(client, matches, monkeypatch):
    """Past the cap, no query counts the matches themselves: only a bounded read of them."""
    monkeypatch.setattr(fulltext, "SEARCH_CAP", 4)
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/api/news/", {"q": "treaty"}).status_code == 200
    searching = [q["sql"] for q in captured if "MATCH" in q["sql"] or "@@" in q["sql"]]
    assert searching
    assert not [sql for sql in searching if "COUNT(" in sql.upper() and "LIMIT" not in sql]


def test_a_filtered_list_is_counted_from_the_table_of_counts(client, matches, council):
    with CaptureQueriesContext(connection) as captured:
        answer = client.get("/api/news/", {"body": council.slug, "year": 2024}).json()
    assert (answer["count"], answer["count_exact"]) == (12, True)
    counts = [q["sql"] for q in captured if "COUNT(" in q["sql"].upper()]
    assert counts == []  # a sum over news_newscount instead
    assert any("news_newscount" in q["sql"] for q in captured)


def test_the_schema_documents_whether_a_count_is_exact(client):
    schema = client.get("/api/schema/").json()
    page = schema["components"]["schemas"]["PaginatedNewsItemList"]
    assert "count_exact" in page["required"]
    assert page["properties"]["count_exact"]["type"] == "boolean"
