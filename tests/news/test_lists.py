"""News and statement lists: filters, facet counts, bad input."""

import datetime

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from news.models import Status
from people.models import Official

D = datetime.date


@pytest.fixture
def spread(make_item, council, ministers, official, kazakhstan):
    """Five published items and a draft across bodies, years and languages."""
    items = [
        make_item(title="CSC session 2023", published_on=D(2023, 11, 23), bodies=[council]),
        make_item(title="CFM meeting 2023", published_on=D(2023, 6, 1), bodies=[ministers]),
        make_item(title="CFM meeting 2024", published_on=D(2024, 6, 21), bodies=[ministers]),
        make_item(
            title="Joint meeting 2024", published_on=D(2024, 11, 27), bodies=[council, ministers]
        ),
        make_item(
            title="Заседание СМИД", published_on=D(2024, 6, 21), language="ru", bodies=[ministers]
        ),
        make_item(
            title="Hidden draft 2024",
            published_on=D(2024, 1, 1),
            bodies=[ministers],
            status=Status.DRAFT,
        ),
    ]
    items[3].officials.add(official)
    items[3].states.add(kazakhstan)
    return items


def titles(response):
    return {item.title for item in response.context["object_list"]}


def test_body_and_year_narrow_the_list(client, spread):
    response = client.get("/news/", {"body": "council-of-foreign-ministers", "year": "2024"})
    assert titles(response) == {"CFM meeting 2024", "Joint meeting 2024", "Заседание СМИД"}
    assertContains(response, "3 items")


def test_several_bodies_are_either(client, spread):
    response = client.get(
        "/news/?body=collective-security-council&body=council-of-foreign-ministers&year=2023"
    )
    assert titles(response) == {"CSC session 2023", "CFM meeting 2023"}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"official": "aidar-testbekov"}, {"Joint meeting 2024"}),
        ({"state": "kazakhstan"}, {"Joint meeting 2024"}),
        ({"language": "ru"}, {"Заседание СМИД"}),
        ({"q": "cfm MEETING"}, {"CFM meeting 2023", "CFM meeting 2024"}),
        ({"q": "смид"}, {"Заседание СМИД"}),
        ({"q": "заседание"}, {"Заседание СМИД"}),
    ],
)
def test_other_filters(client, spread, params, expected):
    assert titles(client.get("/news/", params)) == expected


def test_year_archive(client, spread):
    response = client.get(reverse("news:year", kwargs={"year": 2023}))
    assert titles(response) == {"CSC session 2023", "CFM meeting 2023"}


def test_facets_count_matches_of_the_other_filters(client, spread):
    response = client.get("/news/", {"body": "council-of-foreign-ministers", "year": "2024"})
    years = {f.label: f.count for f in response.context["year_facets"]}
    bodies = {f.label: f.count for f in response.context["body_facets"]}
    # Year counts keep the body filter; body counts keep the year filter; drafts never count.
    assert years == {"2024": 3, "2023": 1}
    assert bodies == {"Council of Foreign Ministers": 3, "Collective Security Council": 1}
    active = [f.label for f in response.context["year_facets"] if f.active]
    assert active == ["2024"]


def test_facet_and_active_filter_links_keep_the_other_filters(client, spread):
    response = client.get(
        "/news/", {"body": "council-of-foreign-ministers", "year": "2024", "page": "1"}
    )
    removals = {label: query for label, _shown, query in response.context["active_filters"]}
    assert removals["Year"] == "body=council-of-foreign-ministers"
    assert removals["Body"] == "year=2024"
    year_2023 = next(f for f in response.context["year_facets"] if f.label == "2023")
    assert year_2023.query == "body=council-of-foreign-ministers&year=2023"


def test_pagination_keeps_the_filters(client, make_item, ministers):
    for n in range(25):
        make_item(bodies=[ministers], published_on=D(2024, 1, 1) + datetime.timedelta(days=n))
    response = client.get("/news/", {"body": "council-of-foreign-ministers"})
    assertContains(response, 'href="?body=council-of-foreign-ministers&amp;page=2"')
    assert (
        len(
            client.get("/news/", {"body": "council-of-foreign-ministers", "page": 2}).context[
                "object_list"
            ]
        )
        == 5
    )


@pytest.mark.parametrize(
    "query",
    [
        "year=abc",
        "year=99999",
        "year=-5",
        "body=nope",
        "official=nobody",
        "state=atlantis",
        "language=fr",
        "kind=poem",
        "q=" + "x" * 5000,
        "q=a%00b",
        "body=&body=&year=&year=2024&year=2023",
    ],
)
def test_bad_filters_show_a_message_and_nothing(client, spread, query):
    response = client.get("/news/?" + query)
    assert response.status_code == 200
    if response.context["filter_errors"]:
        assertContains(response, "Some filters could not be used")
        assert list(response.context["object_list"]) == []


@pytest.mark.parametrize("page", ["abc", "-1", "0", "99999", "1.5"])
def test_bad_pages_are_404(client, spread, page):
    assert client.get("/news/", {"page": page}).status_code == 404


def test_statement_filters(client, make_statement, official, other_speaker, council):
    make_statement(text="Talked about borders.", said_on=D(2024, 5, 1), body=council)
    make_statement(text="Talked about drills.", said_on=D(2023, 5, 1))
    make_statement(text="Secret draft words.", said_on=D(2024, 5, 2), status=Status.DRAFT)
    make_statement(
        speaker=other_speaker,
        text="Другой оратор о границах.",
        language="ru",
        said_on=D(2024, 5, 3),
    )

    def texts(**params):
        return {s.text for s in client.get("/statements/", params).context["object_list"]}

    assert texts(speaker="aidar-testbekov") == {"Talked about borders.", "Talked about drills."}
    assert texts(year="2024") == {"Talked about borders.", "Другой оратор о границах."}
    assert texts(body="collective-security-council") == {"Talked about borders."}
    assert texts(language="ru") == {"Другой оратор о границах."}
    assert texts(q="ГРАНИЦАХ") == {"Другой оратор о границах."}
    assertNotContains(client.get("/statements/"), "Secret draft words.")


def test_filter_choices_follow_new_people(client, spread):
    """The official choices are cached per archive version: a new official shows at once."""
    assertNotContains(client.get(reverse("news:list")), "Nadia Quillfeather")
    Official.objects.create(name="Nadia Quillfeather", slug="nadia-quillfeather")
    assertContains(
        client.get(reverse("news:list")), 'value="nadia-quillfeather">Nadia Quillfeather'
    )


def test_facets_leave_out_only_their_own_filter(client, spread, ministers):
    """The year facet counts the chosen body's items in each year, whatever year is chosen."""
    response = client.get(reverse("news:list"), {"body": ministers.slug, "year": 2024})
    years = {facet.label: facet.count for facet in response.context["year_facets"]}
    assert years == {"2024": 3, "2023": 1}


def test_the_plain_list_counts_every_year_and_body(client, spread, council, ministers):
    response = client.get(reverse("news:list"))
    years = {facet.label: facet.count for facet in response.context["year_facets"]}
    bodies = {facet.label: facet.count for facet in response.context["body_facets"]}
    assert years == {"2024": 3, "2023": 2}
    assert bodies == {council.display_name: 2, ministers.display_name: 4}


def test_a_single_value_filter_given_twice_shows_the_value_it_used(client, spread, council):
    """The statements' body filter reads the last value; an earlier NUL is never looked up."""
    response = client.get(reverse("news:statement_list"), {"body": ["\x00", council.slug]})
    assert response.status_code == 200
    shown = [value for _label, value, _query in response.context["active_filters"]]
    assert shown == [council.display_name]
