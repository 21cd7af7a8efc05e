"""The counts a list page needs are answered from an index, on SQLite and PostgreSQL."""

import pytest
from django.db import connection

from news.models import NewsItem

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
