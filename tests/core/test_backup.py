"""backup_database: a consistent copy of a database that is being written to."""

import os
import re
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def manage(env, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args, "--skip-checks"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's backup API")
def test_sqlite_backup_while_another_connection_writes(tmp_path):
    database = tmp_path / "live.sqlite3"
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "cstoarchive.settings.test",
        "DATABASE_URL": f"sqlite:///{database}",
    }
    migrated = subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=False
    )
    assert migrated.returncode == 0

    insert = (
        "INSERT INTO people_body (name, name_ru, abbreviation, abbreviation_ru, slug, kind, "
        "description, description_ru, source_url, aliases) "
        "VALUES (?, '', '', '', ?, 'statutory', '', '', '', '')"
    )
    writer = sqlite3.connect(database, timeout=20, isolation_level=None, check_same_thread=False)
    writer.execute("PRAGMA journal_mode=WAL")
    for n in range(100):
        writer.execute(insert, (f"Body {n}", f"body-{n}"))

    stop = threading.Event()
    written = []

    def keep_writing():
        # One transaction per row, as editors' saves are, until the backup is done.
        n = 100
        while not stop.is_set():
            writer.execute(insert, (f"Body {n}", f"body-{n}"))
            written.append(n)
            n += 1

    thread = threading.Thread(target=keep_writing)
    thread.start()
    backup = tmp_path / "backup.sqlite3"
    try:
        result = manage(env, "backup_database", str(backup))
    finally:
        stop.set()
        thread.join()
        writer.close()
    assert result.returncode == 0, result.stderr
    assert "SQLite backup API" in result.stdout
    assert written, "the writer wrote nothing while the backup ran"

    copy = sqlite3.connect(backup)
    # A CHECK constraint of the schema uses REGEXP, which Django provides to its own
    # connections; integrity_check evaluates the constraints, so it needs the function.
    copy.create_function("REGEXP", 2, lambda pattern, text: bool(re.search(pattern, text or "")))
    try:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        numbers = sorted(int(slug[5:]) for (slug,) in copy.execute("SELECT slug FROM people_body"))
        migrations = copy.execute("SELECT count(*) FROM django_migrations").fetchone()[0]
    finally:
        copy.close()
    # Everything committed before the backup began, then an unbroken run of what came
    # during it: one committed state, not rows picked up at different moments.
    assert numbers == list(range(len(numbers)))
    assert len(numbers) >= 100
    assert migrations > 0
    assert not Path(f"{backup}-wal").exists()
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".")] == []


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's backup API")
def test_backup_into_a_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        call_command("backup_database", str(tmp_path / "no" / "backup.sqlite3"))


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump is for PostgreSQL")
def test_pg_dump_writes_a_custom_format_archive(tmp_path):
    pg_restore = subprocess.run(["which", "pg_restore"], capture_output=True, check=False)
    if pg_restore.returncode != 0:
        pytest.skip("pg_dump and pg_restore are not installed")
    backup = tmp_path / "backup.dump"
    call_command("backup_database", str(backup), verbosity=0)
    assert backup.read_bytes()[:5] == b"PGDMP"  # the custom format's signature
    listing = subprocess.run(
        ["pg_restore", "--list", str(backup)], capture_output=True, text=True, check=True
    ).stdout
    assert "TABLE DATA public news_newsitem" in listing
    assert "TABLE DATA public news_historicalnewsitem" in listing
    # The groups created by a data migration are committed, so the dump holds them.
    script = subprocess.run(
        ["pg_restore", "--data-only", "--table=auth_group", "--file=-", str(backup)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Editors" in script
