"""Login throttling under concurrency: twenty wrong passwords and the right one, sent to
gunicorn at the same moment for one account from one address, get five guesses, no more.

The server runs with the production settings (gunicorn.conf.py's two workers of four
threads, the production password hasher, so each check takes as long as it does there)
apart from static files, which it reads from the app folders as the test settings do: the
compressed manifest takes a minute of `collectstatic` and plays no part in a login. The
database is the suite's kind: a scratch database on PostgreSQL when DATABASE_URL names one,
else a SQLite file.

What a trial may show, whatever order the server took the requests in: the failures
counted are five; a wrong password is answered normally (the login page again) only while
fewer than five are counted, so four of them, or, when the right password got in first and
cleared the count, four before it and four after; a lockout page that came back before the
right password was checked means the lock was reached, and then the right one is refused.
"""

import random
import secrets

import pytest

from tests.support.logins import burst, counted, create_accounts
from tests.support.servers import gunicorn, production_environment, scratch_database

LIMIT = 5  # AXES_FAILURE_LIMIT
WRONG = 20  # wrong passwords per burst, with the right one among them
TRIALS = 2
# One account per burst, so no burst finds another's count.
ACCOUNTS = [f"burst-{n}" for n in range(TRIALS + 1)]

# The production settings, static files apart (see above).
SETTINGS = """\
from cstoarchive.settings.prod import *  # noqa: F403

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """gunicorn on a database of its own with the burst accounts; yields its address and
    the accounts' password."""
    folder = tmp_path_factory.mktemp("login-burst")
    (folder / "burst_settings.py").write_text(SETTINGS)
    password = secrets.token_urlsafe(16)
    with scratch_database(folder) as database_url:
        environment = production_environment(
            DATABASE_URL=database_url,
            DJANGO_SETTINGS_MODULE="burst_settings",
            PYTHONPATH=str(folder),
        )
        create_accounts(environment, ACCOUNTS, password)
        with gunicorn(environment, workers=2) as base:
            yield base, environment, password


def burst_of(base, usernames, password):
    """Post a wrong password as each of `usernames` and the right one as the first of them,
    at a random place, all at the same moment. Returns the right one's answer and the wrong
    ones' answers: (status, whether it is the login page's "wrong password", time received)."""
    right_at = random.randrange(len(usernames) + 1)
    posts = [(name, f"wrong-{n}") for n, name in enumerate(usernames)]
    posts.insert(right_at, (usernames[0], password))
    answers = burst(base, posts)
    assert None not in answers, "a request got no answer"
    return answers[right_at], answers[:right_at] + answers[right_at + 1 :]


def assert_the_lock_held(trial, failures, logged_in_at):
    """The lock's rules (see the module's docstring) for one burst."""
    (right_status, _, _), wrong = trial
    assert right_status in (302, 429), trial
    assert {status for status, _, _ in wrong} <= {200, 429}, trial
    normally = [received for status, wrong_page, received in wrong if status == 200 and wrong_page]
    assert failures == LIMIT, f"{failures} failures counted: {trial}"
    if right_status == 302:
        # Checked after a lockout page had come back: the lock was reached before.
        locked = [received for status, _, received in wrong if status == 429]
        assert min(locked, default=float("inf")) > logged_in_at, (
            f"the right password got in after the lock: {trial}"
        )
        before = [received for received in normally if received < logged_in_at]
        assert len(before) <= LIMIT - 1, f"{len(before)} guesses before it got in: {trial}"
        assert len(normally) <= 2 * (LIMIT - 1), trial
    else:
        assert len(normally) == LIMIT - 1, f"{len(normally)} guesses answered: {trial}"


def spellings(username, count):
    """As many ways of writing the username as the login form reads as that username:
    spaces before, a tab after, letters and digits in their full-width forms."""
    wide = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in username)
    return [
        " " * (n // 2 % 5) + (wide if n % 2 else username) + "\t" * (n // 10) for n in range(count)
    ]


def test_a_burst_of_passwords_gets_five_guesses_and_the_lock_refuses_the_right_one(server):
    base, environment, password = server
    trials = {name: burst_of(base, [name] * WRONG, password) for name in ACCOUNTS[:TRIALS]}
    found = counted(environment, ACCOUNTS)
    for name, trial in trials.items():
        assert_the_lock_held(trial, *found[name])


def test_spellings_of_one_username_share_its_count_and_its_lock(server):
    base, environment, password = server
    name = ACCOUNTS[TRIALS]
    usernames = spellings(name, WRONG)
    assert len(set(usernames)) == WRONG
    trial = burst_of(base, usernames, password)
    assert_the_lock_held(trial, *counted(environment, ACCOUNTS)[name])
