"""Checks of published texts and of the officials news items are linked to."""

import datetime

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.integrity import Check, Finding, Severity, Subject, day
from people.models import Meeting, Position

from . import counts
from .models import NewsItem, Statement


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
            % {"speaker": statement.speaker, "date": day(statement.said_on)},
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
                "date": day(link.newsitem.published_on),
            },
            (Subject.of(link.newsitem), Subject.of(link.official)),
        )
        for link in links
    ]


# A report of a meeting is often published the day after it ends.
REPORT_DELAY = datetime.timedelta(days=1)


def unlinked_meeting_reports():
    """Hint at news items that name a body and are dated within a meeting of it (or the day
    after), with no meeting linked: most likely the meeting's report."""
    date = OuterRef("newsitem__published_on")
    meetings = Meeting.objects.filter(body=OuterRef("body_id"), date__lte=date).filter(
        Q(end_date__isnull=True, date__gte=date - REPORT_DELAY)
        | Q(end_date__gte=date - REPORT_DELAY)
    )
    links = (
        NewsItem.bodies.through.objects.filter(newsitem__meeting__isnull=True)
        .filter(Exists(meetings))
        .select_related("newsitem", "body")
        .only("newsitem__id", "newsitem__title", "newsitem__published_on", "body__id", "body__name")
        .order_by("newsitem__published_on", "newsitem_id", "body_id")
    )
    return [
        Finding(
            "unlinked_meeting_report",
            Severity.HINT,
            _(
                "“%(item)s” of %(date)s names the %(body)s, which met then, but is linked to "
                "no meeting."
            )
            % {"item": link.newsitem, "date": day(link.newsitem.published_on), "body": link.body},
            (Subject.of(link.newsitem),),
        )
        for link in links
    ]


def counts_out_of_step():
    """Report rows of the table of counts that differ from a count of the items.

    Saves keep the table in step; a difference means rows were written around the archive
    (plain SQL, a restored table), and the lists show wrong totals until it is rebuilt.
    """
    rows = counts.drift()
    if not rows:
        return []
    return [
        Finding(
            "counts_out_of_step",
            Severity.ERROR,
            _(
                "The list counts of %(rows)d year, body, language and kind combinations differ "
                "from the items, e.g. %(year)s: %(kept)d counted, %(counted)d published. Run "
                "manage.py rebuild_counts."
            )
            % {
                "rows": len(rows),
                "year": rows[0][0]["year"],
                "kept": rows[0][1],
                "counted": rows[0][2],
            },
            (),
        )
    ]


CHECKS = [
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
    Check(
        "counts_out_of_step",
        gettext_lazy("List counts out of step with the items"),
        Severity.ERROR,
        counts_out_of_step,
    ),
    Check(
        "unlinked_meeting_report",
        gettext_lazy("News of a meeting not linked to it"),
        Severity.HINT,
        unlinked_meeting_reports,
    ),
]
