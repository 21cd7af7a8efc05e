"""The synthetic archive: deterministic, linked, one history row per created object."""

import pytest

from news.models import NewsItem, Statement
from news.revisions import published_revisions
from news.synthetic import generate_archive

pytestmark = pytest.mark.django_db


def snapshot():
    return [
        (item.slug, item.published_on, item.language, sorted(b.name for b in item.bodies.all()))
        for item in NewsItem.objects.order_by("slug").prefetch_related("bodies")
    ]


def test_same_seed_same_archive():
    generate_archive(60, seed=7)
    first = snapshot()
    NewsItem.objects.all().delete()
    generate_archive(60, seed=7)
    assert snapshot() == first
    NewsItem.objects.all().delete()
    generate_archive(60, seed=8)
    assert snapshot() != first


def test_items_are_complete_and_published():
    counts = generate_archive(200, seed=3)
    items = NewsItem.objects.published()
    assert counts["news items"] == items.count() == 200
    assert not items.filter(bodies=None).exists()
    assert {"en", "ru"} <= set(items.values_list("language", flat=True))
    years = {d.year for d in items.values_list("published_on", flat=True)}
    assert min(years) <= 2004 and max(years) >= 2024


def test_one_history_row_per_created_object_with_links():
    counts = generate_archive(300, seed=4, corrected_share=0.1)
    created_rows = NewsItem.history.filter(history_type="+")
    assert created_rows.count() == NewsItem.objects.count()
    assert Statement.history.filter(history_type="+").count() == Statement.objects.count()
    corrected = NewsItem.history.filter(history_type="~")
    assert (
        counts["history rows"]
        == created_rows.count() + corrected.count() + Statement.objects.count()
    )
    # A corrected item's versions differ by their text only: the links were kept in both.
    item = NewsItem.objects.get(pk=corrected.first().id)
    [first, second] = published_revisions(item)
    assert [change.label for change in second.changes] == ["Text"]
