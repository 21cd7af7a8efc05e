import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from people.models import Official, Position

CHANGELISTS = ["official", "body", "memberstate", "position", "chairmanship"]


@pytest.mark.parametrize("model", CHANGELISTS)
def test_editor_can_view_people_but_not_add(editor_client, official, model):
    assert editor_client.get(reverse(f"admin:people_{model}_changelist")).status_code == 200
    assert editor_client.get(reverse(f"admin:people_{model}_add")).status_code == 403


@pytest.mark.parametrize("model", CHANGELISTS)
def test_publisher_can_add_people(publisher_client, model):
    assert publisher_client.get(reverse(f"admin:people_{model}_add")).status_code == 200


def official_form(**extra):
    data = {
        "name": "Nurlan Example",
        "name_ru": "",
        "slug": "nurlan-example",
        "country": "",
        "country_other": "",
        "summary": "",
        "aliases": "",
        "change_reason": "",
        "positions-TOTAL_FORMS": "1",
        "positions-INITIAL_FORMS": "0",
        "positions-MIN_NUM_FORMS": "0",
        "positions-MAX_NUM_FORMS": "1000",
        "positions-0-title": "foreign_minister",
        "positions-0-start": "2021-03-01",
        "positions-0-end": "",
        "positions-0-note": "",
        "positions-0-source_url": "",
    }
    return data | extra


def test_publisher_adds_official_with_position_and_history(publisher_client, publisher):
    response = publisher_client.post(reverse("admin:people_official_add"), official_form())
    assert response.status_code == 302
    person = Official.objects.get(slug="nurlan-example")
    assert person.positions.get().title == Position.Title.FOREIGN_MINISTER
    [record] = person.history.all()
    assert record.history_user == publisher
    assert record.history_change_reason == "Created"


def test_position_ending_before_it_starts_is_a_form_error(publisher_client):
    response = publisher_client.post(
        reverse("admin:people_official_add"), official_form(**{"positions-0-end": "2020-01-01"})
    )
    assertContains(response, "The end date cannot be before the start date.")
    assert not Official.objects.filter(slug="nurlan-example").exists()


def test_official_changelist_queries_do_not_grow(
    publisher_client, django_assert_max_num_queries, kazakhstan
):
    for n in range(40):
        person = Official.objects.create(name=f"Person {n}", slug=f"person-{n}", country=kazakhstan)
        Position.objects.create(official=person, title="president")
    with django_assert_max_num_queries(12):
        assert publisher_client.get(reverse("admin:people_official_changelist")).status_code == 200


def test_inline_position_edit_is_recorded_with_the_reason(publisher_client, publisher, official):
    position = official.positions.get(title=Position.Title.SECRETARY_GENERAL)
    entries_before = official.history.count()
    rows = list(official.positions.order_by("pk"))
    data = official_form(
        name=official.name,
        slug=official.slug,
        country=official.country_id,
        change_reason="Added the end of the term",
        **{"positions-TOTAL_FORMS": str(len(rows)), "positions-INITIAL_FORMS": str(len(rows))},
    )
    for i, row in enumerate(rows):
        data |= {
            f"positions-{i}-id": row.pk,
            f"positions-{i}-official": official.pk,
            f"positions-{i}-title": row.title,
            f"positions-{i}-body": row.body_id or "",
            f"positions-{i}-state": "",
            f"positions-{i}-start": row.start.isoformat(),
            f"positions-{i}-end": "2025-12-31"
            if row.pk == position.pk
            else (row.end.isoformat() if row.end else ""),
            f"positions-{i}-note": "",
            f"positions-{i}-source_url": "",
        }
    response = publisher_client.post(
        reverse("admin:people_official_change", args=[official.pk]), data
    )
    assert response.status_code == 302, response.context["inline_admin_formsets"][0].formset.errors
    position.refresh_from_db()
    latest = position.history.latest()
    assert (latest.end.isoformat(), latest.history_user, latest.history_change_reason) == (
        "2025-12-31",
        publisher,
        "Added the end of the term",
    )
    # The official's own fields did not change, so no empty entry is written for them.
    assert official.history.count() == entries_before
