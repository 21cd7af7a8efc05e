"""A consistent copy of the live database: SQLite's backup API, or pg_dump on PostgreSQL.

Copying the file of a running SQLite database is not a backup: in WAL mode the latest
commits live in the `-wal` file until a checkpoint, and a copy taken during a write can
hold half of a transaction. The backup API copies the pages of one committed state.
"""

import os
import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path

from django.db import DEFAULT_DB_ALIAS, connections


class BackupError(Exception):
    """The backup could not be made; no file was left at the destination."""


def backup_database(path, *, using=DEFAULT_DB_ALIAS):
    """Write a consistent copy of the database to path; return a short description of it.

    The copy is made beside the destination and renamed into place when complete, so a
    failed backup never leaves a partial file under the backup's name.
    """
    path = Path(path)
    if not path.parent.is_dir():
        raise BackupError(f"The folder {path.parent} does not exist.")
    connection = connections[using]
    handle, partial = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(handle)
    try:
        if connection.vendor == "sqlite":
            description = _sqlite_backup(connection, partial)
        elif connection.vendor == "postgresql":
            description = _pg_dump(connection, partial)
        else:
            raise BackupError(f"No backup method for {connection.vendor} databases.")
        os.replace(partial, path)
    finally:
        Path(partial).unlink(missing_ok=True)
    return description


def _sqlite_backup(connection, partial):
    connection.ensure_connection()
    target = sqlite3.connect(partial)
    try:
        # One step (pages=-1): the copy is of one committed state. In steps, every write
        # by another connection would restart the copy, which might then never finish.
        connection.connection.backup(target)
        target.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file
    finally:
        target.close()
    return "SQLite backup API"


def _pg_dump(connection, partial):
    executable = shutil.which("pg_dump")
    if executable is None:
        raise BackupError(
            "pg_dump is not installed or not on PATH (Debian: apt-get install postgresql-client)."
        )
    args, env = connection.client.settings_to_cmd_args_env(
        connection.settings_dict, ["--format=custom", f"--file={partial}"]
    )
    result = subprocess.run(
        [executable, *args[1:]],
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
    return "pg_dump, custom format (restore with pg_restore)"
