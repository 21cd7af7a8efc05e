"""Who sat at a meeting: the rule of a body's seats, in one place.

A body's members are the holders, on the meeting's day, of the national post its rules name
(`Body.member_post`: heads of state for the Collective Security Council, foreign ministers
for the Council of Foreign Ministers...), one per state that was a party on that day, and
the Secretary General where the body seats one. A state whose seat another post holds from
a date (a `SeatException`: Armenia's Prime Minister on the Council since 2018) is seated by
that post's holder while the exception holds. A state a source records as absent keeps its
seat on the page, marked absent with the source.
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
    SeatException,
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
    for event in sorted(state.events.all(), key=lambda event: event.date):
        leaving = event.kind in MembershipEvent.LEAVING_KINDS
        if not leaving and start is None:
            start = event.date
        elif leaving and start is not None:
            spans.append((start, event.date))
            start = None
    if start is not None:
        spans.append((start, None))
    return spans


def party(state):
    """A Q of the meetings held while a state was a party."""
    held = Q(pk__in=[])
    for start, end in membership_spans(state):
        span = Q(date__gte=start)
        if end is not None:
            span &= Q(date__lt=end)
        held |= span
    return held


def took_part(state):
    """A Q of the meetings a state could sit in (a party then, a body with national seats)
    and was not recorded absent from."""
    return party(state) & ~Q(body__member_post="") & ~Q(absences__state=state)


def seat_post(body, state_id, day, exceptions):
    """The post whose holder sits for a state at a body's meeting on a day: the latest
    begun of the exceptions holding then, else the body's rule."""
    holding = [
        exception
        for exception in exceptions
        if exception.body_id == body.pk and exception.state_id == state_id and exception.covers(day)
    ]
    if not holding:
        return body.member_post
    return max(holding, key=lambda exception: exception.start).post


def exception_span(exception):
    """A Q of the body's meetings held while an exception holds."""
    span = Q(body=exception.body_id, date__gte=exception.start)
    if exception.end is not None:
        span &= Q(date__lte=exception.end)
    return span


def sat_in(official):
    """A Q of the meetings an official sat in, by the same rule as seats(): held while the
    official held the post that seats their state on the body that day (the body's rule, or
    an exception for the state), while the state was a party and not recorded absent; for
    the Secretary General, the bodies whose rules seat one."""
    seats = Q(pk__in=[])
    positions = list(official.positions.exclude(start__isnull=True))
    # Four queries whatever the number of posts: the posts, their states' exceptions, the
    # states with their membership events.
    state_ids = {position.state_id for position in positions if position.state_id}
    all_exceptions = list(SeatException.objects.filter(state_id__in=state_ids))
    states = MemberState.objects.filter(pk__in=state_ids).prefetch_related("events")
    states = {state.pk: state for state in states}
    for position in positions:
        held = Q(date__gte=position.start)
        if position.end:
            held &= Q(date__lte=position.end)
        if position.title in SECRETARY_GENERAL_TITLES:
            seats |= held & Q(body__secretary_general_sits=True)
            continue
        if position.state_id is None:
            continue
        exceptions = [e for e in all_exceptions if e.state_id == position.state_id]
        by_rule = Q(body__member_post=position.title)
        for exception in exceptions:
            by_rule &= ~exception_span(exception)
        by_exception = Q(pk__in=[])
        for exception in exceptions:
            if exception.post != position.title:
                continue
            span = exception_span(exception)
            for later in exceptions:
                # A later exception for the same seat takes it over while it holds.
                if later.body_id == exception.body_id and later.start > exception.start:
                    span &= ~exception_span(later)
            by_exception |= span
        seats |= (
            held
            & (by_rule | by_exception)
            & party(states[position.state_id])
            & ~Q(absences__state=position.state_id)
        )
    return seats


def seats(meeting):
    """Return the meeting's seats: each member state's (by name), then the Secretary
    General's; a constant number of queries whatever the meeting."""
    day = meeting.date
    exceptions = list(meeting.body.seat_exceptions.all())
    titles = {meeting.body.member_post, *(e.post for e in exceptions), *SECRETARY_GENERAL_TITLES}
    posts = Position.objects.on(day).filter(title__in=titles).select_related("official", "state")
    states = MemberState.objects.prefetch_related("events").order_by("name")
    absences = meeting.absences.select_related("state")
    return seat_list(meeting, list(states), list(posts), list(absences), exceptions)


def seat_list(meeting, states, positions, absences, exceptions=()):
    """The rule itself, on rows already read: `states` with their events prefetched (by
    name), `positions` among which those held on the day count, the meeting's absences, the
    seat exceptions (any body's; the meeting's body's count)."""
    body, day = meeting.body, meeting.date
    held = [p for p in positions if p.start and p.start <= day and (p.end is None or p.end >= day)]
    held.sort(key=lambda position: position.start, reverse=True)  # the most recently begun
    absent = {absence.state_id: absence for absence in absences}
    result = []
    if body.member_post:
        holders = {}
        for position in held:
            if position.state_id:
                holders.setdefault((position.state_id, position.title), position)
        for state in states:
            if member_on(state, day):
                post = seat_post(body, state.pk, day, exceptions)
                result.append(Seat(state, holders.get((state.pk, post)), absent.get(state.pk)))
    if body.secretary_general_sits:
        general = next((p for p in held if p.title in SECRETARY_GENERAL_TITLES), None)
        if general is not None:
            result.append(Seat(None, general))
    return result


def attendance(meetings):
    """Return {meeting id: [officials who sat, by seat]} for many meetings in five queries:
    absent states' holders left out."""
    meetings = list(meetings)
    exceptions = list(SeatException.objects.filter(body__in={m.body_id for m in meetings}))
    titles = {m.body.member_post for m in meetings if m.body.member_post}
    titles |= {exception.post for exception in exceptions}
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
            for seat in seat_list(
                meeting, states, positions, absences.get(meeting.pk, []), exceptions
            )
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
