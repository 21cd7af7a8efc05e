"""CSV and JSON downloads of the officials, bodies and member states lists; position sources."""

import csv
import datetime
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pytest_django.asserts import assertContains

from people.models import Body, MembershipEvent, MemberState, Official, Position


def body_of(response):
    assert response.status_code == 200
    assert response.streaming
    return b"".join(response.streaming_content)


def csv_rows(response):
    return list(csv.DictReader(io.StringIO(body_of(response).decode("utf-8"))))


def json_rows(response):
    return json.loads(body_of(response))


@pytest.fixture
def armenia(db):
    return MemberState.objects.create(
        name="Armenia", name_ru="Армения", slug="armenia", iso_code="AM"
    )


@pytest.fixture
def people(official, other_official, armenia, council):
    """Two Kazakh officials (one with posts) and one Armenian minister."""
    minister = Official.objects.create(name="Vahe Testyan", slug="vahe-testyan", country=armenia)
    Position.objects.create(
        official=minister,
        title=Position.Title.FOREIGN_MINISTER,
        state=armenia,
        start=datetime.date(2021, 8, 1),
        source_url="https://example.org/appointed",
    )
    return official, other_official, minister


def test_officials_export_has_the_rows_the_list_shows(client, people):
    response = client.get("/officials/?state=kazakhstan")
    listed = [official.slug for official in response.context["object_list"]]
    rows = csv_rows(client.get("/officials/?state=kazakhstan&format=csv"))
    assert [row["slug"] for row in rows] == listed == ["aidar-testbekov", "boris-testov"]
    assert rows[0]["country"] == "kazakhstan"
    assert rows[0]["current_posts"] == "Secretary General, Secretariat"
    assert client.get("/officials/?state=kazakhstan&format=csv")["Content-Disposition"] == (
        'attachment; filename="officials-state-kazakhstan.csv"'
    )


def test_officials_json_lists_current_posts(client, people):
    records = {r["slug"]: r for r in json_rows(client.get("/officials/?format=json"))}
    assert set(records) == {"aidar-testbekov", "boris-testov", "vahe-testyan"}
    assert records["vahe-testyan"]["current_posts"] == [
        {
            "title": "foreign_minister",
            "label": "Minister of Foreign Affairs, Armenia",
            "body": None,
            "state": "armenia",
            "start": "2021-08-01",
        }
    ]
    assert records["boris-testov"]["current_posts"] == []
    assert records["aidar-testbekov"]["url"] == "http://testserver/officials/aidar-testbekov/"


def test_officials_search_and_post_filters_apply(client, people):
    rows = csv_rows(client.get("/officials/?q=testyan&format=csv"))
    assert [row["slug"] for row in rows] == ["vahe-testyan"]
    rows = csv_rows(client.get("/officials/?post=secretary_general&format=csv"))
    assert [row["slug"] for row in rows] == ["aidar-testbekov"]


def test_officials_invalid_filter_is_a_400(client, people):
    response = client.get("/officials/?state=atlantis&format=json")
    assert response.status_code == 400
    assert "state:" in response.content.decode()


def test_officials_queries_do_not_grow_with_the_rows(client, people, secretariat):
    def count():
        with CaptureQueriesContext(connection) as queries:
            body_of(client.get("/officials/?format=csv"))
        return len(queries.captured_queries)

    few = count()
    for n in range(15):
        person = Official.objects.create(name=f"Person {n}", slug=f"person-{n}")
        Position.objects.create(
            official=person,
            title=Position.Title.PERMANENT_REPRESENTATIVE,
            body=secretariat,
            start=datetime.date(2022, 1, 1),
        )
    assert count() == few


def test_bodies_export(client, council, secretariat):
    committee = Body.objects.create(
        name="Committee of Secretaries",
        name_ru="Комитет секретарей",
        slug="committee-of-secretaries",
        kind=Body.Kind.STATUTORY,
        parent=council,
    )
    rows = {row["slug"]: row for row in csv_rows(client.get("/bodies/?format=csv"))}
    assert set(rows) == {council.slug, secretariat.slug, committee.slug}
    assert rows[committee.slug]["parent"] == council.slug
    assert rows[committee.slug]["name_ru"] == "Комитет секретарей"
    assert rows[council.slug]["abbreviation"] == "CSC"
    assert rows[council.slug]["parent"] == ""
    assert rows[secretariat.slug]["kind"] == "permanent"
    records = json_rows(client.get("/bodies/?format=json"))
    assert {r["slug"]: r["parent"] for r in records}[council.slug] is None


def test_states_export_with_membership(client, kazakhstan, armenia):
    MembershipEvent.objects.create(state=armenia, kind="signed", date=datetime.date(1992, 5, 15))
    MembershipEvent.objects.create(
        state=armenia, kind="froze", date=datetime.date(2024, 2, 1), precision="month"
    )
    records = {r["slug"]: r for r in json_rows(client.get("/states/?format=json"))}
    assert records["armenia"]["iso_code"] == "AM"
    assert records["armenia"]["membership"] == [
        {"kind": "signed", "date": "1992-05-15", "precision": "day"},
        {"kind": "froze", "date": "2024-02", "precision": "month"},
    ]
    assert records["kazakhstan"]["membership"] == []
    rows = {row["slug"]: row for row in csv_rows(client.get("/states/?format=csv"))}
    assert rows["armenia"]["membership"] == "signed 1992-05-15;froze 2024-02"


def test_csv_cells_that_look_like_formulas_are_text(client, kazakhstan):
    Body.objects.create(
        name='=HYPERLINK("http://evil.example")',
        name_ru="@SUM(1)",
        abbreviation="+1",
        slug="evil",
        kind=Body.Kind.STATUTORY,
    )
    Official.objects.create(name="-Minus Testov", slug="minus-testov", country_other="\tTab")
    [body] = csv_rows(client.get("/bodies/?format=csv"))
    assert (body["name"], body["name_ru"], body["abbreviation"]) == (
        '\'=HYPERLINK("http://evil.example")',
        "'@SUM(1)",
        "'+1",
    )
    [official] = csv_rows(client.get("/officials/?format=csv"))
    assert (official["name"], official["country_other"]) == ("'-Minus Testov", "'\tTab")
    [record] = json_rows(client.get("/bodies/?format=json"))
    assert (record["name_ru"], record["abbreviation"]) == ("@SUM(1)", "+1")


@pytest.mark.parametrize("url", ["/bodies/", "/states/", "/officials/"])
def test_lists_link_to_their_downloads(client, people, url):
    response = client.get(url)
    assertContains(response, f'href="{url}?format=csv"')
    assertContains(response, f'href="{url}?format=json"')


def test_unknown_format_is_a_400(client, db):
    assert client.get("/bodies/?format=xlsx").status_code == 400


def test_official_page_shows_the_source_of_each_post(client, people):
    response = client.get("/officials/vahe-testyan/")
    assertContains(
        response, '<a href="https://example.org/appointed" rel="noopener nofollow">source</a>'
    )
