"""A reader's request has a ceiling on its database time; past it, a clear 503."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import OperationalError, connection, transaction

from core.budget import is_over_budget, query_budget
from cstoarchive import limits

ROOT = Path(__file__).resolve().parents[2]
# A statement that would keep the database busy for far longer than any budget.
RUNAWAY = {
    "sqlite": (
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000000)"
        " SELECT count(*) FROM n"
    ),
    "postgresql": "SELECT pg_sleep(30)",
}


@pytest.mark.django_db
def test_a_runaway_statement_is_stopped_within_the_budget():
    started = time.monotonic()
    # In a savepoint, as a view's transaction would be: PostgreSQL ends it on a cancel.
    with (
        pytest.raises(OperationalError) as caught,
        query_budget(0.3),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(RUNAWAY[connection.vendor])
    assert is_over_budget(caught.value)
    assert time.monotonic() - started < 2
    with connection.cursor() as cursor:  # the connection goes on serving
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)


@pytest.mark.django_db
def test_other_database_errors_are_not_taken_for_the_budget():
    with pytest.raises(Exception) as caught, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT * FROM no_such_table")
    assert not is_over_budget(caught.value)


@pytest.fixture
def used_up(settings):
    # Far less than one query takes: the first query of a page built anew is refused.
    settings.QUERY_BUDGET_SECONDS = 1e-9


def test_a_reader_gets_a_503_page(client, used_up, make_item):
    make_item()
    response = client.get("/news/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    assert b"This page took too long to build" in response.content
    assert "Страница строилась слишком долго" in client.get("/ru/news/").content.decode()


def test_an_api_reader_gets_a_json_503(client, used_up, make_item):
    make_item()
    response = client.get("/api/news/")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert "busy" in response.json()["detail"]


def test_editors_and_the_admin_have_no_budget(client, admin_client, used_up, make_item):
    make_item()
    assert admin_client.get("/news/").status_code == 200
    assert admin_client.get("/admin/news/newsitem/").status_code == 200
    assert client.get("/admin/login/").status_code == 200


def statement_timeout():
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_a_readers_timeout_ends_with_the_request(client, settings):
    """The connection outlives the request: a login waiting for its lock, or an editor's
    save, on it next must not be cut at a reader's limit."""
    if connection.vendor != "postgresql":
        pytest.skip("statement_timeout is PostgreSQL's")
    with query_budget(5):
        assert statement_timeout() == "5s"
    assert statement_timeout() == "0"
    settings.QUERY_BUDGET_SECONDS = 5
    assert client.get("/statements/").status_code == 200
    assert client.get("/healthz").status_code == 200
    assert statement_timeout() == "0"


def gunicorn_config(**env):
    result = subprocess.run(
        [sys.executable, "-m", "gunicorn", "--print-config", "cstoarchive.wsgi"],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    pairs = (line.split("=", 1) for line in result.stdout.splitlines() if "=" in line)
    return {name.strip(): value.strip() for name, value in pairs}


def test_gunicorn_worker_timeout_follows_the_budget():
    assert gunicorn_config(QUERY_BUDGET_SECONDS="2")["timeout"] == "10"
    assert gunicorn_config(QUERY_BUDGET_SECONDS="6")["timeout"] == "30"


@pytest.mark.parametrize("raw", ["soon", "-1", "nan"])
def test_a_bad_budget_is_refused_with_its_name(raw, monkeypatch):
    monkeypatch.setenv("QUERY_BUDGET_SECONDS", raw)
    with pytest.raises(ValueError, match="QUERY_BUDGET_SECONDS"):
        limits.query_budget_seconds()
