"""The synthetic archive: deterministic, linked, one history row per created object."""

import pytest

from news.models import NewsItem, Statement
from news.revisions import published_revisions
from news.synthetic import generate_archive
from people.models import Official

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


def test_queries_do_not_grow_with_the_items():
    """Rows go in bulk: a batch of 1,200 items costs the queries a batch of 150 does."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    generate_archive(5, seed=1)  # the reference data, loaded once
    with CaptureQueriesContext(connection) as few:
        generate_archive(150, seed=2)
    with CaptureQueriesContext(connection) as many:
        generate_archive(1200, seed=3)

    def writes(captured):
        # The table of counts has a row per year, body, language and kind found, so its
        # rebuild writes more rows (in batches) for a bigger archive; not per item.
        return [q["sql"] for q in captured if '"news_newscount"' not in q["sql"]]

    assert len(writes(many)) == len(writes(few))


def test_generated_items_are_searchable_and_later_saves_take_new_keys(make_item):
    from news.fulltext import search_news

    generate_archive(120, seed=5)
    generated = NewsItem.objects.published()
    # Every item is in the search index (filled after the load), with the words of its title.
    word = generated.order_by("id").first().title.split()[-1]
    expected = {i.pk for i in generated if word.lower() in f"{i.title} {i.text}".lower()}
    assert {i.pk for i in search_news(generated, word)} >= expected
    # The keys given by the load are behind the database's counters: saves go on, and the
    # index is kept by its triggers again.
    item = make_item(title="Ombudsmen convene", text="Zyxwvut quorum.")
    assert item.pk > max(generated.exclude(pk=item.pk).values_list("pk", flat=True))
    assert list(search_news(NewsItem.objects.all(), "zyxwvut")) == [item]
    speech = Statement.objects.create(
        speaker=Official.objects.order_by("pk").first(),
        text="Said.",
        language="en",
        said_on=item.published_on,
    )
    assert speech.history.count() == 1


def test_a_generated_archive_passes_the_data_checks():
    from core.integrity import all_checks

    generate_archive(150, seed=6)
    # The reference data has findings of its own (two presidents of Kyrgyzstan overlap):
    # the checks of what the load writes must find nothing.
    checks = {check.code: check for check in all_checks()}
    for code in ("counts_out_of_step", "official_out_of_post"):
        assert checks[code].function() == []
