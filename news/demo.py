"""Load the demo news items and statements shipped in news/demo/, after the reference data."""

import datetime
import json
from pathlib import Path

from django.db import transaction

from core.history import revision
from core.loading import sync
from people.models import Body, Meeting, MemberState, Official
from people.reference import load_reference

from .models import NewsItem, Statement, Status

DATA_DIR = Path(__file__).resolve().parent / "demo"
REASON = "Demo data loaded"


class DemoDataError(ValueError):
    """The demo files refer to something the archive does not have."""


def read(name):
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


def lookup(model, field, values, context):
    """Fetch objects by a unique field, failing loudly on any name the archive lacks."""
    found = {getattr(obj, field): obj for obj in model.objects.filter(**{f"{field}__in": values})}
    missing = sorted(set(values) - set(found))
    if missing:
        raise DemoDataError(f"{context}: unknown {model._meta.verbose_name_plural}: {missing}")
    return [found[value] for value in values]


@transaction.atomic
def load_demo():
    """Load the reference data, then create the demo items that are missing; return a LoadReport."""
    report = load_reference()
    meetings = {meeting.slug: meeting for meeting in Meeting.objects.all()}
    items = {}
    rows = read("news.json")
    # Originals first, so that translations can point at them.
    for row in sorted(rows, key=lambda r: r.get("translation_of") is not None):
        context = f"news item {row['key']}"
        items[row["key"]] = sync(
            NewsItem,
            {"published_on": datetime.date.fromisoformat(row["published_on"]), "slug": row["slug"]},
            defaults={
                "title": row["title"],
                "language": row["language"],
                "kind": row["kind"],
                "lead": row.get("lead", ""),
                "text": row["text"],
                "place": row.get("place", ""),
                "source_name": row.get("source_name", ""),
                "source_url": row.get("source_url", ""),
                "status": Status.PUBLISHED,
                "translation_of": items[row["translation_of"]]
                if row.get("translation_of")
                else None,
                "meeting": meeting_of(row, meetings, context),
            },
            fill=("meeting",),
            m2m={
                "bodies": lookup(Body, "name", row.get("bodies", []), context),
                "officials": lookup(Official, "name", row.get("officials", []), context),
                "states": lookup(MemberState, "slug", row.get("states", []), context),
            },
            report=report,
            reason=REASON,
        )

    statements = []
    for row in read("statements.json"):
        context = f"statement of {row['speaker']} on {row['said_on']}"
        [speaker] = lookup(Official, "name", [row["speaker"]], context)
        body = lookup(Body, "name", [row["body"]], context)[0] if row.get("body") else None
        statement = sync(
            Statement,
            {
                "speaker": speaker,
                "said_on": datetime.date.fromisoformat(row["said_on"]),
                "text": row["text"],
            },
            defaults={
                "language": row["language"],
                "news_item": items[row["news_item"]] if row.get("news_item") else None,
                "body": body,
                "place": row.get("place", ""),
                "status": Status.PUBLISHED,
                "meeting": meeting_of(row, meetings, context),
            },
            fill=("meeting",),
            report=report,
            reason=REASON,
        )
        statements.append((row, statement))

    created = set(report.created_objects)
    for obj in created:
        if isinstance(obj, NewsItem | Statement):
            date_first_version(obj)
    for row in read("corrections.json"):
        target = correction_target(row, items, statements)
        # Only a text created by this run gets its demo correction, so a rerun adds nothing.
        if target in created:
            apply_demo_correction(target, row)
    return report


def meeting_of(row, meetings, context):
    """Return the meeting a demo row reports (by slug), or None; an unknown slug fails."""
    slug = row.get("meeting")
    if not slug:
        return None
    if slug not in meetings:
        raise DemoDataError(f"{context}: unknown meeting {slug!r}")
    return meetings[slug]


def first_published(obj):
    """When a demo text first appeared: in the morning of its own date, as a newsroom's."""
    day = getattr(obj, type(obj).DATE_FIELD)
    return datetime.datetime.combine(day, datetime.time(9), tzinfo=datetime.UTC)


def date_first_version(obj):
    """Date a demo text's first version by the text's own date, not the day of loading."""
    first = obj.history.order_by("history_date", "history_id").first()
    if first is not None:
        type(first).objects.filter(pk=first.pk).update(history_date=first_published(obj))


def correction_target(row, items, statements):
    """Find the news item or statement a demo correction applies to."""
    if "news_item" in row:
        return items[row["news_item"]]
    wanted = row["statement"]
    for data, statement in statements:
        if all(data.get(key) == value for key, value in wanted.items()):
            return statement
    raise DemoDataError(f"correction: no statement matches {wanted}")


def apply_demo_correction(obj, row):
    """Rewrite history so that the text first appeared with the error, then was corrected."""
    field, was, now = row["field"], row["was"], row["now"]
    current = getattr(obj, field)
    if now not in current:
        raise DemoDataError(f"correction of {obj}: {now!r} is not in its {field}")
    # Date the two versions as a newsroom would have: published in the morning, fixed later.
    published = first_published(obj)
    first = obj.history.earliest()
    setattr(first, field, current.replace(now, was))
    first.history_date = published
    first.save()
    obj._history_date = published + datetime.timedelta(days=row["days_later"], hours=3)
    with revision(obj, reason=row["reason"], kind=row["kind"]):
        obj.save()
    del obj._history_date
