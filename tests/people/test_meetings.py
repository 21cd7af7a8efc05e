"""Meetings and documents: who sat there, the pages and their filters, calendars, the API."""

import datetime
import json

import pytest
from django.db import connection
from django.urls import reverse
from icalendar import Calendar

from core.integrity import all_checks
from news.models import Status
from people.meetings import seats
from people.models import (
    Body,
    Document,
    DocumentEvent,
    Meeting,
    MeetingAbsence,
    MembershipEvent,
    MemberState,
    Official,
    Position,
)

DAY = datetime.date(2024, 11, 28)
SOURCE = "https://example.org/astana-session"


def state(name, code, joined=datetime.date(1992, 5, 15), left=None):
    member = MemberState.objects.create(name=name, slug=name.lower(), iso_code=code)
    MembershipEvent.objects.create(state=member, kind=MembershipEvent.Kind.JOINED, date=joined)
    if left:
        MembershipEvent.objects.create(state=member, kind=MembershipEvent.Kind.WITHDREW, date=left)
    return member


def president(name, of, start, end=None):
    person = Official.objects.create(name=name, slug=name.lower().replace(" ", "-"), country=of)
    Position.objects.create(
        official=person, title=Position.Title.PRESIDENT, state=of, start=start, end=end
    )
    return person


@pytest.fixture
def summit(db, council, secretariat):
    """A Council with its rule (heads of state, the Secretary General), three parties, a
    former party, presidents before and on the day, and a session with one state absent."""
    council.member_post = Position.Title.PRESIDENT
    council.secretary_general_sits = True
    council.save()
    alpha, beta, gamma = state("Alpha", "AA"), state("Beta", "BB"), state("Gamma", "GG")
    state("Former", "FF", left=datetime.date(2012, 12, 19))
    old = president("Old Alpha", alpha, datetime.date(2000, 1, 1), datetime.date(2019, 3, 19))
    new = president("New Alpha", alpha, datetime.date(2019, 3, 20))
    beta_head = president("Beta Head", beta, datetime.date(1994, 7, 20))
    gamma_head = president("Gamma Head", gamma, datetime.date(2010, 1, 1))
    general = Official.objects.create(name="General Sec", slug="general-sec")
    Position.objects.create(
        official=general,
        title=Position.Title.SECRETARY_GENERAL,
        body=secretariat,
        start=datetime.date(2023, 1, 1),
    )
    meeting = Meeting.objects.create(
        body=council, slug="csc-2024-11-28", date=DAY, place="Astana", place_ru="Астана"
    )
    MeetingAbsence.objects.create(meeting=meeting, state=gamma, source_url=SOURCE)
    earlier = Meeting.objects.create(body=council, slug="csc-2023-11-23", date=DAY.replace(2023))
    later = Meeting.objects.create(body=council, slug="csc-2025-11-27", date=DAY.replace(2025))
    return {
        "meeting": meeting,
        "earlier": earlier,
        "later": later,
        "old": old,
        "new": new,
        "beta_head": beta_head,
        "gamma_head": gamma_head,
        "general": general,
        "gamma": gamma,
    }


def test_seats_are_the_posts_held_on_the_day(summit):
    sat = seats(summit["meeting"])
    assert [(s.state.name if s.state else None, s.official.name) for s in sat] == [
        ("Alpha", "New Alpha"),
        ("Beta", "Beta Head"),
        ("Gamma", "Gamma Head"),
        (None, "General Sec"),
    ]
    assert [s.state.name for s in sat if s.absence] == ["Gamma"]
    # Before the change of president, the earlier holder sits; the former party then too.
    summit["meeting"].date = datetime.date(2010, 6, 1)
    earlier = seats(summit["meeting"])
    assert [s.official.name for s in earlier if s.state and s.state.name == "Alpha"] == [
        "Old Alpha"
    ]
    assert "Former" in [s.state.name for s in earlier if s.state]


def test_a_body_without_a_rule_has_no_seats(summit, ministers):
    meeting = Meeting.objects.create(body=ministers, slug="cfm-1", date=DAY)
    assert seats(meeting) == []


def test_meeting_page_shows_who_sat_the_documents_and_neighbours(client, summit, make_item):
    meeting = summit["meeting"]
    declaration = Document.objects.create(
        title="Declaration of the Council",
        title_ru="Декларация Совета",
        slug="declaration",
        kind=Document.Kind.DECLARATION,
        meeting=meeting,
        date=DAY,
    )
    named = Official.objects.create(name="Reporter Named", slug="reporter-named")
    item = make_item(title="Leaders met in Astana", published_on=DAY, meeting=meeting)
    item.officials.add(named, summit["new"])
    response = client.get(meeting.get_absolute_url())
    page = response.content.decode()
    for person in ("New Alpha", "Beta Head", "Gamma Head", "General Sec", "Reporter Named"):
        assert person in page
    assert "Old Alpha" not in page
    assert [o.name for o in response.context["named"]] == ["Reporter Named"]
    assert declaration.get_absolute_url() in page
    assert item.get_absolute_url() in page
    assert SOURCE in page  # the absence's source
    assert summit["earlier"].get_absolute_url() in page
    assert summit["later"].get_absolute_url() in page
    russian = client.get("/ru" + meeting.get_absolute_url()).content.decode()
    assert "Декларация Совета" in russian and "Астана" in russian


def test_meeting_pages_list_published_items_only(client, editor, summit, make_item):
    meeting = summit["meeting"]
    make_item(title="Published report", published_on=DAY, meeting=meeting)
    draft = make_item(title="Unpublished zork", status=Status.DRAFT, meeting=meeting)
    draft.officials.add(Official.objects.create(name="Hidden Person", slug="hidden-person"))
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Published report" in page
    assert "zork" not in page and "Hidden Person" not in page
    record = client.get(f"/api/meetings/{meeting.pk}/").json()
    assert draft.pk not in record["news_items"] and len(record["news_items"]) == 1
    client.force_login(editor)
    assert "zork" in client.get(meeting.get_absolute_url()).content.decode()


def test_list_filters_by_body_and_year_as_the_contract_says(client, summit, ministers):
    Meeting.objects.create(body=ministers, slug="cfm-2024", date=DAY.replace(month=6))
    response = client.get(f"/meetings/?body={summit['meeting'].body.slug}&year=2024")
    assert [m.slug for m in response.context["object_list"]] == ["csc-2024-11-28"]
    facets = {f.label: f.count for f in response.context["year_facets"]}
    assert facets == {"2025": 1, "2024": 1, "2023": 1}  # the year's own filter left out
    api = client.get(f"/api/meetings/?body={summit['meeting'].body.slug}&year=2024").json()
    [record] = api["results"]
    assert {"id", "body", "date", "end_date", "place", "number", "format", "url"} <= set(record)
    assert {"news_items", "documents"} <= set(record)
    assert record["body"] == summit["meeting"].body.slug
    assert record["date"] == "2024-11-28" and record["place"] == "Astana"
    assert client.get("/api/meetings/?year=2024").json()["count"] == 2


def test_state_filter_leaves_out_absences_and_times_outside_membership(client, summit):
    gamma = summit["gamma"]
    listed = client.get(f"/meetings/?state={gamma.slug}").context["object_list"]
    assert [m.slug for m in listed] == ["csc-2025-11-27", "csc-2023-11-23"]
    former = client.get("/meetings/?state=former").context["object_list"]
    assert list(former) == []  # it left in 2012


def test_a_state_with_no_membership_record_took_part_in_nothing(client, summit):
    MemberState.objects.create(name="Unrecorded", slug="unrecorded", iso_code="UN")
    page = client.get("/meetings/?state=unrecorded")
    assert page.status_code == 200
    assert list(page.context["object_list"]) == []
    api = client.get("/api/meetings/?state=unrecorded")
    assert api.status_code == 200
    assert api.json()["count"] == 0


def test_bad_filters_are_form_errors_not_failures(client, summit):
    response = client.get("/meetings/?year=abc&body=no-such-body")
    assert response.status_code == 200
    assert set(response.context["filter_errors"]) == {"year", "body"}
    assert client.get("/api/meetings/?year=3000").status_code == 400
    assert client.get("/meetings/?year=abc&format=csv").status_code == 400
    assert client.get("/meetings/no-such-meeting/").status_code == 404
    assert client.get("/documents/no-such-document/").status_code == 404
    assert client.get("/bodies/no-such-body/calendar.ics").status_code == 404


def test_body_calendar_holds_its_meetings_as_all_day_events(client, summit, ministers):
    Meeting.objects.create(
        body=ministers, slug="cfm-x", date=DAY, end_date=DAY + datetime.timedelta(days=1)
    )
    response = client.get(reverse("people:body_calendar", args=[summit["meeting"].body.slug]))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert sorted(e.decoded("dtstart") for e in events) == [
        DAY.replace(2023),
        DAY,
        DAY.replace(2025),
    ]
    astana = next(e for e in events if e.decoded("dtstart") == DAY)
    assert astana.decoded("dtend") == DAY + datetime.timedelta(days=1)
    assert str(astana["location"]) == "Astana"
    assert str(astana["url"]).endswith(summit["meeting"].get_absolute_url())
    everything = Calendar.from_ical(client.get(reverse("people:calendar")).content)
    two_days = next(e for e in everything.walk("VEVENT") if "cfm-x" in str(e["url"]))
    assert two_days.decoded("dtend") == DAY + datetime.timedelta(days=2)
    uids = [str(e["uid"]) for e in everything.walk("VEVENT")]
    assert len(uids) == len(set(uids)) == 4


def test_documents_filter_by_status_and_show_a_timeline(client, summit, kazakhstan):
    meeting = summit["meeting"]
    treaty = Document.objects.create(
        title="Agreement", slug="agreement", kind="agreement", meeting=meeting, date=DAY
    )
    Document.objects.create(title="Plan", slug="plan", kind="plan", meeting=meeting, date=DAY)
    DocumentEvent.objects.create(document=treaty, kind="signed", date=DAY)
    DocumentEvent.objects.create(
        document=treaty, kind="ratified", date=DAY.replace(2025), state=kazakhstan
    )
    listed = client.get("/documents/?status=ratified").context["object_list"]
    assert [d.slug for d in listed] == ["agreement"]
    body = meeting.body.slug
    assert client.get(f"/documents/?body={body}").context["paginator"].count == 2
    page = client.get(treaty.get_absolute_url()).content.decode()
    assert page.index("Signed") < page.index("Ratified") and "Kazakhstan" in page
    api = client.get("/api/documents/?kind=agreement").json()["results"]
    assert [(d["slug"], d["meeting"], d["body"]) for d in api] == [("agreement", meeting.pk, body)]


def test_downloads_hold_the_filtered_meetings(client, summit, make_item):
    make_item(meeting=summit["meeting"])
    rows = json.loads(b"".join(client.get("/meetings/?year=2024&format=json").streaming_content))
    assert [row["slug"] for row in rows] == ["csc-2024-11-28"]
    assert rows[0]["absent_states"] == ["gamma"] and len(rows[0]["news_items"]) == 1
    csv = b"".join(client.get("/meetings/?format=csv").streaming_content).decode()
    assert csv.count("\n") == 4 and "csc-2023-11-23" in csv


def test_popolo_events_name_those_who_sat_there(client, summit):
    events = client.get("/api/popolo.json").json()["events"]
    astana = next(e for e in events if e["start_date"] == "2024-11-28")
    expected = [summit[name].pk for name in ("new", "beta_head", "general")]
    assert astana["attendees"] == [f"person/{pk}" for pk in expected]  # Gamma was absent
    assert astana["organization_id"] == f"organization/body-{summit['meeting'].body_id}"
    assert astana["location"] == "Astana"


def test_official_page_lists_meetings_attended(client, summit):
    page = client.get(summit["beta_head"].get_absolute_url())
    assert [m.slug for m in page.context["meetings"]] == [
        "csc-2025-11-27",
        "csc-2024-11-28",
        "csc-2023-11-23",
    ]
    absent = client.get(summit["gamma_head"].get_absolute_url()).context["meetings"]
    assert "csc-2024-11-28" not in [m.slug for m in absent]
    body_page = client.get(summit["meeting"].body.get_absolute_url())
    assert len(body_page.context["meetings"]) == 3


def test_atom_feed_of_new_meetings_and_documents(client, summit):
    Document.objects.create(title="New plan", slug="new-plan", kind="plan", date=DAY)
    feed = client.get(reverse("news:meetings_feed")).content.decode()
    assert feed.count("<entry>") == 4 and "<author>" in feed
    assert "Document: New plan" in feed and "Meeting: Collective Security Council" in feed


def more_meetings(summit, count):
    meeting = summit["meeting"]
    for n in range(count):
        other = Meeting.objects.create(
            body=meeting.body, slug=f"extra-{n}", date=datetime.date(2000 + n, 1, 1)
        )
        MeetingAbsence.objects.create(meeting=other, state=summit["gamma"], source_url=SOURCE)
        Document.objects.create(
            title=f"D{n}", slug=f"d-{n}", kind="plan", meeting=meeting, date=DAY
        )


@pytest.mark.parametrize(
    "url",
    [
        "/meetings/",
        "/meetings/?body=collective-security-council",
        "/documents/",
        "/meetings/csc-2024-11-28/",
    ],
)
def test_meeting_pages_queries_do_not_grow(count_queries, summit, make_item, url):
    make_item(meeting=summit["meeting"])
    first = Document.objects.create(
        title="First", slug="first", kind="plan", meeting=summit["meeting"], date=DAY
    )
    DocumentEvent.objects.create(document=first, kind="signed", date=DAY)
    small = count_queries(url)
    more_meetings(summit, 10)
    for _ in range(5):
        make_item(meeting=summit["meeting"]).officials.add(summit["new"])
    assert count_queries(url) == small
    assert small <= 20 + (2 if connection.vendor == "postgresql" else 0)


def test_api_meetings_queries_do_not_grow(count_queries, summit, make_item):
    small = count_queries("/api/meetings/")
    more_meetings(summit, 10)
    assert count_queries("/api/meetings/") == small


def test_two_meetings_of_a_body_can_be_told_apart_by_slug(summit):
    body = Body.objects.get(pk=summit["meeting"].body_id)
    assert Meeting.slug_for(body, DAY) == "csc-2024-11-28-2"


def findings(code):
    [check] = [check for check in all_checks() if check.code == code]
    return check.function()


def test_integrity_finds_meetings_without_news_and_doubled_days(summit, make_item):
    make_item(meeting=summit["meeting"])
    unreported = findings("meeting_without_news")
    assert sorted(f.subjects[0].label for f in unreported) == sorted(
        str(summit[name]) for name in ("earlier", "later")
    )
    assert findings("meetings_on_one_day") == []
    Meeting.objects.create(body=summit["meeting"].body, slug="again", date=DAY)
    [double] = findings("meetings_on_one_day")
    assert len(double.subjects) == 2


def test_integrity_finds_a_report_not_linked_to_its_meeting(summit, make_item, ministers):
    council = summit["meeting"].body
    linked = make_item(published_on=DAY, bodies=[council], meeting=summit["meeting"])
    next_day = make_item(published_on=DAY + datetime.timedelta(days=1), bodies=[council])
    make_item(published_on=DAY + datetime.timedelta(days=3), bodies=[council])  # too late
    make_item(published_on=DAY, bodies=[ministers])  # another body, which did not meet
    found = findings("unlinked_meeting_report")
    assert [f.subjects[0].label for f in found] == [next_day.title]
    assert linked.title not in [f.subjects[0].label for f in found]
