"""The counts a list page needs are answered from an index, on SQLite and PostgreSQL."""

import datetime

import pytest
from django.db import connection

from news.fulltext import restore_sqlite_statistics
from news.models import NewsItem, Statement, Status

pytestmark = pytest.mark.django_db


def plan(queryset):
    """Return the database's plan for a queryset's count, as one string."""
    sql, params = queryset.query.chain().get_compiler(using="default").as_sql()
    count_sql = f"SELECT COUNT(*) FROM ({sql}) AS counted"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The test tables are tiny; forbid a sequential scan to see whether an index serves.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("EXPLAIN " + count_sql, params)
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + count_sql, params)
        return " ".join(str(part) for row in cursor.fetchall() for part in row)


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"language": "ru"},
        {"published_on__year": 2024},
        {"bodies__slug": "collective-security-council"},
    ],
)
def test_list_counts_use_an_index(make_item, council, filters):
    make_item(bodies=[council])
    text = plan(NewsItem.objects.published().filter(**filters).values("pk"))
    assert "INDEX" in text.upper(), text


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's planner only")
def test_a_common_word_with_a_link_filter_stays_linear(make_item, kazakhstan):
    """A search joined to links tests each linked row once against the list of matches.

    With the plain `id IN (matches)` SQLite walked the whole list again for each linked
    row, which took minutes at 100,000 items. The work is counted in SQLite's virtual
    machine steps, which grow with the square of the size in that plan.
    """
    items = NewsItem.objects.bulk_create(
        NewsItem(
            title=f"Meeting {n}",
            slug=f"meeting-{n}",
            published_on=datetime.date(2024, 1, 1) + datetime.timedelta(days=n),
            language="en",
            text="The meeting went on.",
            status=Status.PUBLISHED,
        )
        for n in range(1500)
    )
    NewsItem.states.through.objects.bulk_create(
        NewsItem.states.through(newsitem_id=item.pk, memberstate_id=kazakhstan.pk) for item in items
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    queryset = NewsItem.objects.published().filter(states=kazakhstan).search("meeting")
    steps = 0

    def count(*args):
        nonlocal steps
        steps += 1

    connection.ensure_connection()
    connection.connection.set_progress_handler(count, 100)
    try:
        assert queryset.count() == 1500
    finally:
        connection.connection.set_progress_handler(None, 100)
    assert steps * 100 < 2_000_000, steps


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's statistics only")
def test_a_migrate_gives_rebuilt_tables_their_statistics_back(make_item):
    make_item()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        # What a table rebuild leaves: the table's figures are gone, the others stay.
        cursor.execute("DELETE FROM sqlite_stat1 WHERE tbl = 'news_newsitem'")
        restore_sqlite_statistics(connection)
        cursor.execute("SELECT COUNT(*) FROM sqlite_stat1 WHERE tbl = 'news_newsitem'")
        assert cursor.fetchone()[0] > 0


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's statistics only")
def test_a_never_analysed_database_is_left_alone(make_item):
    make_item()
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if cursor.fetchone():
            cursor.execute("DROP TABLE sqlite_stat1")
        restore_sqlite_statistics(connection)
        cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")
        assert cursor.fetchone() is None


def explain(queryset):
    """The database's plan for a queryset, as one string."""
    sql, params = queryset.query.chain().get_compiler(using="default").as_sql()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("EXPLAIN " + sql, params)
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return " ".join(str(part) for row in cursor.fetchall() for part in row)


def test_the_newest_corrections_are_read_from_their_own_index(make_item):
    from news.revisions import corrections_of

    make_item()
    for model, index in (
        (NewsItem, "newsitem_corrections_idx"),
        (Statement, "statement_corrections_idx"),
    ):
        text = explain(corrections_of(model)[:30])
        assert index in text, text


def test_a_linked_list_is_read_by_its_link_then_sorted(make_item, council, monkeypatch):
    """An official's or a body's newest items: the keys come from the link's index.

    Ordered in the query, PostgreSQL walked the archive's date index testing each item
    for the link (80 ms for an official's page at 100,000 items).
    """
    days = [datetime.date(2020, 1, 1) + datetime.timedelta(days=(n * 37) % 300) for n in range(12)]
    items = [make_item(published_on=day, bodies=[council]) for day in days]
    make_item(published_on=datetime.date(2021, 1, 1))  # not linked
    linked = NewsItem.objects.published().filter(bodies=council)
    expected = sorted(items, key=lambda i: (i.published_on, i.pk), reverse=True)[:5]
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert linked.top(5) == expected
    assert "ORDER BY" not in captured.captured_queries[0]["sql"]
    # Past the cap the link is common: the ordered read walks the dates, same rows.
    monkeypatch.setattr(type(linked), "TOP_CANDIDATES", 4)
    with CaptureQueriesContext(connection) as captured:
        assert linked.top(5) == expected
    assert "ORDER BY" in captured.captured_queries[-2]["sql"]
