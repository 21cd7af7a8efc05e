"""The Popolo export: the properties the Popolo specification requires, and ids that resolve."""

import datetime
import re

import pytest

from people.models import Official, Position

pytestmark = pytest.mark.django_db

POPOLO_DATE = re.compile(r"^[0-9]{4}(-[0-9]{2}){0,2}$")


def check_names_and_links(record):
    for other in record.get("other_names", []):
        assert other["name"]
    for link in record.get("links", []) + record.get("sources", []):
        assert link["url"].startswith(("http://", "https://"))
    for identifier in record.get("identifiers", []):
        assert identifier["identifier"] and identifier["scheme"]


def check_dates(record):
    for key in ("start_date", "end_date", "birth_date", "founding_date"):
        if key in record:
            assert isinstance(record[key], str) and POPOLO_DATE.match(record[key]), record


def test_popolo_document(client, archive, official, secretariat, council, kazakhstan):
    minister = Official.objects.create(
        name="Daulet Ministrov",
        name_ru="Даулет Министров",
        slug="daulet-ministrov",
        country=kazakhstan,
        aliases="D. Ministrov\nМинистров",
    )
    Position.objects.create(
        official=minister,
        title=Position.Title.FOREIGN_MINISTER,
        state=kazakhstan,
        start=datetime.date(2019, 2, 1),
        end=datetime.date(2021, 3, 4),
        source_url="https://example.org/appointed",
    )
    response = client.get("/api/popolo.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    document = response.json()
    assert set(document) == {"persons", "organizations", "posts", "memberships", "events"}

    ids = [r["id"] for key in document for r in document[key]]
    assert len(ids) == len(set(ids)), "ids are unique across the document"
    persons = {p["id"]: p for p in document["persons"]}
    organizations = {o["id"]: o for o in document["organizations"]}
    posts = {p["id"]: p for p in document["posts"]}

    for person in persons.values():
        assert person["name"]
        check_names_and_links(person)
    assert len(persons) == Official.objects.count()
    ministrov = persons[f"person/{minister.pk}"]
    assert {"name": "Даулет Министров", "note": "Russian"} in ministrov["other_names"]
    assert {"name": "D. Ministrov", "note": "alias"} in ministrov["other_names"]
    assert ministrov["national_identity"] == "Kazakhstan"

    for organization in organizations.values():
        assert organization["name"] and organization["classification"]
        assert organization["parent_id"] is None or organization["parent_id"] in organizations
        check_names_and_links(organization)
    assert organizations[f"organization/body-{secretariat.pk}"]["parent_id"] == (
        f"organization/body-{council.pk}"
    )
    assert organizations[f"organization/state-{kazakhstan.pk}"]["classification"] == (
        "member state"
    )

    for post in posts.values():
        assert post["label"] and post["organization_id"] in organizations
    assert len(document["memberships"]) == Position.objects.count() == 3
    for membership in document["memberships"]:
        assert membership["person_id"] in persons
        assert membership["organization_id"] in organizations
        assert membership.get("post_id") in posts
        check_dates(membership)
        check_names_and_links(membership)
    minister_term = next(
        m for m in document["memberships"] if m["person_id"] == f"person/{minister.pk}"
    )
    assert minister_term["start_date"] == "2019-02-01"
    assert minister_term["end_date"] == "2021-03-04"
    assert minister_term["sources"] == [{"url": "https://example.org/appointed"}]
    assert posts[minister_term["post_id"]]["label"] == "Minister of Foreign Affairs, Kazakhstan"
    # Each title at a body is one post.
    secretariat_posts = [
        p for p in posts.values() if p["organization_id"].endswith(f"body-{secretariat.pk}")
    ]
    assert sorted(p["role"] for p in secretariat_posts) == [
        "Deputy Secretary General",
        "Secretary General",
    ]
    current = next(m for m in document["memberships"] if m["role"] == "Secretary General")
    assert "end_date" not in current


def test_a_post_is_shared_by_its_holders_over_time(client, official, secretariat):
    successor = Official.objects.create(name="Next One", slug="next-one")
    Position.objects.create(
        official=successor,
        title=Position.Title.SECRETARY_GENERAL,
        body=secretariat,
        start=datetime.date(2030, 1, 1),
    )
    document = client.get("/api/popolo.json").json()
    general = [m for m in document["memberships"] if m["role"] == "Secretary General"]
    assert len(general) == 2
    assert general[0]["post_id"] == general[1]["post_id"]
    assert {m["person_id"] for m in general} == {
        f"person/{official.pk}",
        f"person/{successor.pk}",
    }
