"""Export the whole archive as one JSON document, and load such a document into an empty database.

The document holds every table of the archive's apps (`core`, `people`, `news`): the
records, the links between news items and bodies, officials and states, and every history
table (the many-to-many history included), with their primary keys so that links and
history line up.
Layout, written in this order:

    {"format": "cstoarchive", "version": 1, "exported_at": "2026-01-31T12:00:00+00:00",
     "users": [{"username": "editor", "first_name": "", ..., "groups": ["Editors"]}, ...],
     "tables": [{"model": "people.memberstate", "fields": ["id", "aliases", ...],
                 "rows": [[1, "", ...], ...]}, ...]}

Fields are the database columns (`speaker_id`), except foreign keys to a user (`created_by`,
`history_user`), which hold the user's name so that they survive into another database, and
derived columns (a field with `derived = True`, such as the search document PostgreSQL
keeps), which the database writes itself: they are left out, and ignored in a file that
has them.
Users are listed with their names, flags and groups, never their passwords.

Both directions stream: the export writes row by row and the import reads row by row, so an
archive of any size passes through a fixed amount of memory.
"""

import datetime
import decimal
import json
import uuid
from contextlib import contextmanager

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import NON_FIELD_ERRORS, ObjectDoesNotExist, ValidationError
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, models, transaction
from django.utils import timezone
from simple_history.models import HistoricalChanges

from .models import ArchiveState
from .signals import bulk_loaded

FORMAT = "cstoarchive"
VERSION = 1
# The apps whose tables make the archive, by label: core keeps out of the feature apps' code.
APPS = ("core", "people", "news")
# Tables a file of an earlier release names by their former label: the archive state was news'.
FORMER_LABELS = {"news.archivestate": "core.archivestate"}
USER_FIELDS = (
    "username",
    "first_name",
    "last_name",
    "email",
    "is_active",
    "is_staff",
    "is_superuser",
    "date_joined",
)
BATCH = 1000
CHUNK = 1 << 20


class ArchiveFileError(Exception):
    """The file is not an archive this version can load; nothing was written."""


class ArchiveNotEmptyError(Exception):
    """The database already holds archive rows; nothing was written."""


def archive_models():
    """Return every table of the archive, history and link tables included, in loading order.

    A table comes after the tables its foreign keys point to; references to the same table
    (a body's parent, a translation) are checked at commit, as Django's constraints are
    deferred.
    """
    # A derived table (counts kept from other tables) is rebuilt after a load, not carried.
    models = [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in APPS and not getattr(model, "derived", False)
    ]
    ordered, placed = [], set()
    while len(ordered) < len(models):
        ready = [
            model
            for model in models
            if model not in placed and all(dep in placed or dep is model for dep in _deps(model))
        ]
        if not ready:
            raise RuntimeError("the archive's tables refer to each other in a cycle")
        # The records first, then their history: easier to read, and to stop reading early.
        records = [model for model in ready if not issubclass(model, HistoricalChanges)]
        ready = records or ready
        ordered += ready
        placed.update(ready)
    return ordered


def _deps(model):
    related = (field.related_model for field in model._meta.concrete_fields if field.is_relation)
    return {other for other in related if other._meta.app_label in APPS}


def _is_user_field(field):
    return field.is_relation and field.related_model is get_user_model()


def _is_derived(field):
    return getattr(field, "derived", False)


def _columns(model):
    """Return (field, name in the file) for each column of a table but the derived ones."""
    return [
        (field, field.name if _is_user_field(field) else field.attname)
        for field in model._meta.concrete_fields
        if not _is_derived(field)
    ]


def _plain(value):
    """Return a JSON value for a database value, keeping microseconds and time zones."""
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, datetime.timedelta):
        return value.total_seconds()
    return value


def _dumps(value):
    return json.dumps(value, ensure_ascii=False, default=_plain)


# Export -----------------------------------------------------------------------------------


def export_archive(stream, *, using=DEFAULT_DB_ALIAS):
    """Write the whole archive to a text stream; return the number of rows of each table."""
    connection = connections[using]
    user_model = get_user_model()
    write = stream.write
    counts = {}
    with _snapshot(connection):
        write(
            f'{{"format": "{FORMAT}", "version": {VERSION}, '
            f'"exported_at": {_dumps(timezone.now())},\n"users": ['
        )
        users = user_model._base_manager.using(using).order_by("username")
        for n, user in enumerate(users.prefetch_related("groups").iterator(chunk_size=BATCH)):
            row = {name: _plain(getattr(user, name)) for name in USER_FIELDS}
            row["groups"] = sorted(group.name for group in user.groups.all())
            write(("," if n else "") + "\n" + _dumps(row))
        write('\n],\n"tables": [')
        usernames = dict(users.values_list("pk", "username"))
        for t, model in enumerate(archive_models()):
            columns = _columns(model)
            write(
                ("," if t else "")
                + f'\n{{"model": "{model._meta.label_lower}", '
                + f'"fields": {_dumps([name for _field, name in columns])}, "rows": ['
            )
            user_columns = [i for i, (field, _name) in enumerate(columns) if _is_user_field(field)]
            rows = (
                model._base_manager.using(using)
                .order_by("pk")
                .values_list(*(field.attname for field, _name in columns))
            )
            count = 0
            for row in rows.iterator(chunk_size=BATCH):
                row = list(row)
                for i in user_columns:
                    row[i] = usernames.get(row[i])
                write(("," if count else "") + "\n" + _dumps(row))
                count += 1
            write("\n]}")
            counts[model._meta.label] = count
        write("\n]}\n")
    return counts


@contextmanager
def _snapshot(connection):
    """Read every table as of one moment, without keeping writers waiting.

    PostgreSQL: a read-only repeatable-read transaction. SQLite: a deferred read
    transaction, which in WAL mode sees one state of the file while editors go on saving
    (the project's own transactions are IMMEDIATE, which would lock writers out). Inside a
    caller's transaction, that transaction is the snapshot.
    """
    if not connection.get_autocommit():
        yield
    elif connection.vendor == "postgresql":
        with transaction.atomic(using=connection.alias):
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            yield
    elif connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("BEGIN DEFERRED")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("COMMIT")
    else:
        yield


# Import -----------------------------------------------------------------------------------


def import_archive(stream, *, using=DEFAULT_DB_ALIAS):
    """Load an exported archive into a database that holds no archive rows yet.

    Everything is written in one transaction: a malformed file, a file of another format
    version or a non-empty database raise before anything is kept. No history row is
    added (rows go in with plain inserts, so no save or signal runs), the archive's
    version is raised once at the end, and on PostgreSQL the id sequences are moved past
    the loaded ids. Return the number of rows loaded per table and of users created.
    """
    reader = _Reader(stream)
    _read_header(reader)
    connection = connections[using]
    try:
        with transaction.atomic(using=using):
            _refuse_non_empty(using)
            users_created, user_ids = _load_users(reader, using)
            counts = _load_tables(reader, connection, user_ids)
            reader.end()
            bulk_loaded.send(sender=import_archive, using=using)
            models = [model for model in archive_models() if model._meta.label in counts]
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), models):
                    cursor.execute(sql)
    except DatabaseError as error:
        raise ArchiveFileError(f"The database refused the archive's rows: {error}") from error
    counts["users created"] = users_created
    return counts


def _read_header(reader):
    reader.expect("{")
    header = {}
    for key in ("format", "version", "exported_at"):
        found = reader.key()
        if found != key:
            raise ArchiveFileError(
                f"Not a cstoarchive export: expected the key {key!r} at the start, got {found!r}."
            )
        header[key] = reader.value()
        reader.expect(",")
    if header["format"] != FORMAT:
        raise ArchiveFileError(f"Not a cstoarchive export (format {header['format']!r}).")
    if header["version"] != VERSION:
        raise ArchiveFileError(
            f"This export has format version {header['version']!r}; "
            f"this version of the archive reads version {VERSION} only."
        )
    return header


def _refuse_non_empty(using):
    for model in archive_models():
        if model is not ArchiveState and model._base_manager.using(using).exists():
            raise ArchiveNotEmptyError(
                f"The database already holds archive data ({model._meta.verbose_name_plural}); "
                "import into an empty database only."
            )


def _load_users(reader, using):
    """Create the users the archive names that this database lacks; return the id of each.

    An existing user of the same name is kept as it is. A new one gets no usable password:
    set it with `manage.py changepassword`.
    """
    user_model = get_user_model()
    if reader.key() != "users":
        raise ArchiveFileError("Expected the list of users after the header.")
    ids, created = {}, 0
    for _ in reader.array():
        row = reader.value()
        if not isinstance(row, dict) or not isinstance(row.get("username"), str):
            raise ArchiveFileError(f"A user entry without a user name: {row!r:.200}.")
        user = user_model._base_manager.using(using).filter(username=row["username"]).first()
        if user is None:
            values = {name: row[name] for name in USER_FIELDS if name in row}
            try:
                user = user_model(**values)
                user.set_unusable_password()
                user.full_clean(exclude=["password"], validate_unique=False)
                user.save(using=using)
                for name in row.get("groups", []):
                    group, _ = Group.objects.using(using).get_or_create(name=name)
                    user.groups.add(group)
            except (TypeError, ValidationError) as error:
                reasons = "; ".join(getattr(error, "messages", [str(error)]))
                raise ArchiveFileError(f"User {row['username']!r}: {reasons}") from error
            created += 1
        ids[row["username"]] = user.pk
    reader.expect(",")
    return created, ids


def _load_tables(reader, connection, user_ids):
    expected = {model._meta.label_lower: model for model in archive_models()}
    if reader.key() != "tables":
        raise ArchiveFileError("Expected the tables after the users.")
    counts = {}
    for _ in reader.array():
        reader.expect("{")
        label = _header_value(reader, "model")
        label = FORMER_LABELS.get(label, label)
        model = expected.pop(label, None)
        if model is None:
            raise ArchiveFileError(f"Unknown or repeated table {label!r}.")
        reader.expect(",")
        columns = _columns(model)
        names = _header_value(reader, "fields")
        # A file may name a derived column (written before such columns were left out).
        derived = {field.attname for field in model._meta.concrete_fields if _is_derived(field)}
        dropped = {i for i, name in enumerate(names) if name in derived} if names else set()
        kept = [name for i, name in enumerate(names or []) if i not in dropped]
        if not isinstance(names, list) or kept != [name for _field, name in columns]:
            raise ArchiveFileError(
                f"The columns of {label} in the file ({names}) are not this version's "
                f"({[name for _field, name in columns]})."
            )
        reader.expect(",")
        if reader.key() != "rows":
            raise ArchiveFileError(f"Expected the rows of {label}.")
        check = _field_checks(model, columns, label)
        rows = (
            check(number, _row(reader.value(), columns, label, user_ids, dropped))
            for number, _ in enumerate(reader.array(), 1)
        )
        if model is ArchiveState:
            count = _load_archive_state(rows)
        else:
            count = _insert(connection, model, columns, rows)
        counts[model._meta.label] = count
        reader.expect("}")
    if expected:
        raise ArchiveFileError(f"The file lacks tables: {', '.join(sorted(expected))}.")
    _check_records(connection.alias)
    return counts


def _header_value(reader, key):
    found = reader.key()
    if found != key:
        raise ArchiveFileError(f"Expected {key!r} in a table, got {found!r}.")
    return reader.value()


def _row(row, columns, label, user_ids, dropped=()):
    """Turn one row of the file into database values, checking each as its field would.

    `dropped` are the positions of the file's derived columns, whose values are left out.
    """
    if not isinstance(row, list) or len(row) != len(columns) + len(dropped):
        raise ArchiveFileError(
            f"A row of {label} does not have {len(columns) + len(dropped)} values: {row!r:.200}"
        )
    if dropped:
        row = [value for i, value in enumerate(row) if i not in dropped]
    values = []
    for (field, name), value in zip(columns, row, strict=True):
        if _is_user_field(field) and value is not None:
            if value not in user_ids:
                raise ArchiveFileError(f"{label}.{name} names an unknown user {value!r}.")
            value = user_ids[value]
        try:
            value = field.to_python(value)
        except ValidationError as error:
            raise ArchiveFileError(
                f"{label}.{name}: {value!r:.100} is not valid ({'; '.join(error.messages)})."
            ) from error
        if value is None and not field.null:
            raise ArchiveFileError(f"{label}.{name} is empty in a row.")
        values.append(value)
    return values


def _field_checks(model, columns, label):
    """Return a function that checks one row's values as `full_clean()` checks a record's
    fields (null, blank, choices, length and every other validator) and returns them, or
    raises ArchiveFileError naming the row and the field.

    The values are already those of `to_python()` (`_row`). Links and uniqueness are left
    to the database, which refuses a foreign key to a missing row and a repeated unique
    value at the latest at commit: asking for them row by row would cost a query each. A
    model's own clean() runs once every table is in (`_check_records`).
    """
    pk = model._meta.pk.attname
    checked = [
        (i, field)
        for i, (field, _name) in enumerate(columns)
        if not field.is_relation and not getattr(field, "generated", False)
    ]
    position = {field.attname: i for i, (field, _name) in enumerate(columns)}

    def check(number, values):
        for i, field in checked:
            value = values[i]
            # As clean_fields(): a blank value of a field that may be blank is not checked.
            # A null where the column takes one is kept too: simple-history's change reason
            # is null when none was given, and not blank for a form.
            if value in field.empty_values and (field.blank or (value is None and field.null)):
                continue
            try:
                field.validate(value, None)
                field.run_validators(value)
            except ValidationError as error:
                raise ArchiveFileError(
                    f"{label} row {number} ({pk} {values[position[pk]]}), field {field.name}: "
                    f"{' '.join(error.messages)} The value: {value!r:.80}."
                ) from error
        return values

    return check


def _check_records(using):
    """Run the model's own clean() on every loaded record of the models that have one.

    It runs after the load, when the rows a record refers to (a body's parents) are in.
    """
    for model in archive_models():
        if model.clean is models.Model.clean:
            continue
        label = model._meta.label_lower
        records = model._base_manager.using(using).order_by("pk")
        for record in records.iterator(chunk_size=BATCH):
            try:
                record.clean()
            except ValidationError as error:
                refused = getattr(error, "error_dict", None) and error.message_dict
                name, messages = next(iter((refused or {NON_FIELD_ERRORS: error.messages}).items()))
                field = "" if name == NON_FIELD_ERRORS else f", field {name}"
                raise ArchiveFileError(
                    f"{label} (id {record.pk}){field}: {' '.join(messages)}"
                ) from error
            except ObjectDoesNotExist as error:
                raise ArchiveFileError(
                    f"{label} (id {record.pk}) refers to a row the file lacks: {error}"
                ) from error


def _insert(connection, model, columns, rows):
    """Insert rows with plain SQL: no save(), so no signal, history row or automatic date."""
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table),
        ", ".join(quote(field.column) for field, _name in columns),
        ", ".join(["%s"] * len(columns)),
    )
    fields = [field for field, _name in columns]
    count, batch = 0, []
    with connection.cursor() as cursor:
        for row in rows:
            batch.append(
                [
                    field.get_db_prep_save(value, connection)
                    for field, value in zip(fields, row, strict=True)
                ]
            )
            if len(batch) == BATCH:
                cursor.executemany(sql, batch)
                count, batch = count + len(batch), []
        if batch:
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


def _load_archive_state(rows):
    """Raise the version past both the file's and this database's, so no cached page survives."""
    field_names = [field.attname for field in ArchiveState._meta.concrete_fields]
    exported = max((dict(zip(field_names, row, strict=True))["version"] for row in rows), default=0)
    state = ArchiveState.current()
    state.version = max(state.version, exported) + 1
    state.changed_at = timezone.now()
    state.save()
    return 1


class _Reader:
    """Read one JSON document piece by piece: the caller walks its objects and arrays.

    `json` decodes whole documents only; here each row is decoded on its own from a buffer
    that is refilled from the stream, so the file is never in memory at once.
    """

    WHITESPACE = " \t\n\r"

    def __init__(self, stream):
        self.stream = stream
        self.buffer = ""
        self.pos = 0
        self.dropped = 0
        self.eof = False
        self.decoder = json.JSONDecoder()

    def _fill(self):
        data = self.stream.read(CHUNK)
        if not isinstance(data, str):
            raise ArchiveFileError("The archive must be read as text.")
        if not data:
            self.eof = True
            return
        self.dropped += self.pos
        self.buffer = self.buffer[self.pos :] + data
        self.pos = 0

    def _skip_space(self):
        while True:
            while self.pos < len(self.buffer) and self.buffer[self.pos] in self.WHITESPACE:
                self.pos += 1
            if self.pos < len(self.buffer) or self.eof:
                return
            self._fill()

    def _error(self, message):
        return ArchiveFileError(
            f"Malformed archive at character {self.dropped + self.pos}: {message}."
        )

    def peek(self):
        self._skip_space()
        return self.buffer[self.pos] if self.pos < len(self.buffer) else ""

    def expect(self, char):
        found = self.peek()
        if found != char:
            raise self._error(f"expected {char!r}, found {found or 'the end of the file'!r}")
        self.pos += 1

    def value(self):
        """Decode the next complete JSON value."""
        self._skip_space()
        while True:
            try:
                value, end = self.decoder.raw_decode(self.buffer, self.pos)
            except json.JSONDecodeError as error:
                if self.eof:
                    raise self._error(error.msg) from None
                self._fill()
                continue
            # A number at the end of the buffer may go on in the next chunk.
            if end == len(self.buffer) and not self.eof:
                self._fill()
                continue
            self.pos = end
            return value

    def key(self):
        """Decode an object's key and its colon."""
        key = self.value()
        if not isinstance(key, str):
            raise self._error(f"expected a key, found {key!r:.50}")
        self.expect(":")
        return key

    def array(self):
        """Walk an array: yields once per element, which the caller reads."""
        self.expect("[")
        if self.peek() == "]":
            self.pos += 1
            return
        while True:
            yield
            found = self.peek()
            self.pos += 1
            if found == "]":
                return
            if found != ",":
                self.pos -= 1
                raise self._error(f"expected ',' or ']', found {found or 'the end'!r}")

    def end(self):
        """Check that the document closes and nothing follows it."""
        self.expect("}")
        if self.peek():
            raise self._error("text after the end of the document")
