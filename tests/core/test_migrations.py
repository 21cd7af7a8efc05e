"""A fresh database migrates from nothing, and the models match the migrations."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_fresh_migrate_on_an_empty_sqlite_database(tmp_path):
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "cstoarchive.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}",
    }
    result = manage("migrate", "--noinput", env=env)
    assert result.returncode == 0, result.stderr
    shown = manage("showmigrations", "--plan", env=env)
    assert "[ ]" not in shown.stdout
    assert "news.0002_editor_and_publisher_groups" in shown.stdout
    check = manage("makemigrations", "--check", "--dry-run", env=env)
    assert check.returncode == 0, check.stdout
