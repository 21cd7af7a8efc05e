"""Production settings pass Django's deployment checks, refuse to start without a key, and
take a log level in any case."""

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

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


BOOT = "import django, logging; django.setup(); print(logging.getLevelName(logging.root.level))"


@pytest.mark.parametrize("given", ["info", "INFO", "Warning", "debug"])
def test_production_takes_a_log_level_in_any_case(tmp_path, given):
    done = run_under_prod(["-c", BOOT], **production_environment(tmp_path), LOG_LEVEL=given)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == given.upper()


def test_an_unknown_log_level_is_refused_naming_the_variable(tmp_path):
    done = run_under_prod(["-c", BOOT], **production_environment(tmp_path), LOG_LEVEL="loud")
    assert done.returncode != 0
    last_line = done.stderr.strip().splitlines()[-1]
    assert "ImproperlyConfigured: LOG_LEVEL" in last_line
    assert "'loud'" in last_line and "WARNING" in last_line


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_gunicorn_workers_boot_with_a_lower_case_log_level(tmp_path):
    """gunicorn.conf.py itself lowers LOG_LEVEL; Django's logging must take it too."""
    port = free_port()
    own = {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE", "DATABASE_URL"}
    environment = {key: value for key, value in os.environ.items() if key not in own}
    environment |= production_environment(tmp_path) | {
        "DJANGO_SETTINGS_MODULE": "cstoarchive.settings.prod",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "LOG_LEVEL": "info",
        "WEB_WORKERS": "1",
    }
    gunicorn = Path(sys.executable).parent / "gunicorn"
    server = subprocess.Popen(
        [str(gunicorn), "--bind", f"127.0.0.1:{port}"],
        cwd=PROJECT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        answer, deadline = None, time.monotonic() + 60
        while answer is None and server.poll() is None and time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as r:
                    answer = (r.status, r.read())
            except OSError:
                time.sleep(0.2)
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert answer == (200, b"ok"), output
