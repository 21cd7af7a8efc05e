"""Checks of officials and their posts, and of names the importer could not tell apart.

The checks and what they report are in `core.integrity`; news items are checked in
`news.integrity`.
"""

import itertools
from collections import defaultdict

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.integrity import Check, Finding, Severity, Subject, day

from .models import Body, Meeting, Official, Position

Title = Position.Title


# Posts that one person holds at a time. The Secretary General and an acting Secretary
# General share one seat; the national posts are one per state.
SINGLE_SEATS = {
    Title.SECRETARY_GENERAL: "secretary_general",
    Title.ACTING_SECRETARY_GENERAL: "secretary_general",
    Title.CHIEF_OF_JOINT_STAFF: "chief_of_joint_staff",
    Title.PA_CHAIRMAN: "pa_chairman",
}
SINGLE_NATIONAL_SEATS = {
    Title.PRESIDENT,
    Title.PRIME_MINISTER,
    Title.FOREIGN_MINISTER,
    Title.DEFENCE_MINISTER,
    Title.SECURITY_COUNCIL_SECRETARY,
}

# Posts a person cannot hold together: the CSTO's own senior staff, heads of state and
# government, ministers, security council secretaries, permanent representatives and the
# Assembly's chairman each hold one of them at a time ...
EXCLUSIVE_TITLES = {
    Title.SECRETARY_GENERAL,
    Title.ACTING_SECRETARY_GENERAL,
    Title.DEPUTY_SECRETARY_GENERAL,
    Title.CHIEF_OF_JOINT_STAFF,
    Title.PA_CHAIRMAN,
    Title.PERMANENT_REPRESENTATIVE,
    *SINGLE_NATIONAL_SEATS,
}
# ... except that a deputy acts as Secretary General while keeping the deputy's post.
COMPATIBLE_TITLES = {frozenset({Title.DEPUTY_SECRETARY_GENERAL, Title.ACTING_SECRETARY_GENERAL})}


def shared_span(a, b):
    """Return the (start, end) that two dated positions share, or None; end None is open.

    Both spans include their first and last days. A hand-over is not an overlap: when the
    only day they share is the last day of one that began earlier and the first day of the
    other, the two follow each other.
    """
    start = max(a.start, b.start)
    ends = [end for end in (a.end, b.end) if end is not None]
    end = min(ends) if ends else None
    if end is not None and end < start:
        return None
    if end == start:
        for first, second in ((a, b), (b, a)):
            if first.end == start and second.start == start and first.start < start:
                return None
    return start, end


def _dated_positions(**filters):
    return list(
        Position.objects.filter(start__isnull=False, **filters)
        .select_related("official", "body", "state")
        .order_by("start", "pk")
    )


def positions_without_start():
    """Report positions whose start date is unknown: no check can place them in time."""
    positions = (
        Position.objects.filter(start__isnull=True)
        .select_related("official", "body", "state")
        .order_by("official__name", "pk")
    )
    return [
        Finding(
            "position_without_start",
            Severity.WARNING,
            _("%(position)s has no start date.") % {"position": position}
            # A post titled "other" already shows its note in its name.
            + (f" {position.note}" if position.note and position.title != Title.OTHER else ""),
            (Subject.of(position), Subject.of(position.official)),
        )
        for position in positions
    ]


def one_person_posts():
    """Report two people holding a one-person post at the same time (a hand-over is fine).

    One-person posts are the Secretary General (an acting one included), the Chief of the
    Joint Staff, the Assembly's chairman and, per state, the president, prime minister,
    foreign and defence ministers and security council secretary. A national post without
    a state is not compared: its seat is unknown.
    """
    seats = defaultdict(list)
    titles = [*SINGLE_SEATS, *SINGLE_NATIONAL_SEATS]
    for position in _dated_positions(title__in=titles):
        if position.title in SINGLE_SEATS:
            seats[SINGLE_SEATS[position.title]].append(position)
        elif position.state_id is not None:
            seats[(position.title, position.state_id)].append(position)
    findings = []
    for positions in seats.values():
        for i, a in enumerate(positions):
            for b in positions[i + 1 :]:
                if a.end is not None and b.start > a.end:
                    break  # sorted by start: no later position can overlap a
                span = shared_span(a, b)
                if span is None or a.official_id == b.official_id:
                    continue
                message = _(
                    "%(first)s (%(first_post)s) and %(second)s (%(second_post)s) hold a "
                    "one-person post at the same time, from %(start)s to %(end)s."
                ) % {
                    "first": a.official,
                    "first_post": a.label,
                    "second": b.official,
                    "second_post": b.label,
                    "start": day(span[0]),
                    "end": day(span[1]),
                }
                findings.append(
                    Finding(
                        "one_person_post", Severity.ERROR, message, (Subject.of(a), Subject.of(b))
                    )
                )
    return findings


def _contradict(a, b):
    if a.title == b.title:
        return a.title != Title.OTHER
    pair = frozenset({a.title, b.title})
    return pair <= EXCLUSIVE_TITLES and pair not in COMPATIBLE_TITLES


def contradicting_positions():
    """Report one person holding two posts at once that exclude each other.

    The same post twice at once (a duplicate, or a minister of two states), or two of the
    senior posts that nobody combines: Secretary General and a national minister, two
    ministries, a president who is also prime minister. A deputy acting as Secretary General
    is not a contradiction; posts titled "other" are never compared.
    """
    by_official = defaultdict(list)
    for position in _dated_positions():
        by_official[position.official_id].append(position)
    findings = []
    for positions in by_official.values():
        for a, b in itertools.combinations(positions, 2):
            if not _contradict(a, b):
                continue
            span = shared_span(a, b)
            if span is None:
                continue
            message = _(
                "%(official)s holds %(first)s and %(second)s at the same time, "
                "from %(start)s to %(end)s."
            ) % {
                "official": a.official,
                "first": a.label,
                "second": b.label,
                "start": day(span[0]),
                "end": day(span[1]),
            }
            subjects = (Subject.of(a.official), Subject.of(a), Subject.of(b))
            findings.append(Finding("contradicting_positions", Severity.WARNING, message, subjects))
    return findings


def normalise_name(name):
    """Return a name as compared for collisions: case, ё/е and spacing do not count."""
    return " ".join(name.casefold().replace("ё", "е").split())


def _collisions(entities, kind):
    holders = defaultdict(set)
    forms = defaultdict(set)
    by_pk = {}
    for entity, names in entities:
        by_pk[entity.pk] = entity
        for name in names:
            key = normalise_name(name)
            if key:
                holders[key].add(entity.pk)
                forms[key].add(name)
    pairs = defaultdict(set)
    for key, pks in holders.items():
        for a, b in itertools.combinations(sorted(pks), 2):
            pairs[(a, b)].add(key)
    findings = []
    for (a, b), keys in sorted(pairs.items()):
        shared = ", ".join(f"“{sorted(forms[key])[0]}”" for key in sorted(keys))
        message = _("%(kind)s %(first)s and %(second)s share a name: %(names)s.") % {
            "kind": kind,
            "first": by_pk[a],
            "second": by_pk[b],
            "names": shared,
        }
        subjects = (Subject.of(by_pk[a]), Subject.of(by_pk[b]))
        findings.append(Finding("name_collision", Severity.ERROR, message, subjects))
    return findings


def name_collisions():
    """Report two officials, or two bodies, whose names or aliases are the same.

    Names are compared after normalisation (`normalise_name`): the importer could not tell
    the two apart.
    """
    officials = Official.objects.only("name", "name_ru", "aliases").order_by("pk")
    bodies = Body.objects.only("name", "name_ru", "abbreviation", "aliases").order_by("pk")
    return _collisions(
        ((o, [o.name, o.name_ru, *o.alias_list]) for o in officials), _("Officials")
    ) + _collisions(
        ((b, [b.name, b.name_ru, b.abbreviation, *b.alias_list]) for b in bodies), _("Bodies")
    )


def meetings_without_news():
    """Hint at meetings no news item reports: the archive has the session but not its story.

    Counted through the relation the news app declares (drafts too: a report being written
    is a report), so people imports nothing of news.
    """
    meetings = (
        Meeting.objects.filter(news_items__isnull=True)
        .select_related("body")
        .order_by("date", "pk")
    )
    return [
        Finding(
            "meeting_without_news",
            Severity.HINT,
            _("No news item reports the meeting of the %(body)s of %(date)s.")
            % {"body": meeting.body, "date": day(meeting.date)},
            (Subject.of(meeting),),
        )
        for meeting in meetings
    ]


def meetings_on_one_day():
    """Report two meetings of one body that begin on the same day: most likely one meeting
    entered twice (two formats of one session are one meeting)."""
    rows = Meeting.objects.select_related("body").order_by("body_id", "date", "pk")
    findings = []
    for _key, group in itertools.groupby(rows, key=lambda m: (m.body_id, m.date)):
        group = list(group)
        if len(group) > 1:
            findings.append(
                Finding(
                    "meetings_on_one_day",
                    Severity.WARNING,
                    _("The %(body)s has %(count)d meetings on %(date)s.")
                    % {"body": group[0].body, "count": len(group), "date": day(group[0].date)},
                    tuple(Subject.of(meeting) for meeting in group),
                )
            )
    return findings


CHECKS = [
    Check(
        "one_person_post",
        gettext_lazy("Two people in a one-person post"),
        Severity.ERROR,
        one_person_posts,
    ),
    Check("name_collision", gettext_lazy("Names that collide"), Severity.ERROR, name_collisions),
    Check(
        "contradicting_positions",
        gettext_lazy("Posts of one person that exclude each other"),
        Severity.WARNING,
        contradicting_positions,
    ),
    Check(
        "position_without_start",
        gettext_lazy("Positions without a start date"),
        Severity.WARNING,
        positions_without_start,
    ),
    Check(
        "meetings_on_one_day",
        gettext_lazy("Two meetings of one body on one day"),
        Severity.WARNING,
        meetings_on_one_day,
    ),
    Check(
        "meeting_without_news",
        gettext_lazy("Meetings no news item reports"),
        Severity.HINT,
        meetings_without_news,
    ),
]
