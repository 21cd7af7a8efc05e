"""What the downloads of officials, bodies and member states hold."""

from core.exports import LIST_SEPARATOR, Column, Table, address, field_value, plain, slug_of


def current_posts(official, context):
    return [
        {
            "title": position.title,
            "label": str(position.label),
            "body": position.body.slug if position.body else None,
            "state": position.state.slug if position.state else None,
            "start": plain(position.start),
        }
        for position in official.current_positions
    ]


def membership(state, context):
    return [
        {"kind": event.kind, "date": partial_date(event), "precision": event.precision}
        for event in state.events.all()
    ]


def partial_date(event):
    """Return an event's date only as precisely as it is known: 1992, 1992-05 or 1992-05-15."""
    length = {"year": 4, "month": 7}.get(event.precision, 10)
    return event.date.isoformat()[:length]


OFFICIALS = Table(
    "officials",
    [
        Column("slug", field_value("slug")),
        Column("name", field_value("name")),
        Column("name_ru", field_value("name_ru")),
        Column("country", slug_of("country")),
        Column("country_other", field_value("country_other")),
        Column(
            "current_posts",
            current_posts,
            text=lambda posts: LIST_SEPARATOR.join(post["label"] for post in posts),
        ),
        Column("url", address),
    ],
)

BODIES = Table(
    "bodies",
    [
        Column("slug", field_value("slug")),
        Column("name", field_value("name")),
        Column("name_ru", field_value("name_ru")),
        Column("abbreviation", field_value("abbreviation")),
        Column("kind", field_value("kind")),
        Column("parent", slug_of("parent")),
        Column("url", address),
    ],
)

STATES = Table(
    "states",
    [
        Column("slug", field_value("slug")),
        Column("name", field_value("name")),
        Column("name_ru", field_value("name_ru")),
        Column("iso_code", field_value("iso_code")),
        Column(
            "membership",
            membership,
            text=lambda events: LIST_SEPARATOR.join(f"{e['kind']} {e['date']}" for e in events),
        ),
        Column("url", address),
    ],
)


def published_news_ids(meeting, context):
    return [item.pk for item in meeting.public_news]


def document_ids(meeting, context):
    return [document.pk for document in meeting.documents.all()]


def absent_states(meeting, context):
    return [absence.state.slug for absence in meeting.absences.all()]


MEETINGS = Table(
    "meetings",
    [
        Column("id", field_value("pk")),
        Column("slug", field_value("slug")),
        Column("body", slug_of("body")),
        Column("date", field_value("date")),
        Column("end_date", field_value("end_date")),
        Column("place", field_value("place")),
        Column("number", field_value("number")),
        Column("format", field_value("format")),
        Column("chair", slug_of("chair")),
        Column("absent_states", absent_states),
        Column("news_items", published_news_ids),
        Column("documents", document_ids),
        Column("source_url", field_value("source_url")),
        Column("url", address),
    ],
)


def document_meeting(document, context):
    return document.meeting_id


def document_events(document, context):
    return [
        {
            "kind": event.kind,
            "date": plain(event.date),
            "state": event.state.slug if event.state else None,
        }
        for event in document.events.all()
    ]


DOCUMENTS = Table(
    "documents",
    [
        Column("id", field_value("pk")),
        Column("slug", field_value("slug")),
        Column("title", field_value("title")),
        Column("title_ru", field_value("title_ru")),
        Column("kind", field_value("kind")),
        Column("date", field_value("date")),
        Column("meeting", document_meeting),
        Column(
            "events",
            document_events,
            text=lambda events: LIST_SEPARATOR.join(
                f"{e['kind']} {e['date']}" + (f" {e['state']}" if e["state"] else "")
                for e in events
            ),
        ),
        Column("source_url", field_value("source_url")),
        Column("url", address),
    ],
)
