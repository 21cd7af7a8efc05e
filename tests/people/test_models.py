import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from people.models import Body, Chairmanship, MembershipEvent, Official, Position, split_aliases

D = datetime.date


def test_position_end_before_start_is_refused_by_the_database(official):
    with pytest.raises(IntegrityError), transaction.atomic():
        Position.objects.create(
            official=official,
            title=Position.Title.PRESIDENT,
            start=D(2020, 5, 1),
            end=D(2020, 4, 30),
        )


def test_position_end_before_start_is_a_validation_error(official):
    position = Position(
        official=official, title=Position.Title.PRESIDENT, start=D(2020, 5, 1), end=D(2019, 1, 1)
    )
    with pytest.raises(ValidationError, match="end date cannot be before"):
        position.full_clean()


def test_position_on_a_date(official):
    assert [p.title for p in official.positions.on(D(2021, 6, 1))] == ["deputy_secretary_general"]
    assert [p.title for p in official.positions.on(D(2023, 1, 1))] == ["secretary_general"]
    # The last day of a post still counts as held.
    assert [p.title for p in official.positions.on(D(2022, 12, 31))] == ["deputy_secretary_general"]
    assert not official.positions.on(D(2019, 12, 31)).exists()


def test_current_and_past_positions(official, other_official):
    Position.objects.create(
        official=other_official,
        title=Position.Title.PRESIDENT,
        start=D(2001, 1, 1),
        end=D(2005, 1, 1),
    )
    current = Position.objects.current()
    assert {(p.official.slug, p.title) for p in current} == {
        ("aidar-testbekov", "secretary_general")
    }
    assert {p.official.slug for p in Position.objects.past()} == {"aidar-testbekov", "boris-testov"}


def test_position_on_picks_latest_started(official):
    assert official.position_on(D(2024, 3, 3)).title == Position.Title.SECRETARY_GENERAL
    assert official.position_on(D(1999, 1, 1)) is None


def test_official_cannot_have_two_countries(kazakhstan):
    with pytest.raises(IntegrityError), transaction.atomic():
        Official.objects.create(name="X", slug="x", country=kazakhstan, country_other="Serbia")


def test_membership_on_a_date(kazakhstan):
    MembershipEvent.objects.create(state=kazakhstan, kind="signed", date=D(1992, 5, 15))
    MembershipEvent.objects.create(state=kazakhstan, kind="withdrew", date=D(1999, 4, 2))
    MembershipEvent.objects.create(state=kazakhstan, kind="resumed", date=D(2006, 8, 16))
    assert kazakhstan.is_member_on(D(1995, 1, 1))
    assert not kazakhstan.is_member_on(D(2000, 1, 1))
    assert kazakhstan.is_member_on(D(2010, 1, 1))
    assert not kazakhstan.is_member_on(D(1990, 1, 1))


def test_event_date_shown_as_precisely_as_known(kazakhstan):
    event = MembershipEvent(state=kazakhstan, kind="joined", date=D(1993, 1, 1), precision="year")
    assert event.display_date == "1993"


def test_body_cannot_sit_under_itself(council, ministers):
    ministers.parent = council
    ministers.save()
    council.parent = ministers
    with pytest.raises(ValidationError, match="cannot sit under itself"):
        council.full_clean()


def test_chairmanship_year_is_unique(kazakhstan):
    Chairmanship.objects.create(year=2024, state=kazakhstan)
    with pytest.raises(IntegrityError), transaction.atomic():
        Chairmanship.objects.create(year=2024, state=kazakhstan)
    assert Chairmanship.for_year(2024).state == kazakhstan


def test_aliases_are_split_by_line():
    assert split_aliases(" CSC \n\nСКБ\nCSC\n") == ["CSC", "СКБ"]


def test_absolute_urls_resolve(client, official, council, kazakhstan):
    for obj in (official, council, kazakhstan):
        assert client.get(obj.get_absolute_url()).status_code == 200


def test_body_kinds_cover_the_contract():
    assert set(Body.Kind.values) == {
        "statutory",
        "permanent",
        "subsidiary",
        "working_group",
        "coordination_council",
        "parliamentary",
    }


def test_position_without_start_is_never_current(other_official):
    Position.objects.create(official=other_official, title=Position.Title.PERMANENT_REPRESENTATIVE)
    assert not Position.objects.filter(official=other_official).current().exists()
    assert not Position.objects.filter(official=other_official).on(D(2019, 1, 1)).exists()
