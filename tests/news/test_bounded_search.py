"""A broad search ranks and counts only its newest matches; a narrow one stays exact."""

import datetime

import pytest

from news import fulltext, views


@pytest.fixture
def matches(make_item, council):
    """Twelve items on the treaty, a day apart, newest first; every third names it in the title."""
    items = []
    for n in range(12):
        title = f"Treaty report {n}" if n % 3 == 0 else f"Ministers met, report {n}"
        items.append(
            make_item(
                title=title,
                text="They spoke of the treaty.",
                published_on=datetime.date(2024, 6, 30) - datetime.timedelta(days=n),
                bodies=[council],
            )
        )
    make_item(title="Unrelated news", text="Nothing about it.")
    return items


def listed(client, query, **params):
    response = client.get("/news/", {"q": query, **params})
    assert response.status_code == 200, response.status_code
    return response, [item.title for item in response.context["object_list"]]


def test_a_broad_search_ranks_its_newest_matches_then_lists_the_rest_by_date(
    client, matches, monkeypatch
):
    monkeypatch.setattr(fulltext, "SEARCH_CAP", 5)
    response, titles = listed(client, "treaty")
    newest, older = matches[:5], matches[5:]
    # Among the five newest, the two with the word in the title come first.
    assert titles[:2] == ["Treaty report 0", "Treaty report 3"]
    assert set(titles[:5]) == {item.title for item in newest}
    assert titles[5:] == [item.title for item in older]
    assert response.context["estimated"] is True
    assert "body_facets" not in response.context
    assert b"About" in response.content


def test_pages_of_a_broad_search_join_up_without_gaps_or_repeats(client, matches, monkeypatch):
    monkeypatch.setattr(fulltext, "SEARCH_CAP", 5)
    monkeypatch.setattr(views.NewsListView, "paginate_by", 3)
    pages = [listed(client, "treaty", page=n)[1] for n in (1, 2, 3, 4)]
    joined = [title for page in pages for title in page]
    ranked_first = ["Treaty report 0", "Treaty report 3"]
    newest = ranked_first + [i.title for i in matches[:5] if i.title not in ranked_first]
    assert joined == newest + [item.title for item in matches[5:]]


def test_the_estimate_follows_how_far_back_the_newest_matches_reach(
    client, matches, make_item, monkeypatch
):
    """Half of the newest items match: about twice the cap of the whole list's items match."""
    monkeypatch.setattr(fulltext, "SEARCH_CAP", 4)
    for n in range(12):  # an unrelated item between each two matches
        make_item(
            title=f"Other {n}",
            published_on=datetime.date(2024, 6, 30) - datetime.timedelta(days=n, hours=0),
        )
    response, _titles = listed(client, "treaty")
    assert response.context["estimated"] is True
    total = 12 + 12 + 1  # matches, others, the unrelated item
    assert 8 <= response.context["paginator"].count <= total


def test_a_narrow_search_is_exact_with_its_facets(client, matches):
    response, titles = listed(client, "treaty")  # twelve matches, under the cap
    assert response.context["estimated"] is False
    assert response.context["paginator"].count == 12
    assert titles[:4] == [f"Treaty report {n}" for n in (0, 3, 6, 9)]
    assert [facet.count for facet in response.context["body_facets"]] == [12]


def test_round_estimate():
    assert fulltext.round_estimate(54_321) == 54_000
    assert fulltext.round_estimate(1_049) == 1_000
    assert fulltext.round_estimate(87) == 87


def test_a_common_word_lists_the_same_items_by_either_plan(db, client, monkeypatch):
    """On SQLite a word in most items walks the list's date index instead of reading every
    match: the newest matches, the count and the page are the same by either plan."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from news.counts import rebuild
    from news.models import NewsItem, Status

    start = datetime.date(2020, 1, 1)
    NewsItem.objects.bulk_create(
        NewsItem(
            title=f"Report {n}",
            slug=f"report-{n}",
            published_on=start + datetime.timedelta(days=(n * 7919) % 1500),
            language="en",
            text="The security council met." if n % 10 else "The ministers met.",
            status=Status.PUBLISHED,
        )
        for n in range(1300)
    )
    rebuild()  # rows written without save(), as a bulk load does
    fulltext._common.cache_clear()
    with CaptureQueriesContext(connection) as walked:
        common = listed(client, "security", page=3)
    walked = [query["sql"] for query in walked]  # read now: the next request resets the log
    monkeypatch.setattr(fulltext, "is_common", lambda alias, match: False)
    cache.clear()  # the same address: computed again, not served from the page cache
    plain = listed(client, "security", page=3)
    assert common[1] == plain[1] and len(common[1]) == 20
    paginator = common[0].context["paginator"]
    assert paginator.count == plain[0].context["paginator"].count
    if connection.vendor == "sqlite":
        assert any('+"news_newsitem"."id" IN' in sql for sql in walked)
