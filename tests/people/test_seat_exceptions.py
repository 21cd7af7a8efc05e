"""The seat rule with per-state exceptions, and "meetings attended" by the same rule.

Own data: a Council whose rule seats presidents, where one state's seat passes to its prime
minister from a date; a council of ministers with a state that left. The last test reads
the shipped reference data: Armenia's Prime Minister sits on the Collective Security Council.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError

from people.meetings import attendance, seats
from people.models import (
    Body,
    Meeting,
    MeetingAbsence,
    MembershipEvent,
    MemberState,
    Official,
    Position,
    SeatException,
)
from people.reference import load_reference

CHANGE = datetime.date(2018, 4, 9)
Title = Position.Title


def state(name, code, joined=datetime.date(1992, 5, 15), left=None):
    member = MemberState.objects.create(name=name, slug=name.lower(), iso_code=code)
    MembershipEvent.objects.create(state=member, kind=MembershipEvent.Kind.JOINED, date=joined)
    if left:
        MembershipEvent.objects.create(state=member, kind=MembershipEvent.Kind.WITHDREW, date=left)
    return member


def holder(name, title, of, start, end=None):
    person = Official.objects.create(name=name, slug=name.lower().replace(" ", "-"), country=of)
    Position.objects.create(official=person, title=title, state=of, start=start, end=end)
    return person


def meeting(body, day):
    return Meeting.objects.create(body=body, slug=f"{body.slug}-{day.isoformat()}", date=day)


@pytest.fixture
def council(db):
    body = Body.objects.create(
        name="Test Council",
        slug="test-council",
        kind=Body.Kind.STATUTORY,
        member_post=Title.PRESIDENT,
    )
    alpha, beta = state("Alpha", "AA"), state("Beta", "BB")
    people = {
        "alpha_president": holder("Alpha President", Title.PRESIDENT, alpha, CHANGE.replace(2008)),
        "alpha_premier": holder("Alpha Premier", Title.PRIME_MINISTER, alpha, CHANGE.replace(2016)),
        "beta_president": holder("Beta President", Title.PRESIDENT, beta, CHANGE.replace(2000)),
        "beta_premier": holder("Beta Premier", Title.PRIME_MINISTER, beta, CHANGE.replace(2000)),
    }
    SeatException.objects.create(body=body, state=alpha, post=Title.PRIME_MINISTER, start=CHANGE)
    meetings = {year: meeting(body, datetime.date(year, 11, 20)) for year in (2017, 2019, 2024)}
    return {"body": body, "alpha": alpha, "beta": beta, "meetings": meetings, **people}


def seated(at):
    return {seat.state.name: seat.official and seat.official.name for seat in seats(at)}


def test_the_exception_seats_the_other_post_from_its_date(council):
    before, after = council["meetings"][2017], council["meetings"][2019]
    assert seated(before) == {"Alpha": "Alpha President", "Beta": "Beta President"}
    # From the change Alpha's prime minister sits; Beta keeps the body's rule.
    assert seated(after) == {"Alpha": "Alpha Premier", "Beta": "Beta President"}


def test_the_exception_seats_on_its_first_day_and_stops_after_its_end(council):
    assert seated(meeting(council["body"], CHANGE))["Alpha"] == "Alpha Premier"
    assert seated(meeting(council["body"], CHANGE - datetime.timedelta(days=1)))["Alpha"] == (
        "Alpha President"
    )
    exception = SeatException.objects.get()
    exception.end = datetime.date(2020, 12, 31)
    exception.save()
    assert seated(council["meetings"][2019])["Alpha"] == "Alpha Premier"
    assert seated(council["meetings"][2024])["Alpha"] == "Alpha President"


def test_an_exception_holds_for_its_own_body_only(council, ministers):
    ministers.member_post = Title.PRESIDENT
    ministers.save()
    other = meeting(ministers, datetime.date(2019, 6, 1))
    assert seated(other)["Alpha"] == "Alpha President"


def test_a_later_exception_takes_the_seat_over(council):
    SeatException.objects.create(
        body=council["body"],
        state=council["alpha"],
        post=Title.FOREIGN_MINISTER,
        start=datetime.date(2022, 1, 1),
    )
    minister = holder(
        "Alpha Minister", Title.FOREIGN_MINISTER, council["alpha"], datetime.date(2021, 1, 1)
    )
    assert seated(council["meetings"][2024])["Alpha"] == "Alpha Minister"
    assert seated(council["meetings"][2019])["Alpha"] == "Alpha Premier"
    assert list(Meeting.objects.attended_by(minister)) == [council["meetings"][2024]]
    assert council["meetings"][2024] not in Meeting.objects.attended_by(council["alpha_premier"])


def test_a_seat_whose_post_nobody_holds_is_empty_not_the_rule_holder(council):
    Position.objects.filter(official=council["alpha_premier"]).delete()
    assert seated(council["meetings"][2019]) == {"Alpha": None, "Beta": "Beta President"}


def test_meetings_attended_follow_the_exception(council):
    years = council["meetings"]
    attended = {
        name: sorted(m.date.year for m in Meeting.objects.attended_by(council[name]))
        for name in ("alpha_president", "alpha_premier", "beta_president", "beta_premier")
    }
    assert attended == {
        "alpha_president": [2017],  # still president after the change, but no longer seated
        "alpha_premier": [2019, 2024],
        "beta_president": [2017, 2019, 2024],
        "beta_premier": [],
    }
    # The Popolo attendees (many meetings at once) follow the same rule.
    by_meeting = attendance(Meeting.objects.select_related("body"))
    assert [o.name for o in by_meeting[years[2019].pk]] == ["Alpha Premier", "Beta President"]
    assert [o.name for o in by_meeting[years[2017].pk]] == ["Alpha President", "Beta President"]


def test_an_exception_ending_before_it_starts_is_refused(council):
    exception = SeatException(
        body=council["body"],
        state=council["beta"],
        post=Title.PRIME_MINISTER,
        start=CHANGE,
        end=CHANGE - datetime.timedelta(days=1),
    )
    with pytest.raises(ValidationError):
        exception.full_clean()


def test_the_meeting_page_shows_the_exception_holder_in_constant_queries(
    client, council, count_queries
):
    url = council["meetings"][2019].get_absolute_url()
    before = count_queries(url)
    for number in range(5):
        other = state(f"Extra{number}", "E" + "ABCDE"[number])
        holder(f"Extra Premier {number}", Title.PRIME_MINISTER, other, CHANGE.replace(2010))
        SeatException.objects.create(
            body=council["body"], state=other, post=Title.PRIME_MINISTER, start=CHANGE
        )
    assert count_queries(url) == before
    page = client.get(url).content.decode()
    assert "Alpha Premier" in page and "Alpha President" not in page
    assert "Extra Premier 4" in page


# attended_by() and membership: the seats count only parties on the day; so does it.


@pytest.fixture
def left_state(db, ministers):
    ministers.member_post = Title.FOREIGN_MINISTER
    ministers.save()
    gone = state("Gone", "GN", joined=datetime.date(1994, 4, 20), left=datetime.date(2012, 12, 19))
    back = MemberState.objects.create(name="Back", slug="back", iso_code="BK")
    for kind, day in (
        (MembershipEvent.Kind.JOINED, datetime.date(1994, 4, 20)),
        (MembershipEvent.Kind.WITHDREW, datetime.date(1999, 4, 2)),
        (MembershipEvent.Kind.RESUMED, datetime.date(2006, 8, 16)),
    ):
        MembershipEvent.objects.create(state=back, kind=kind, date=day)
    minister = holder("Gone Minister", Title.FOREIGN_MINISTER, gone, datetime.date(2005, 1, 1))
    long_serving = holder("Back Minister", Title.FOREIGN_MINISTER, back, datetime.date(1995, 1, 1))
    days = [datetime.date(year, 6, 1) for year in (1998, 2003, 2010, 2012, 2013, 2020)]
    days.append(datetime.date(2012, 12, 19))  # the day it left: no longer a party
    meetings = {day: meeting(ministers, day) for day in days}
    return {"gone": minister, "back": long_serving, "meetings": meetings, "state": gone}


def test_attended_by_counts_only_meetings_held_while_the_state_was_a_party(left_state):
    gone = sorted(m.date for m in Meeting.objects.attended_by(left_state["gone"]))
    assert gone == [datetime.date(2010, 6, 1), datetime.date(2012, 6, 1)]
    back = sorted(m.date.year for m in Meeting.objects.attended_by(left_state["back"]))
    assert back == [1998, 2010, 2012, 2012, 2013, 2020]  # not 2003: out between 1999 and 2006


def test_attended_by_leaves_out_a_recorded_absence(left_state):
    held = left_state["meetings"][datetime.date(2010, 6, 1)]
    MeetingAbsence.objects.create(
        meeting=held, state=left_state["state"], source_url="https://example.org/absent"
    )
    gone = sorted(m.date for m in Meeting.objects.attended_by(left_state["gone"]))
    assert gone == [datetime.date(2012, 6, 1)]


def test_attended_by_and_the_seats_agree_on_every_meeting(council, left_state):
    """The two paths of the rule (one meeting's seats, one official's meetings) agree."""
    for held in Meeting.objects.select_related("body"):
        sitting = {s.official.pk for s in seats(held) if s.official and s.absence is None}
        for official in Official.objects.all():
            assert (official.pk in sitting) == Meeting.objects.attended_by(official).filter(
                pk=held.pk
            ).exists(), (held, official)


def test_official_page_lists_only_meetings_held_while_a_party(client, left_state):
    page = client.get(left_state["gone"].get_absolute_url()).content.decode()
    listed = {
        day for day, held in left_state["meetings"].items() if held.get_absolute_url() in page
    }
    assert listed == {datetime.date(2010, 6, 1), datetime.date(2012, 6, 1)}


# The shipped reference data: Armenia's seat on the Collective Security Council.


def test_reference_data_seats_armenias_prime_minister_on_the_council(db):
    load_reference()
    council = Body.objects.get(name="Collective Security Council")
    armenia = MemberState.objects.get(slug="armenia")
    assert SeatException.objects.filter(
        body=council, state=armenia, post=Title.PRIME_MINISTER
    ).exists()
    prime_minister = Position.objects.filter(
        state=armenia, title=Title.PRIME_MINISTER, end__isnull=True
    ).first()
    if prime_minister is None:
        pytest.skip("the reference data holds no current prime minister of Armenia")
    session = (
        council.meetings.filter(date__gte=prime_minister.start).exclude(absences__state=armenia)
    ).earliest("date")
    seat = next(seat for seat in seats(session) if seat.state == armenia)
    assert seat.official == prime_minister.official
    before = council.meetings.filter(date__lt=datetime.date(2018, 1, 1)).latest("date")
    seat = next(seat for seat in seats(before) if seat.state == armenia)
    assert seat.position is None or seat.position.title == Title.PRESIDENT
    # Loading again adds nothing.
    count = SeatException.objects.count()
    load_reference()
    assert SeatException.objects.count() == count


def test_meetings_attended_take_the_same_queries_whatever_the_number_of_posts(
    django_assert_num_queries, council, left_state
):
    official = council["alpha_premier"]
    with django_assert_num_queries(5):  # the four of the rule, then the meetings
        list(Meeting.objects.attended_by(official))
    for year, title in ((1995, Title.FOREIGN_MINISTER), (2000, Title.DEFENCE_MINISTER)):
        Position.objects.create(
            official=official,
            title=title,
            state=left_state["state"],
            start=datetime.date(year, 1, 1),
            end=datetime.date(year + 4, 1, 1),
        )
    with django_assert_num_queries(5):
        assert len(Meeting.objects.attended_by(official)) == 2 + 1  # 1998 as a minister
