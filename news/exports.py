"""What the downloads of news items and statements hold."""

from core.exports import Column, Table, address_by, field_value, slug_of, slugs

news_address = address_by(
    "news:detail", ("year", "month", "day", "slug"), lambda item: item._url_kwargs()
)


def news_item_address(statement, context):
    """The address of the item that reported a statement, unless it is hidden from the reader."""
    item = statement.news_item
    if item is None or not item.is_visible_to(context.user):
        return None  # a draft's address would reveal its title
    return news_address(item, context)


NEWS = Table(
    "news",
    [
        Column("id", field_value("pk")),
        Column("slug", field_value("slug")),
        Column("date", field_value("published_on")),
        Column("title", field_value("title")),
        Column("language", field_value("language")),
        Column("kind", field_value("kind")),
        Column("status", field_value("status")),
        Column("url", news_address),
        Column("place", field_value("place")),
        Column("source_name", field_value("source_name")),
        Column("source_url", field_value("source_url")),
        Column("retrieved_on", field_value("retrieved_on")),
        Column("archived_url", field_value("archived_url")),
        Column("bodies", slugs("bodies")),
        Column("officials", slugs("officials")),
        Column("states", slugs("states")),
        Column("lead", field_value("lead")),
    ],
    # The text stays out: the lead says what an item is, and the page has the rest.
    prepare=lambda queryset: queryset.prefetch_related(None).defer(
        "text", "content_hash", "created_at", "updated_at"
    ),
    links=("bodies", "officials", "states"),
)

STATEMENTS = Table(
    "statements",
    [
        Column("id", field_value("pk")),
        Column("date", field_value("said_on")),
        Column("speaker", slug_of("speaker")),
        Column("speaker_name", lambda statement, context: statement.speaker.name),
        Column("body", slug_of("body")),
        Column("language", field_value("language")),
        Column("status", field_value("status")),
        Column("place", field_value("place")),
        Column(
            "url",
            address_by("news:statement_detail", ("pk",), lambda statement: {"pk": statement.pk}),
        ),
        Column("news_item_url", news_item_address),
        Column("source_url", field_value("source_url")),
        Column("retrieved_on", field_value("retrieved_on")),
        Column("archived_url", field_value("archived_url")),
        Column("text", field_value("text")),
    ],
    prepare=lambda queryset: queryset.select_related("news_item").defer(
        "news_item__text", "news_item__lead"
    ),
)
