"""The JSON API: the pages' filters, no drafts ever, ETags, stable pages, fixed query counts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from news.filters import NewsFilter, StatementFilter
from news.models import NewsItem, Statement, Status
from people.models import Body, MemberState, Official, Position

pytestmark = pytest.mark.django_db


def all_ids(client, url):
    """Follow an API list's pages and return every id in order."""
    ids = []
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content
        data = response.json()
        ids += [row["id"] for row in data["results"]]
        url = data["next"]
    return ids


NEWS_QUERIES = [
    "",
    "?body=council-of-foreign-ministers",
    "?body=collective-security-council&year=2024",
    "?body=collective-security-council&body=council-of-foreign-ministers",
    "?year=2024&language=ru",
    "?official=aidar-testbekov",
    "?state=kazakhstan",
    "?kind=news&year=2025",
    "?q=borders",
    "?q=nothing-like-this",
]


@pytest.mark.parametrize("query", NEWS_QUERIES)
def test_news_filters_give_the_page_s_items(client, archive, query):
    api = all_ids(client, f"/api/news/{query}{'&' if query else '?'}page_size=2")
    page = client.get(f"/news/{query}")
    assert page.status_code == 200
    on_page = [item.pk for item in page.context["object_list"]]
    filtered = NewsFilter(page.wsgi_request.GET, queryset=NewsItem.objects.published()).qs
    assert set(api) == set(on_page) == set(filtered.values_list("pk", flat=True))
    if "q=" not in query:  # the page ranks a search by relevance, the API keeps dates
        assert api == on_page


@pytest.mark.parametrize(
    "query", ["", "?body=council-of-foreign-ministers", "?year=2023", "?speaker=aidar-testbekov"]
)
def test_statement_filters_give_the_page_s_statements(client, archive, query):
    api = all_ids(client, f"/api/statements/{query}")
    page = client.get(f"/statements/{query}")
    on_page = [statement.pk for statement in page.context["object_list"]]
    filtered = StatementFilter(page.wsgi_request.GET, queryset=Statement.objects.published()).qs
    assert api == on_page
    assert set(api) == set(filtered.values_list("pk", flat=True))


def test_drafts_never_appear(client, archive):
    draft = archive["draft"]
    published = NewsItem.objects.published()
    listed = client.get("/api/news/?page_size=100").json()
    assert listed["count"] == published.count() == NewsItem.objects.count() - 2
    assert draft.pk not in [row["id"] for row in listed["results"]]
    assert client.get(f"/api/news/{draft.pk}/").status_code == 404
    # Filtering by the draft's only body still shows published items only.
    for row in client.get("/api/news/?body=council-of-foreign-ministers&year=2024").json()[
        "results"
    ]:
        assert row["id"] != draft.pk
    # A draft translation is not linked, nor the draft that reported a statement.
    item = client.get(f"/api/news/{archive['items'][4].pk}/").json()
    assert item["translations"] == []
    statements = client.get("/api/statements/").json()
    assert statements["count"] == Statement.objects.published().count() == 2
    by_text_item = {row["date"]: row["news_item"] for row in statements["results"]}
    assert by_text_item["2023-05-05"] is None
    draft_statement = Statement.objects.get(status=Status.DRAFT)
    assert client.get(f"/api/statements/{draft_statement.pk}/").status_code == 404


def test_staff_see_no_drafts_either(client, archive, editor):
    client.force_login(editor)
    ids = all_ids(client, "/api/news/?page_size=100")
    assert archive["draft"].pk not in ids
    assert client.get(f"/api/news/{archive['draft'].pk}/").status_code == 404


def test_news_item_record(client, archive, official, kazakhstan):
    item = archive["items"][0]
    data = client.get(f"/api/news/{item.pk}/").json()
    assert data["id"] == item.pk
    assert data["slug"] == item.slug
    assert data["date"] == item.published_on.isoformat()
    assert data["url"] == "http://testserver" + item.get_absolute_url()
    assert [b["slug"] for b in data["bodies"]] == ["collective-security-council"]
    assert data["officials"] == [
        {"id": official.pk, "slug": official.slug, "name": official.name, "name_ru": ""}
    ]
    assert [s["slug"] for s in data["states"]] == ["kazakhstan"]
    russian = client.get(f"/api/news/{archive['items'][2].pk}/").json()
    assert russian["url"].startswith("http://testserver/ru/news/")
    english = client.get(f"/api/news/{archive['items'][1].pk}/").json()
    assert english["translations"] == [
        {"id": archive["items"][2].pk, "language": "ru", "url": russian["url"]}
    ]
    assert russian["translations"][0]["id"] == archive["items"][1].pk


def test_people_records(client, archive, official, kazakhstan, council):
    officials = client.get("/api/officials/?state=kazakhstan").json()
    assert [row["slug"] for row in officials["results"]] == [official.slug]
    positions = officials["results"][0]["positions"]
    assert [p["title"] for p in positions] == ["deputy_secretary_general", "secretary_general"]
    assert positions[1]["end"] is None and positions[1]["is_current"] is True
    current = client.get("/api/officials/?post=secretary_general").json()
    assert [row["slug"] for row in current["results"]] == [official.slug]
    bodies = client.get("/api/bodies/?slug=secretariat").json()["results"]
    assert bodies[0]["parent"]["slug"] == council.slug
    state = client.get(f"/api/states/{kazakhstan.pk}/").json()
    assert state["events"][0]["kind"] == "signed"
    assert state["chairmanship_years"] == [2024]
    held = client.get("/api/positions/?on=2021-06-01").json()["results"]
    assert [p["title"] for p in held] == ["deputy_secretary_general"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/news/?year=abc",
        "/api/news/?year=99999",
        "/api/news/?body=no-such-body",
        "/api/news/?kind=poem",
        "/api/news/?language=xx",
        "/api/news/?q=" + "word " * 60,
        "/api/statements/?speaker=nobody",
        "/api/officials/?post=king",
        "/api/positions/?on=2024-13-45",
        "/api/bodies/?kind=club",
    ],
)
def test_a_bad_filter_is_a_400_with_reasons(client, archive, url):
    response = client.get(url)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert all(isinstance(reasons, list) for reasons in response.json().values())


@pytest.mark.parametrize(
    "url", ["/api/news/?page=99", "/api/news/?page=abc", "/api/news/0/", "/api/bodies/999999/"]
)
def test_a_missing_page_or_record_is_a_404(client, archive, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "detail" in response.json()


def test_read_only(client, archive):
    item = archive["items"][0]
    assert client.post("/api/news/", {"title": "x"}).status_code == 405
    assert client.delete(f"/api/news/{item.pk}/").status_code == 405
    assert client.put(f"/api/news/{item.pk}/", {}).status_code == 405


@pytest.mark.parametrize("url", ["/api/news/", "/api/news/?year=2024", "/api/popolo.json"])
def test_etag_gives_a_304_until_the_archive_changes(client, archive, url):
    first = client.get(url)
    etag = first["ETag"]
    assert first.status_code == 200 and etag
    again = client.get(url, headers={"if-none-match": etag})
    assert again.status_code == 304
    assert again.content == b""
    archive["items"][0].title = "Changed"
    archive["items"][0].save()
    changed = client.get(url, headers={"if-none-match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_pages_are_stable_and_complete(client, make_item):
    # Many items of one date: the order falls back on the id, so no page repeats a row.
    same_day = [make_item(published_on=datetime.date(2024, 1, 1)) for _ in range(7)]
    ids = all_ids(client, "/api/news/?page_size=3")
    assert ids == sorted((item.pk for item in same_day), reverse=True)
    assert all_ids(client, "/api/news/?page_size=3") == ids
    first = client.get("/api/news/?page_size=3").json()
    assert first["count"] == 7
    assert first["next"].endswith("page=2&page_size=3")


def test_page_size_is_capped(client, make_item):
    for _ in range(3):
        make_item()
    assert len(client.get("/api/news/?page_size=1").json()["results"]) == 1
    pagination = client.get("/api/news/?page_size=100000").json()
    assert len(pagination["results"]) == 3


START = datetime.date(2020, 1, 1)


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize(
    "url",
    [
        "/api/news/?page_size=100",
        "/api/statements/?page_size=100",
        "/api/officials/?page_size=100",
        "/api/positions/?page_size=100",
        "/api/states/?page_size=100",
        "/api/bodies/?page_size=100",
        "/api/popolo.json",
    ],
)
def test_queries_do_not_grow_with_the_list(client, make_item, make_statement, council, url):
    def grow(n):
        for _ in range(n):
            k = next(counter)
            person = Official.objects.create(name=f"Person {k}", slug=f"person-{k}")
            body = Body.objects.create(name=f"Body {k}", slug=f"body-{k}", kind="statutory")
            state = MemberState.objects.create(
                name=f"State {k}", slug=f"state-{k}", iso_code="Q" + chr(65 + k)
            )
            Position.objects.create(
                official=person, title="president", state=state, body=body, start=START
            )
            item = make_item(bodies=[council, body])
            item.officials.add(person)
            item.states.add(state)
            make_statement(speaker=person, body=body, news_item=item)

    counter = iter(range(1, 1000))
    grow(2)
    small = queries(client, url)
    grow(10)
    assert queries(client, url) == small
