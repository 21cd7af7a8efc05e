"""The importer on hostile texts: time grows linearly with the text, whatever the text holds.

Each pattern of tests/support/hostile.py is extracted at 20,000 and at 200,000 characters. A
linear step takes about ten times as long on the longer text and a quadratic one about a
hundred times, so the longer text may take at most SCALING times as long (plus SLACK for a
busy machine). A deadline stops an extraction that runs past CEILING seconds, so a quadratic
step fails the test in seconds instead of holding it for minutes.
"""

import contextlib
import gc
import signal
import time

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from news.importer.extract import extract
from news.importer.linking import Linker
from news.importer.record import Record
from tests.support.hostile import SIZE, patterns

SMALL = SIZE // 10
SCALING = 20  # linear gives about 10, quadratic about 100
SLACK = 0.25  # seconds: timer noise on a short run
CEILING = 10.0  # seconds for one 200,000-character text, on the slowest machine we run on
PATTERNS = patterns()


class OverranError(Exception):
    pass


@contextlib.contextmanager
def deadline(seconds):
    """Raise OverranError in the block once it has run for `seconds` (main thread, POSIX)."""

    def overran(signum, frame):
        raise OverranError(f"still running after {seconds:.0f} s")

    previous = signal.signal(signal.SIGALRM, overran)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def timed(function, *, limit=CEILING):
    """Return the seconds one call took; fail the test if it runs past `limit`."""
    gc.collect()
    started = time.perf_counter()
    try:
        with deadline(limit):
            function()
    except OverranError as error:
        pytest.fail(f"{error}: the step is not linear in its input")
    return time.perf_counter() - started


@pytest.fixture(scope="module")
def linker(django_db_setup, django_db_blocker):
    """A linker of the shipped reference data, read in a transaction rolled back at once."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_reference", verbosity=0)
        built = Linker.from_db()
        transaction.set_rollback(True)
    return built


def run(linker, text):
    return extract(Record(id="hostile", text=text), linker)


@pytest.mark.parametrize("name", PATTERNS)
def test_extraction_time_grows_linearly(linker, name):
    # Every run on a variant of its own: made-up words that an earlier run left in the
    # importer's caches would make a run look faster than it is.
    small = [patterns(variant)[name](SMALL) for variant in (1, 2, 3)]
    large = PATTERNS[name](SIZE)
    run(linker, patterns(4)[name](SMALL))  # load what all texts share (the dictionaries)
    small_seconds = min(timed(lambda text=text: run(linker, text)) for text in small)
    large_seconds = timed(lambda: run(linker, large))
    assert large_seconds <= SCALING * small_seconds + SLACK, (
        f"{name}: {large_seconds:.2f} s for {SIZE:,} characters, "
        f"{small_seconds:.3f} s for {SMALL:,}"
    )


def test_hostile_patterns_cover_what_the_importer_must_survive():
    texts = {name: build(SIZE) for name, build in PATTERNS.items()}
    assert all(len(text) == SIZE for text in texts.values())
    lines = {name: text.count("\n") for name, text in texts.items()}
    assert lines["short lines"] >= 50_000 and lines["blank lines"] >= 49_000
    assert lines["one long line"] == 0
    assert not any(char.isspace() for char in texts["letters without spaces"])
    assert texts["digits without spaces"].isdigit()
    # Generated, not stored: the same text every time; a variant draws other names.
    assert PATTERNS["distinct names"](SMALL) == patterns()["distinct names"](SMALL)
    assert PATTERNS["distinct names"](SMALL) != patterns(1)["distinct names"](SMALL)
    assert PATTERNS["numeric dates"](SMALL) == patterns(1)["numeric dates"](SMALL)


ADMIN_PATTERNS = [
    "numeric dates",
    "Russian dates",
    "official with post",
    "distinct names, Russian",
    "one long line",
    "short lines",
]


@pytest.mark.parametrize("name", ADMIN_PATTERNS)
def test_admin_proposes_for_a_hostile_text(editor_client, name):
    call_command("load_reference", verbosity=0)
    url = reverse("admin:news_newsitem_import")
    text = PATTERNS[name](SIZE)
    responses = []
    seconds = timed(
        lambda: responses.append(
            editor_client.post(url, {"text": text, "url": "", "source_name": ""})
        )
    )
    response = responses[0]
    assert response.status_code == 200
    assert response.context["stories"][0]["confirm"] is not None, "no proposal was made"
    assert response.context["stories"][0]["extraction"].record.text == text.strip()
    assert seconds < CEILING
