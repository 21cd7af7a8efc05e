"""Load the reference data in people/reference/: bodies (with their seat exceptions),
states, officials, chairmanships, meetings and the documents they adopted."""

import datetime
import json
from pathlib import Path

from django.db import transaction

from core.loading import LoadReport, sync

from .models import (
    Body,
    Chairmanship,
    Document,
    DocumentEvent,
    Meeting,
    MeetingAbsence,
    MembershipEvent,
    MemberState,
    Official,
    Position,
    SeatException,
)

DATA_DIR = Path(__file__).resolve().parent / "reference"
REASON = "Reference data loaded"


def read(name):
    """Read one of the reference JSON files."""
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


def parse_date(value):
    return datetime.date.fromisoformat(value) if value else None


def reference_is_loaded():
    """Tell whether the reference data has been loaded into this database."""
    return Body.objects.exists() and MemberState.objects.exists()


@transaction.atomic
def load_reference():
    """Create missing reference objects and add new aliases; return a LoadReport."""
    report = LoadReport()
    states = {}
    for row in read("states.json"):
        state = sync(
            MemberState,
            {"slug": row["slug"]},
            defaults={
                "name": row["name"],
                "name_ru": row["name_ru"],
                "name_ru_genitive": row.get("name_ru_genitive", ""),
                "iso_code": row["iso_code"],
            },
            aliases=row.get("aliases", []),
            fill=("name_ru_genitive",),
            report=report,
            reason=REASON,
        )
        states[state.slug] = state
        for event in row.get("events", []):
            sync(
                MembershipEvent,
                {"state": state, "kind": event["kind"], "date": parse_date(event["date"])},
                defaults={
                    "precision": event.get("precision", MembershipEvent.Precision.DAY),
                    "description": event.get("description", ""),
                    "source_url": event.get("source_url", ""),
                },
                report=report,
                reason=REASON,
            )

    bodies = {}
    rows = read("bodies.json")
    # Parents first, so that a child can point at its parent whatever the file's order.
    for row in sorted(rows, key=lambda r: r.get("parent") is not None):
        bodies[row["name"]] = sync(
            Body,
            {"slug": row["slug"]},
            defaults={
                "name": row["name"],
                "name_ru": row["name_ru"],
                "abbreviation": row.get("abbreviation", ""),
                "abbreviation_ru": row.get("abbreviation_ru", ""),
                "kind": row["kind"],
                "parent": bodies[row["parent"]] if row.get("parent") else None,
                "description": row.get("description", ""),
                "description_ru": row.get("description_ru", ""),
                "source_url": row.get("source_url", ""),
                "member_post": row.get("member_post", ""),
                "secretary_general_sits": row.get("secretary_general_sits", False),
            },
            aliases=row.get("aliases", []),
            fill=("abbreviation_ru", "description_ru", "member_post", "secretary_general_sits"),
            report=report,
            reason=REASON,
        )

    for row in rows:
        for exception in row.get("seat_exceptions", []):
            sync(
                SeatException,
                {
                    "body": bodies[row["name"]],
                    "state": states[exception["state"]],
                    "start": parse_date(exception["start"]),
                },
                defaults={
                    "post": exception["post"],
                    "end": parse_date(exception.get("end")),
                    "note": exception.get("note", ""),
                    "source_url": exception.get("source_url", ""),
                },
                report=report,
                reason=REASON,
            )

    for row in read("officials.json"):
        official = sync(
            Official,
            {"slug": row["slug"]},
            defaults={
                "name": row["name"],
                "name_ru": row.get("name_ru", ""),
                "country": states[row["country"]] if row.get("country") else None,
                "country_other": row.get("country_other", ""),
                "summary": row.get("summary", ""),
                "summary_ru": row.get("summary_ru", ""),
            },
            aliases=row.get("aliases", []),
            fill=("summary_ru",),
            report=report,
            reason=REASON,
        )
        for post in row.get("positions", []):
            sync(
                Position,
                {
                    "official": official,
                    "title": post["title"],
                    "body": bodies[post["body"]] if post.get("body") else None,
                    "state": states[post["state"]] if post.get("state") else None,
                    "start": parse_date(post.get("start")),
                },
                defaults={
                    "end": parse_date(post.get("end")),
                    "note": post.get("note", ""),
                    "source_url": post.get("source_url", ""),
                },
                report=report,
                reason=REASON,
            )

    for row in read("chairmanships.json"):
        sync(
            Chairmanship,
            {"year": row["year"]},
            defaults={
                "state": states[row["state"]],
                "note": row.get("note", ""),
                "source_url": row.get("source_url", ""),
            },
            report=report,
            reason=REASON,
        )
    load_meetings(bodies, states, report)
    return report


def load_meetings(bodies, states, report):
    """Create the reference meetings, their recorded absences and their documents."""
    meetings = {}
    for row in read("meetings.json"):
        meeting = sync(
            Meeting,
            {"slug": row["slug"]},
            defaults={
                "body": bodies[row["body"]],
                "date": parse_date(row["date"]),
                "end_date": parse_date(row.get("end_date")),
                "place": row.get("place", ""),
                "place_ru": row.get("place_ru", ""),
                "number": row.get("number"),
                "format": row.get("format", Meeting.Format.REGULAR),
                "chair": states[row["chair"]] if row.get("chair") else None,
                "summary": row.get("summary", ""),
                "summary_ru": row.get("summary_ru", ""),
                "source_url": row.get("source_url", ""),
                "other_sources": "\n".join(row.get("other_sources", [])),
            },
            report=report,
            reason=REASON,
        )
        meetings[meeting.slug] = meeting
        for absence in row.get("absences", []):
            sync(
                MeetingAbsence,
                {"meeting": meeting, "state": states[absence["state"]]},
                defaults={
                    "note": absence.get("note", ""),
                    "note_ru": absence.get("note_ru", ""),
                    "source_url": absence["source_url"],
                },
                report=report,
                reason=REASON,
            )
    for row in read("documents.json"):
        document = sync(
            Document,
            {"slug": row["slug"]},
            defaults={
                "title": row["title"],
                "title_ru": row.get("title_ru", ""),
                "kind": row["kind"],
                "meeting": meetings[row["meeting"]] if row.get("meeting") else None,
                "date": parse_date(row["date"]),
                "summary": row.get("summary", ""),
                "summary_ru": row.get("summary_ru", ""),
                "source_url": row.get("source_url", ""),
            },
            report=report,
            reason=REASON,
        )
        for event in row.get("events", []):
            sync(
                DocumentEvent,
                {
                    "document": document,
                    "kind": event["kind"],
                    "date": parse_date(event["date"]),
                    "state": states[event["state"]] if event.get("state") else None,
                },
                defaults={
                    "note": event.get("note", ""),
                    "source_url": event.get("source_url", ""),
                },
                report=report,
                reason=REASON,
            )
