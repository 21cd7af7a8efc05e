"""Plain bulk inserts for loaders that write hundreds of thousands of rows.

`bulk_create` builds a model instance per row and prepares every value of it through the
field's methods: at 100,000 news items with their links and history that is most of a
load's time. Here a row is a dict of column values; defaults are worked out once per
field, values are prepared by the field only for the types the database driver cannot
take as they are (dates and times), and rows go to the database in one `executemany` (a
`COPY` on PostgreSQL). Keys are given by the caller (`reserve_keys`), so that links can
name the rows without reading them back; `reset_sequences` then moves the database's
counters past them.
"""

from django.core.management.color import no_style
from django.db import connections
from django.db.models import NOT_PROVIDED

# Internal types whose Python values every supported driver takes unchanged.
PLAIN_TYPES = {
    "AutoField",
    "BigAutoField",
    "BigIntegerField",
    "BooleanField",
    "CharField",
    "ForeignKey",
    "IntegerField",
    "OneToOneField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "SlugField",
    "SmallIntegerField",
    "TextField",
    "URLField",
}


def reserve_keys(model, count, using="default"):
    """Return `count` new primary keys for `model`, after every key in its table."""
    with connections[using].cursor() as cursor:
        table = connections[using].ops.quote_name(model._meta.db_table)
        column = connections[using].ops.quote_name(model._meta.pk.column)
        cursor.execute(f"SELECT MAX({column}) FROM {table}")  # noqa: S608  (names, not input)
        first = (cursor.fetchone()[0] or 0) + 1
    return range(first, first + count)


def reset_sequences(models, using="default"):
    """Move the key counters of these tables past the keys given by `reserve_keys`."""
    connection = connections[using]
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


def _default(field):
    """The value a new row gets for a field the rows do not give."""
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return field.pre_save(field.model(), add=True)
    if field.default is not NOT_PROVIDED or not field.null:
        return field.get_default()
    return None


def insert_rows(model, rows, using="default"):
    """Insert rows (dicts of attribute names to values) into the model's table.

    Every row gives the same keys; a concrete field no row gives takes its default, as
    `save()` would set it. No signals are sent and no instance is built.
    """
    if not rows:
        return
    connection = connections[using]
    given = set(rows[0])
    fields = [
        f
        for f in model._meta.concrete_fields
        if f.attname in given or not (f.primary_key and f.get_internal_type().endswith("AutoField"))
    ]
    constants = {}
    for field in fields:
        if field.attname not in given:
            constants[field.attname] = field.get_db_prep_save(_default(field), connection)
    prepared = {}

    def convert(field):
        if field.get_internal_type() in PLAIN_TYPES:
            return None
        cache = prepared.setdefault(field.attname, {})

        def prepare(value):
            # Dates repeat across rows: each distinct value is prepared once.
            if value not in cache:
                cache[value] = field.get_db_prep_save(value, connection)
            return cache[value]

        return prepare

    converters = [(f.attname, convert(f)) for f in fields]
    values = [
        tuple(
            constants[name] if name in constants else (prepare(row[name]) if prepare else row[name])
            for name, prepare in converters
        )
        for row in rows
    ]
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(f.column) for f in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in values:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(fields))
            cursor.executemany(
                f"INSERT INTO {table} ({columns}) VALUES ({marks})",  # noqa: S608  (names)
                values,
            )
