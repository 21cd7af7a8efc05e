"""Data-integrity checks: contradictions and gaps in the archive that an editor should look at.

Each check is a function returning a list of `Finding`s, each naming the objects to fix with
the address of their admin change page. `run_checks()` runs them all. Every check reads the
archive in one or two set-based queries, whatever its size; the admin page, the
`check_data` command and the tests all call these functions.

Positions without a start date cannot be placed in time: the checks that compare dates leave
them out (as `PositionQuerySet.on()` does) and the first check reports them instead.
"""

import enum
import itertools
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from news.models import NewsItem, Statement

from .models import Body, Official, Position

Title = Position.Title


class Severity(enum.IntEnum):
    """How much a finding matters: errors and warnings are problems, hints are not."""

    HINT = 1
    WARNING = 2
    ERROR = 3

    @property
    def code(self):
        return self.name.lower()

    @property
    def label(self):
        return {
            Severity.HINT: _("hint"),
            Severity.WARNING: _("warning"),
            Severity.ERROR: _("error"),
        }[self]


@dataclass(frozen=True)
class Subject:
    """An object a finding is about: how to call it and where to fix it."""

    label: str
    admin_url: str

    @classmethod
    def of(cls, obj, label=None):
        meta = obj._meta
        url = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
        return cls(label=str(label if label is not None else obj), admin_url=url)


@dataclass(frozen=True)
class Finding:
    """One thing to look at: which check found it, how much it matters, and on what."""

    check: str
    severity: Severity
    message: str
    subjects: tuple[Subject, ...]

    def as_dict(self):
        """Return the finding as plain data, for JSON."""
        return {
            "check": self.check,
            "severity": self.severity.code,
            "message": self.message,
            "objects": [{"label": s.label, "admin_url": s.admin_url} for s in self.subjects],
        }


@dataclass(frozen=True)
class Check:
    code: str
    title: str
    severity: Severity
    function: object


def _day(date):
    return date_format(date, "DATE_FORMAT") if date else _("now")


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
                    "start": _day(span[0]),
                    "end": _day(span[1]),
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
                "start": _day(span[0]),
                "end": _day(span[1]),
            }
            subjects = (Subject.of(a.official), Subject.of(a), Subject.of(b))
            findings.append(Finding("contradicting_positions", Severity.WARNING, message, subjects))
    return findings


def statements_without_source():
    """Report published statements with no source URL and no news item that has one.

    A news item that translates another has its original's source.
    """
    sourced = Q(news_item__source_url__gt="") | Q(news_item__translation_of__source_url__gt="")
    statements = (
        Statement.objects.published()
        .filter(source_url="")
        .exclude(sourced)
        .select_related("speaker")
        .order_by("said_on", "pk")
    )
    return [
        Finding(
            "statement_without_source",
            Severity.WARNING,
            _(
                "The published statement by %(speaker)s of %(date)s has no source: no source "
                "URL and no news item with one."
            )
            % {"speaker": statement.speaker, "date": _day(statement.said_on)},
            (Subject.of(statement, label=statement.excerpt),),
        )
        for statement in statements
    ]


def officials_out_of_post():
    """Hint at news items linked to an official who held no post on the item's date.

    Only officials whose career the archive knows are compared: someone with at least one
    dated position, none of which covers the item's date, and no undated position that might
    (one without a start that has not ended by then). Such a link is often a namesake or a
    predecessor picked by mistake; it can also be right, when a text recalls a former office
    holder, hence a hint. Comparing the official's state or body with the item's is not done:
    meetings bring together officials of states and bodies that an item does not list.
    """
    date = OuterRef("newsitem__published_on")
    positions = Position.objects.filter(official=OuterRef("official_id"))
    links = (
        NewsItem.officials.through.objects.filter(Exists(positions.filter(start__isnull=False)))
        .exclude(
            Exists(positions.filter(start__lte=date).filter(Q(end__isnull=True) | Q(end__gte=date)))
        )
        .exclude(
            Exists(
                positions.filter(start__isnull=True).filter(Q(end__isnull=True) | Q(end__gte=date))
            )
        )
        .select_related("newsitem", "official")
        .only(
            "newsitem__id",
            "newsitem__title",
            "newsitem__published_on",
            "official__id",
            "official__name",
        )
        .order_by("newsitem__published_on", "newsitem_id", "official_id")
    )
    return [
        Finding(
            "official_out_of_post",
            Severity.HINT,
            _("%(official)s is linked to “%(item)s” of %(date)s but held no post on that day.")
            % {
                "official": link.official,
                "item": link.newsitem,
                "date": _day(link.newsitem.published_on),
            },
            (Subject.of(link.newsitem), Subject.of(link.official)),
        )
        for link in links
    ]


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
        "statement_without_source",
        gettext_lazy("Published statements without a source"),
        Severity.WARNING,
        statements_without_source,
    ),
    Check(
        "official_out_of_post",
        gettext_lazy("News linked to an official out of post"),
        Severity.HINT,
        officials_out_of_post,
    ),
]


@dataclass
class Report:
    """The findings of every check, in the order of `CHECKS`."""

    results: list  # of (Check, [Finding])

    @property
    def findings(self):
        return [finding for _check, findings in self.results for finding in findings]

    def count(self, severity):
        return sum(1 for finding in self.findings if finding.severity == severity)

    def fails(self, threshold):
        """Tell whether any finding is at least as severe as `threshold`."""
        return any(finding.severity >= threshold for finding in self.findings)


def run_checks():
    """Run every check and return a `Report`."""
    return Report([(check, check.function()) for check in CHECKS])
