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
