"""Production settings pass Django's deployment checks and refuse to start without a key."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def run_under_prod(args, **env):
    """Run Python with `args` in a fresh process under the production settings."""
    # Nothing of the test run's own configuration (tests/conftest.py allows async-unsafe
    # calls for Playwright, which the deployment check rightly refuses).
    own = {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE", "DATABASE_URL"}
    own.add("DJANGO_ALLOW_ASYNC_UNSAFE")
    environment = {key: value for key, value in os.environ.items() if key not in own}
    environment |= {"DJANGO_SETTINGS_MODULE": "cstoarchive.settings.prod"} | env
    return subprocess.run(
        [sys.executable, *args],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def production_environment(tmp_path):
    return {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "archive.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}",
    }


def test_check_deploy_finds_no_issues(tmp_path):
    done = run_under_prod(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        **production_environment(tmp_path),
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip() == "System check identified no issues (0 silenced)."
    assert "WARNING" not in done.stderr


def test_check_deploy_still_warns_about_a_weak_key(tmp_path):
    """The check above would see a bad setting: a short key is reported."""
    environment = production_environment(tmp_path) | {"SECRET_KEY": "short"}
    done = run_under_prod(["manage.py", "check", "--deploy"], **environment)
    assert "security.W009" in done.stdout + done.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    environment = production_environment(tmp_path)
    del environment["SECRET_KEY"]
    done = run_under_prod(["manage.py", "check"], **environment)
    assert done.returncode != 0
    last_line = done.stderr.strip().splitlines()[-1]
    assert "ImproperlyConfigured: SECRET_KEY is not set." in last_line
    assert "Production settings refuse to start without it" in last_line


def test_production_refuses_an_empty_secret_key(tmp_path):
    environment = production_environment(tmp_path) | {"SECRET_KEY": ""}
    done = run_under_prod(["manage.py", "check"], **environment)
    assert done.returncode != 0
    assert "SECRET_KEY is not set." in done.stderr
