"""Who sat at a meeting: the rule of a body's seats, in one place.

A body's members are the holders, on the meeting's day, of the national post its rules name
(`Body.member_post`: heads of state for the Collective Security Council, foreign ministers
for the Council of Foreign Ministers...), one per state that was a party on that day, and
the Secretary General where the body seats one. A state a source records as absent keeps
its seat on the page, marked absent with the source.
"""

from dataclasses import dataclass

from django.db.models import Q

from .models import (
    SECRETARY_GENERAL_TITLES,
    MeetingAbsence,
    MembershipEvent,
    MemberState,
    Official,
    Position,
)


@dataclass(frozen=True)
class Seat:
    """One seat at a meeting: a state's (or the Secretariat's), who held it, whether empty."""

    state: MemberState | None
    position: Position | None
    absence: MeetingAbsence | None = None

    @property
    def official(self):
        return self.position.official if self.position else None


def member_on(state, day):
    """Tell from the state's prefetched events whether it was a party on a day."""
    events = [event for event in state.events.all() if event.date <= day]
    if not events:
        return False
    latest = max(events, key=lambda event: event.date)
    return latest.kind not in MembershipEvent.LEAVING_KINDS


def membership_spans(state):
    """Return the (first day, last day or None) spans in which a state was a party."""
    spans, start = [], None
    for event in state.events.order_by("date"):
        leaving = event.kind in MembershipEvent.LEAVING_KINDS
        if not leaving and start is None:
            start = event.date
        elif leaving and start is not None:
            spans.append((start, event.date))
            start = None
    if start is not None:
        spans.append((start, None))
    return spans


def took_part(state):
    """A Q of the meetings a state could sit in (a party then, a body with national seats)
    and was not recorded absent from."""
    held = Q(pk__in=[])
    for start, end in membership_spans(state):
        span = Q(date__gte=start)
        if end is not None:
            span &= Q(date__lt=end)
        held |= span
    return held & ~Q(body__member_post="") & ~Q(absences__state=state)


def seats(meeting):
    """Return the meeting's seats: each member state's (by name), then the Secretary
    General's; a constant number of queries whatever the meeting."""
    day = meeting.date
    titles = [meeting.body.member_post, *SECRETARY_GENERAL_TITLES]
    posts = Position.objects.on(day).filter(title__in=titles).select_related("official", "state")
    states = MemberState.objects.prefetch_related("events").order_by("name")
    absences = meeting.absences.select_related("state")
    return seat_list(meeting, list(states), list(posts), list(absences))


def seat_list(meeting, states, positions, absences):
    """The rule itself, on rows already read: `states` with their events prefetched (by
    name), `positions` among which those held on the day count, the meeting's absences."""
    body, day = meeting.body, meeting.date
    held = [p for p in positions if p.start and p.start <= day and (p.end is None or p.end >= day)]
    held.sort(key=lambda position: position.start, reverse=True)  # the most recently begun
    absent = {absence.state_id: absence for absence in absences}
    result = []
    if body.member_post:
        holders = {}
        for position in held:
            if position.title == body.member_post and position.state_id:
                holders.setdefault(position.state_id, position)
        for state in states:
            if member_on(state, day):
                result.append(Seat(state, holders.get(state.pk), absent.get(state.pk)))
    if body.secretary_general_sits:
        general = next((p for p in held if p.title in SECRETARY_GENERAL_TITLES), None)
        if general is not None:
            result.append(Seat(None, general))
    return result


def attendance(meetings):
    """Return {meeting id: [officials who sat, by seat]} for many meetings in four queries:
    absent states' holders left out."""
    meetings = list(meetings)
    titles = {m.body.member_post for m in meetings if m.body.member_post}
    positions = list(
        Position.objects.filter(title__in=[*titles, *SECRETARY_GENERAL_TITLES]).select_related(
            "official"
        )
    )
    states = list(MemberState.objects.prefetch_related("events").order_by("name"))
    absences = {}
    for absence in MeetingAbsence.objects.filter(meeting__in=meetings):
        absences.setdefault(absence.meeting_id, []).append(absence)
    return {
        meeting.pk: [
            seat.official
            for seat in seat_list(meeting, states, positions, absences.get(meeting.pk, []))
            if seat.official is not None and seat.absence is None
        ]
        for meeting in meetings
    }


def named_people(meeting, user, *, besides=()):
    """Return the officials the meeting's visible news items name and its statements quote,
    by name, leaving out those given in `besides` (already seated)."""
    items = meeting.news_items.visible_to(user).values("pk")
    statements = meeting.statements.visible_to(user).values("speaker")
    people = Official.objects.filter(Q(news_items__in=items) | Q(pk__in=statements)).distinct()
    return list(people.exclude(pk__in=[o.pk for o in besides]).select_related("country"))


def with_body(queryset):
    """Meetings with what a row of a list shows: the body."""
    return queryset.select_related("body", "chair")
