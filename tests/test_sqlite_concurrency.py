"""SQLite as configured (WAL, busy timeout, immediate transactions): readers and a writer
working at once never meet "database is locked"."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent

WRITER = """
from core.history import revision
from news.models import NewsItem
import datetime
for n in range(60):
    item = NewsItem(title=f"Item {n}", slug=f"item-{n}", published_on=datetime.date(2024, 1, 1),
                    language="en", text="Text " * 50, status="published")
    with revision(item, reason="concurrency test"):
        item.save()
"""
READER = """
from django.test import Client
client = Client()
for n in range(40):
    assert client.get("/news/").status_code == 200
    assert client.get("/news/", {"q": "text"}).status_code == 200
"""


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's locking only")
def test_readers_and_a_writer_do_not_lock_each_other(tmp_path):
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "cstoarchive.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'shared.sqlite3'}",
    }
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    scripts = [WRITER, WRITER.replace("item-{n}", "other-{n}"), READER, READER, READER]
    workers = [
        subprocess.Popen(
            [sys.executable, "manage.py", "shell", "-c", script],
            cwd=ROOT,
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        for script in scripts
    ]
    errors = [worker.communicate(timeout=120)[1] for worker in workers]
    assert [worker.returncode for worker in workers] == [0] * len(workers), errors
    assert not any("locked" in error for error in errors)
