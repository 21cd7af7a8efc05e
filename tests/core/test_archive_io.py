"""export_archive and import_archive: the whole archive, history included, survives the trip."""

import datetime
import json

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection

from core import archive_io
from core.history import ChangeKind, revision
from core.models import ArchiveState
from core.validators import LEAD_LIMIT, NEWS_TEXT_LIMIT, STATEMENT_TEXT_LIMIT
from news.models import NewsItem, Statement
from people.models import Body, Official

pytestmark = pytest.mark.django_db


def snapshot():
    """Return every row of every archive table, read with the ORM; users appear by name."""
    user_model = get_user_model()
    usernames = dict(user_model.objects.values_list("pk", "username"))
    tables = {}
    for app in ("people", "news"):
        for model in apps.get_app_config(app).get_models(include_auto_created=True):
            if model is ArchiveState or getattr(model, "derived", False):
                continue  # the version rises, and derived tables are rebuilt
            fields = model._meta.concrete_fields
            user_columns = [
                f.attname for f in fields if f.is_relation and f.related_model is user_model
            ]
            rows = list(model._base_manager.order_by("pk").values(*(f.attname for f in fields)))
            for row in rows:
                for column in user_columns:
                    row[column] = usernames.get(row[column])
            tables[model._meta.label] = rows
    return tables


def empty_database():
    """Empty every table, as in a newly migrated database, within the test's transaction."""
    # Runs the foreign-key checks still pending, which PostgreSQL's TRUNCATE insists on.
    connection.check_constraints()
    call_command("flush", interactive=False, verbosity=0)


def counts(tables):
    return {label: len(rows) for label, rows in tables.items()}


def differences(before, after):
    """List every row that is not the same, field by field, in both snapshots."""
    found = []
    for label in sorted(before.keys() | after.keys()):
        old, new = before.get(label, []), after.get(label, [])
        for a, b in zip(old, new, strict=False):
            found += [
                (label, a.get("pk", a), key, a[key], b.get(key))
                for key in a
                if a[key] != b.get(key)
            ]
        if len(old) != len(new):
            found.append((label, "row count", len(old), len(new)))
    return found


@pytest.fixture
def archive(editor, publisher):
    """The reference and demo data, with corrections made by named users."""
    call_command("load_reference", verbosity=0)
    call_command("load_demo", verbosity=0)
    item = NewsItem.objects.published().order_by("pk").first()
    extra = Body.objects.exclude(pk__in=item.bodies.all()).order_by("pk").first()
    with revision(item, user=editor, reason="Fixed the title", kind=ChangeKind.SUBSTANTIVE):
        item.title = f"{item.title} Xylographic revised"
        item.created_by = publisher
        item.retrieved_on = datetime.date(2025, 3, 1)
        item.save()
        item.bodies.add(extra)
    statement = Statement.objects.order_by("pk").first()
    with revision(statement, user=publisher, reason="Typo", kind=ChangeKind.MINOR):
        statement.text = statement.text.replace(" ", "  ", 1)
        statement.save()
    person = Official.objects.order_by("pk").first()
    with revision(person, user=editor, reason="Added an alias"):
        person.aliases += "\nA. Testalias"
        person.save()
    return item


@pytest.fixture
def small_archive(official, make_item, editor):
    """A few records with a correction by a named user, for the tests of bad files."""
    item = make_item(retrieved_on=datetime.date(2025, 3, 1))
    with revision(item, user=editor, reason="Fixed the title"):
        item.title = "Ministers met in Astana"
        item.save()
    return item


def test_round_trip_reproduces_every_row_and_its_history(archive, client, tmp_path):
    path = tmp_path / "archive.json"
    before = snapshot()
    version_before = ArchiveState.version_now()
    call_command("export_archive", str(path), verbosity=0)

    empty_database()
    assert sum(counts(snapshot()).values()) == 0
    assert not get_user_model().objects.exists()
    assert not NewsItem.objects.search("Xylographic").exists()

    call_command("import_archive", str(path), verbosity=0)
    connection.check_constraints()  # every link points to a loaded row
    after = snapshot()

    assert counts(after) == counts(before)
    assert counts(before)["news.HistoricalNewsItem_bodies"] > 0
    assert counts(before)["people.HistoricalOfficial"] > 0
    assert differences(before, after) == []
    history = NewsItem.history.filter(id=archive.pk).latest("history_date")
    assert (history.history_user.username, history.history_change_reason) == (
        "editor",
        "Fixed the title",
    )
    assert ArchiveState.version_now() > version_before

    # Users come back by name, in their groups, without a password.
    editor = get_user_model().objects.get(username="editor")
    assert list(editor.groups.values_list("name", flat=True)) == ["Editors"]
    assert not editor.has_usable_password()

    # Search finds the imported text, and the public pages show it.
    item = NewsItem.objects.get(pk=archive.pk)
    assert list(NewsItem.objects.search("Xylographic")) == [item]
    for url in [
        "/",
        "/news/",
        "/news/?q=Xylographic",
        item.get_absolute_url(),
        item.get_history_url(),
        "/statements/",
        Statement.objects.first().get_absolute_url(),
        Official.objects.order_by("pk").first().get_absolute_url(),
        "/bodies/",
        "/states/",
        "/corrections/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
    assert "Xylographic revised" in client.get(item.get_absolute_url()).content.decode()

    # New rows take fresh keys: the id sequences moved past the imported ids.
    body = Body.objects.create(name="A new body", slug="a-new-body", kind=Body.Kind.SUBSIDIARY)
    assert body.pk > max(row["id"] for row in before["people.Body"])
    assert body.history.count() == 1


def test_the_file_names_users_but_holds_no_passwords(archive, tmp_path):
    path = tmp_path / "archive.json"
    call_command("export_archive", str(path), verbosity=0)
    document = json.loads(path.read_text(encoding="utf-8"))
    assert (document["format"], document["version"]) == ("cstoarchive", 1)
    assert {user["username"] for user in document["users"]} == {"editor", "publisher"}
    assert "password" not in path.read_text(encoding="utf-8")
    tables = {table["model"]: table for table in document["tables"]}
    history = tables["news.historicalnewsitem"]
    user_column = history["fields"].index("history_user")
    assert "editor" in {row[user_column] for row in history["rows"]}


def test_rows_cut_across_reads_are_put_together(official, make_item, tmp_path, monkeypatch):
    """A reader with a tiny buffer still reads rows longer than the buffer."""
    for n in range(5):
        make_item(text="Long text of the borders. " * (20 + n), lead="ёжик " * n)
    path = tmp_path / "archive.json"
    call_command("export_archive", str(path), verbosity=0)
    before = snapshot()
    empty_database()
    monkeypatch.setattr(archive_io, "CHUNK", 13)
    call_command("import_archive", str(path), verbosity=0)
    assert differences(before, snapshot()) == []


def test_import_into_a_non_empty_database_is_refused(archive, tmp_path):
    path = tmp_path / "archive.json"
    call_command("export_archive", str(path), verbosity=0)
    before = snapshot()
    with pytest.raises(CommandError, match="already holds archive data"):
        call_command("import_archive", str(path), verbosity=0)
    assert differences(before, snapshot()) == []


def _cut(text):
    return text[: len(text) // 2]


def _other_version(text):
    return text.replace('"version": 1,', '"version": 2,', 1)


def _bad_date(text):
    # The retrieval date of the corrected item becomes an impossible one.
    return text.replace('"2025-03-01"', '"2025-02-30"')


def _unknown_user(text):
    return text.replace('"username": "editor"', '"username": "someone_else"', 1)


def _not_json(text):
    return "Hello"


def _extra_text(text):
    return text + "{}"


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (_cut, "Malformed archive"),
        (_other_version, "format version 2"),
        (_bad_date, "not valid"),
        (_unknown_user, "unknown user 'editor'"),
        (_not_json, "Malformed archive"),
        (_extra_text, "after the end"),
    ],
)
def test_a_bad_file_is_refused_and_nothing_is_written(small_archive, tmp_path, spoil, message):
    path = tmp_path / "archive.json"
    call_command("export_archive", str(path), verbosity=0)
    text = path.read_text(encoding="utf-8")
    assert spoil(text) != text
    path.write_text(spoil(text), encoding="utf-8")
    empty_database()
    empty = snapshot()
    with pytest.raises(CommandError, match=message):
        call_command("import_archive", str(path), verbosity=0)
    assert differences(empty, snapshot()) == []
    assert not get_user_model().objects.exists()


def test_a_missing_file_is_a_clear_error(db, tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_archive", str(tmp_path / "none.json"))


def test_a_file_of_the_release_before_core_names_the_archive_state_as_news(small_archive, tmp_path):
    """Files exported before the archive state moved to `core` call its table news'."""
    path = tmp_path / "archive.json"
    call_command("export_archive", str(path), verbosity=0)
    document = json.loads(path.read_text())
    [state] = [table for table in document["tables"] if table["model"] == "core.archivestate"]
    state["model"] = "news.archivestate"
    path.write_text(json.dumps(document))
    exported = ArchiveState.version_now()
    empty_database()

    call_command("import_archive", str(path), verbosity=0)

    assert NewsItem.history.filter(history_change_reason="Fixed the title").exists()
    assert ArchiveState.version_now() > exported


# Values their field refuses


def _document(path):
    return json.loads(path.read_text(encoding="utf-8"))


def _table(document, label):
    [table] = [table for table in document["tables"] if table["model"] == label]
    return table


def _set(document, label, pk, **values):
    """Give the row of a table with this id other values."""
    table = _table(document, label)
    key = "history_id" if label.split(".")[1].startswith("historical") else "id"
    [row] = [row for row in table["rows"] if row[table["fields"].index(key)] == pk]
    for name, value in values.items():
        row[table["fields"].index(name)] = value


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        ("source_url", "javascript:alert(1)", "starts with http:// or https://"),
        ("archived_url", "javascript:alert(document.cookie)", "starts with http:// or https://"),
        ("text", "x" * (NEWS_TEXT_LIMIT + 1), f"at most {NEWS_TEXT_LIMIT} characters"),
        ("lead", "x" * (LEAD_LIMIT + 1), f"at most {LEAD_LIMIT} characters"),
        ("title", "T" * 10_000, "at most 300 characters"),
        ("kind", "rumour", "'rumour' is not a valid choice"),
        ("slug", "bad slug/<script>", "Enter a valid “slug”"),
        ("language", "", "cannot be blank"),
    ],
)
def test_a_value_its_field_refuses_is_refused_naming_the_record(
    small_archive, tmp_path, field, value, reason
):
    path = tmp_path / "archive.json"
    call_command("export_archive", str(path), verbosity=0)
    document = _document(path)
    _set(document, "news.newsitem", small_archive.pk, **{field: value})
    path.write_text(json.dumps(document), encoding="utf-8")
    empty_database()
    empty = snapshot()
    with pytest.raises(CommandError) as refused:
        call_command("import_archive", str(path), verbosity=0)
    message = str(refused.value)
    assert f"news.newsitem row 1 (id {small_archive.pk}), field {field}:" in message
    assert reason in message
    assert message.endswith("Nothing was imported.") and "\n" not in message
    assert len(message) < 500  # the value is cut short
    assert differences(empty, snapshot()) == []
    assert not get_user_model().objects.exists()


def test_history_rows_are_checked_as_their_records(small_archive, tmp_path):
    """An old version is shown on the history page: its values are checked the same way."""
    path = tmp_path / "archive.json"
    call_command("export_archive", str(path), verbosity=0)
    document = _document(path)
    first = small_archive.history.earliest("history_date")
    _set(document, "news.historicalnewsitem", first.history_id, source_url="javascript:void(0)")
    path.write_text(json.dumps(document), encoding="utf-8")
    empty_database()
    with pytest.raises(
        CommandError, match=f"\\(history_id {first.history_id}\\), field source_url:"
    ):
        call_command("import_archive", str(path), verbosity=0)
    assert not NewsItem.objects.exists()


def test_other_tables_are_checked_too(small_archive, make_statement, tmp_path):
    statement = make_statement()
    path = tmp_path / "archive.json"
    call_command("export_archive", str(path), verbosity=0)
    document = _document(path)
    _set(document, "news.statement", statement.pk, text="x" * (STATEMENT_TEXT_LIMIT + 1))
    path.write_text(json.dumps(document), encoding="utf-8")
    empty_database()
    with pytest.raises(
        CommandError, match=f"news.statement row 1 \\(id {statement.pk}\\), field text:"
    ):
        call_command("import_archive", str(path), verbosity=0)
    assert not NewsItem.objects.exists()


def test_a_record_its_model_refuses_is_refused(council, secretariat, tmp_path):
    """A body's parent chain loops back to it: the model's own check, run after the load."""
    path = tmp_path / "archive.json"
    call_command("export_archive", str(path), verbosity=0)
    document = _document(path)
    _set(document, "people.body", council.pk, parent_id=secretariat.pk)
    _set(document, "people.body", secretariat.pk, parent_id=council.pk)
    path.write_text(json.dumps(document), encoding="utf-8")
    empty_database()
    with pytest.raises(
        CommandError, match=r"people\.body \(id \d+\), field parent: .*under itself"
    ):
        call_command("import_archive", str(path), verbosity=0)
    assert not Body.objects.exists()


def test_derived_columns_are_neither_written_nor_required(small_archive, tmp_path):
    """The search document is the database's own: files leave it out, and one that has it
    (or lacks it, written before it existed) loads all the same."""
    derived = [
        field.attname
        for field in NewsItem._meta.concrete_fields
        if getattr(field, "derived", False)
    ]
    assert derived == ["search_document"]
    path = tmp_path / "archive.json"
    call_command("export_archive", str(path), verbosity=0)
    document = _document(path)
    table = _table(document, "news.newsitem")
    assert "search_document" not in table["fields"]
    before = snapshot()
    table["fields"].append("search_document")
    for row in table["rows"]:
        row.append(None)
    path.write_text(json.dumps(document), encoding="utf-8")
    empty_database()
    call_command("import_archive", str(path), verbosity=0)
    assert differences(before, snapshot()) == []
    assert list(NewsItem.objects.search("Astana")) == [small_archive]
