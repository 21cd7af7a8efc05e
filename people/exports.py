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
