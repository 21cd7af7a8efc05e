"""Open data: every public list, with its filters, as a CSV or JSON download, streamed.

A list view answers `?format=csv` or `?format=json` with the rows its page lists (the same
visible, filtered queryset), all pages at once. Rows are read from the database in chunks
and written out as they come, so a 100,000-row export never holds the archive in memory.

CSV is UTF-8 without a byte-order mark: the tools researchers script with (pandas, R,
csvkit, a database's COPY) read it as it is, and a BOM would end up in the first column's
name. Several values in one cell (slugs of bodies...) are separated by ";". A text cell
that a spreadsheet would run as a formula gets a leading apostrophe. JSON is one array of
objects, the same columns with lists for the several values, every text as it is.
"""

import csv
import decimal
import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .http import RequestError
from .transliteration import transliterate

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8; header=present",
    "json": "application/json; charset=utf-8",
}
CHUNK_SIZE = 1000  # rows per database fetch, and per prefetch query of their links
PIECE_SIZE = 64 * 1024  # characters gathered before a piece is sent to the client
MAX_NAME_LENGTH = 120  # of a download's file name, extension excepted
LIST_SEPARATOR = ";"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet reads as a formula
NUMBERS = (int, float, decimal.Decimal)
IGNORED_PARAMETERS = ("page", "format")


@dataclass(frozen=True)
class Column:
    """One column: its name and how to read its value from a row."""

    name: str
    value: Callable[[Any, "Context"], Any]
    text: Callable[[Any], str] | None = None  # a CSV cell, when str() is not right


@dataclass(frozen=True)
class Table:
    """What an export of one model holds: the file name's stem, the columns, what to load
    with the rows, and the many-to-many links given as slugs."""

    name: str
    columns: list[Column]
    prepare: Callable = field(default=lambda queryset: queryset)
    links: tuple[str, ...] = ()


@dataclass(frozen=True)
class Context:
    site: str  # scheme and host, for absolute addresses
    user: Any
    patterns: dict = field(default_factory=dict)  # view name: address with {placeholders}


class ExportError(RequestError):
    """A request for an export that cannot be answered: its text says why."""


def field_value(name):
    return lambda row, context: getattr(row, name)


def slugs(relation):
    return lambda row, context: row.export_links[relation]


def slug_of(relation):
    def value(row, context):
        related = getattr(row, relation)
        return related.slug if related is not None else None

    return value


def address(row, context):
    return context.site + row.get_absolute_url()


def address_by(view_name, names, kwargs):
    """Return a column value: the absolute address of a row, from one reverse() per export.

    reverse() for every row would take a third of a large export's time, so the address
    is reversed once with numbered markers, which each row's values then replace.
    `kwargs(row)` gives the URL's arguments, as the model's get_absolute_url() does.
    """
    markers = {name: 987654300 + number for number, name in enumerate(names)}

    def value(row, context):
        pattern = context.patterns.get(view_name)
        if pattern is None:
            pattern = context.site + reverse(view_name, kwargs=markers)
            for name, marker in markers.items():
                pattern = pattern.replace(str(marker), "{" + name + "}")
            context.patterns[view_name] = pattern
        return pattern.format_map(kwargs(row))

    return value


def cell(value):
    """Return a value as CSV text: ISO dates, ';'-joined lists, nothing for None."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(cell(item) for item in value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def guarded(value, text):
    """Return a CSV cell that a spreadsheet reads as text, never as a formula.

    A text beginning with =, +, -, @, a tab or a carriage return would be run as a formula
    by Excel, LibreOffice or Google Sheets; a leading apostrophe makes it text (OWASP's
    advice on CSV injection). Numbers are left as they are: a negative number is a number.
    """
    if text.startswith(FORMULA_STARTS) and not isinstance(value, NUMBERS):
        return "'" + text
    return text


# Columns whose empty text means "not known": JSON writes null for them, as the API does.
UNKNOWN_WHEN_EMPTY = {
    "place",
    "source_name",
    "source_url",
    "archived_url",
    "abbreviation",
    "country_other",
}


def plain(value):
    """Return a value as JSON: ISO dates, everything else as it is."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    return value


def chunks(queryset, table):
    """Yield the rows of a queryset a chunk at a time, each row with its links' slugs.

    The links of a chunk are read in one query per relation from the link table, and the
    slugs from one query per linked model: building a model object for every link (what
    prefetch_related does) would take longer than everything else in an export.
    """
    model = queryset.model
    relations = [model._meta.get_field(name) for name in table.links]
    slug_maps = {
        relation.name: dict(relation.related_model._default_manager.values_list("pk", "slug"))
        for relation in relations
    }
    chunk = []
    for row in queryset.iterator(chunk_size=CHUNK_SIZE):
        chunk.append(row)
        if len(chunk) == CHUNK_SIZE:
            yield with_links(chunk, relations, slug_maps)
            chunk = []
    if chunk:
        yield with_links(chunk, relations, slug_maps)


def with_links(rows, relations, slug_maps):
    """Give each row `export_links`: for each relation, the sorted slugs of its links."""
    by_id = {row.pk: row for row in rows}
    for row in rows:
        row.export_links = {relation.name: [] for relation in relations}
    for relation in relations:
        through = relation.remote_field.through
        source, target = relation.m2m_field_name(), relation.m2m_reverse_field_name()
        slug = slug_maps[relation.name]
        pairs = through._default_manager.filter(**{f"{source}__in": list(by_id)}).values_list(
            f"{source}_id", f"{target}_id"
        )
        for row_id, target_id in pairs:
            by_id[row_id].export_links[relation.name].append(slug[target_id])
        for row in rows:
            row.export_links[relation.name].sort()
    return rows


def csv_pieces(rows, table, context):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([column.name for column in table.columns])
    for row in rows:
        values = [column.value(row, context) for column in table.columns]
        writer.writerow(
            guarded(value, (column.text or cell)(value))
            for column, value in zip(table.columns, values, strict=True)
        )
        if buffer.tell() >= PIECE_SIZE:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()


def json_pieces(rows, table, context):
    pieces, size, separator = ["["], 1, "\n"
    for row in rows:
        record = {column.name: plain(column.value(row, context)) for column in table.columns}
        for name in UNKNOWN_WHEN_EMPTY.intersection(record):
            if record[name] == "":
                record[name] = None
        piece = separator + json.dumps(record, ensure_ascii=False)
        separator = ",\n"
        pieces.append(piece)
        size += len(piece)
        if size >= PIECE_SIZE:
            yield "".join(pieces).encode()
            pieces, size = [], 0
    pieces.append("\n]\n")
    yield "".join(pieces).encode()


WRITERS = {"csv": csv_pieces, "json": json_pieces}


def requested_format(request):
    """Return the export format a request asks for, None for the page itself.

    Raise ExportError for a format the archive does not write.
    """
    name = request.GET.get("format", "")
    if name and name not in WRITERS:
        raise ExportError(
            _("Unknown format “%(format)s”: use csv or json.") % {"format": name[:20]}
        )
    return name or None


def file_name(table, filters, extension):
    """Return e.g. news-body-council-of-foreign-ministers-year-2024.csv."""
    words = [table.name, *(slugify(transliterate(f"{name} {value}")) for name, value in filters)]
    stem = "-".join(word for word in words if word)[:MAX_NAME_LENGTH].rstrip("-")
    return f"{stem}.{extension}"


def export_response(request, queryset, table, export_format, filters=()):
    """Stream a queryset's rows in a format, as a download named after the filters."""
    rows = (row for chunk in chunks(table.prepare(queryset), table) for row in chunk)
    context = Context(site=request.build_absolute_uri("/")[:-1], user=request.user)
    # A HEAD request gets the headers without the export being read from the database.
    pieces = [] if request.method == "HEAD" else WRITERS[export_format](rows, table, context)
    response = StreamingHttpResponse(pieces, content_type=CONTENT_TYPES[export_format])
    name = file_name(table, filters, export_format)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def active_filters(filterset):
    """Return the (name, value) pairs a filterset was given, in the order of its form."""
    if not filterset.is_bound:
        return []
    return [
        (name, value)
        for name in filterset.form.fields
        if name not in IGNORED_PARAMETERS
        for value in filterset.data.getlist(name)
        if value not in ("", None)
    ]


class ExportMixin:
    """Let a list view answer ?format=csv or ?format=json with its rows as a download.

    `export_table` says what the download holds; `export_rows()` returns the rows and the
    filters they were chosen by (a list without filters: every row of `get_queryset()`).
    """

    export_table = None
    query_parameters = ("format",)

    def get(self, request, *args, **kwargs):
        try:
            export_format = requested_format(request)
            if export_format is None:
                return super().get(request, *args, **kwargs)
            rows, filters = self.export_rows()
        except RequestError as error:
            return error.response()
        return export_response(request, rows, self.export_table, export_format, filters)

    def export_rows(self):
        return self.get_queryset(), []
