"""Real servers for the tests that need them: Redis, gunicorn, a database of their own.

Each is started on a free local port and stopped by the caller (the functions are context
managers); nothing here assumes a service is already running.
"""

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

PROJECT = Path(__file__).resolve().parent.parent.parent


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port, process, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped with status {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing answered on port {port} within {seconds} s")


def require(program, package):
    """The path of a Debian program; fails in CI (REQUIRE_SERVICES) and skips elsewhere."""
    path = shutil.which(program)
    if path:
        return path
    message = f"{program} is needed: apt-get install {package}"
    if os.environ.get("REQUIRE_SERVICES"):
        pytest.fail(message)
    pytest.skip(message)


@contextmanager
def redis_server():
    """A Redis server of its own (Debian's redis-server), in memory only; yields its URL."""
    program = require("redis-server", "redis-server")
    port = free_port()
    process = subprocess.Popen(
        [program, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, process, seconds=20)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=20)


@contextmanager
def scratch_database(folder):
    """A database of its own, on the suite's server when that is PostgreSQL (a new database
    created there and dropped after), else a SQLite file in `folder`; yields its URL."""
    suite = os.environ.get("DATABASE_URL", "")
    if not suite.startswith(("postgres://", "postgresql://")):
        yield f"sqlite:///{Path(folder) / 'scratch.sqlite3'}"
        return
    import psycopg

    name = f"scratch_{secrets.token_hex(6)}"
    parts = urlsplit(suite)
    with psycopg.connect(suite, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(suite, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def production_environment(**extra):
    """The environment of a production server, apart from this test process's settings."""
    own = {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL"}
    environment = {key: value for key, value in os.environ.items() if key not in own}
    return environment | {
        "DJANGO_SETTINGS_MODULE": "cstoarchive.settings.prod",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "LOG_LEVEL": "warning",
        **extra,
    }


def manage(environment, *arguments):
    """Run a management command under that environment; return its output."""
    done = subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@contextmanager
def gunicorn(environment, workers=1):
    """gunicorn as production runs it (gunicorn.conf.py); yields the server's base URL."""
    port = free_port()
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "--bind", f"127.0.0.1:{port}"],
        cwd=PROJECT,
        env={**environment, "WEB_WORKERS": str(workers)},
    )
    try:
        wait_for_port(port, process)
        base = f"http://127.0.0.1:{port}"
        # The port opens before the workers have loaded the application.
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=5).read()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)
