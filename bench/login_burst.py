"""Login burst: many simultaneous passwords for one account from one address, on gunicorn.

Usage (from the project folder, with the virtualenv's Python):
    python bench/login_burst.py [--trials 20] [--wrong 39] [--postgres-url URL] [--json]

Serves the archive with gunicorn (gunicorn.conf.py, two workers of four threads) under the
production settings, the production password hasher included, apart from static files,
which are read from the app folders (the compressed manifest takes a minute of
`collectstatic` and plays no part in a login). The database is a fresh SQLite file, or with
--postgres-url a database of its own created on that PostgreSQL server and dropped after.

Each trial has an account of its own, and posts the wrong passwords and the right one to
/admin/login/ at the same moment, the right one at a random place in the burst. Then it
reads the answers, the failures django-axes counted and when the right password logged in.

The lock (five wrong passwords for one account from one address) holds when a trial counts
exactly five failures; answers the login page again ("wrong password") only while fewer
than five are counted: four times, or four before the right password and four after it
when the right one got in first (it clears the count); and refuses the right password when
a lockout page had come back before it was checked. Prints one line per trial and a
summary; exits with status 1 when a trial breaks the lock.
"""

import argparse
import json
import os
import random
import secrets
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# The project folder is on the path now.
from tests.support.logins import burst, counted, create_accounts  # noqa: E402
from tests.support.servers import (  # noqa: E402
    gunicorn,
    production_environment,
    scratch_database,
)

LIMIT = 5  # AXES_FAILURE_LIMIT
SETTINGS = """\
from cstoarchive.settings.prod import *  # noqa: F403

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--wrong", type=int, default=39, help="wrong passwords per burst")
    parser.add_argument("--postgres-url", help="a PostgreSQL server (default: SQLite)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn.conf.py's default")
    parser.add_argument("--json", action="store_true", help="print the trials as JSON only")
    args = parser.parse_args()

    accounts = [f"burst-{n}" for n in range(args.trials)]
    password = secrets.token_urlsafe(16)
    # scratch_database makes its database on the server of DATABASE_URL, if PostgreSQL.
    os.environ["DATABASE_URL"] = args.postgres_url or ""
    with tempfile.TemporaryDirectory() as folder, scratch_database(folder) as database_url:
        (Path(folder) / "burst_settings.py").write_text(SETTINGS)
        environment = production_environment(
            DATABASE_URL=database_url,
            DJANGO_SETTINGS_MODULE="burst_settings",
            PYTHONPATH=folder,
        )
        create_accounts(environment, accounts, password)
        with gunicorn(environment, workers=args.workers) as base:
            bursts = [burst_of(base, name, password, args.wrong) for name in accounts]
        found = counted(environment, accounts)
    trials = []
    for name, (right, wrong) in zip(accounts, bursts, strict=True):
        failures, logged_in_at = found[name]
        trials.append(judge(right, wrong, failures, logged_in_at))
    if args.json:
        print(json.dumps(trials))
    else:
        report(trials, args, database_url)
    sys.exit(1 if any(trial["broken"] for trial in trials) else 0)


def burst_of(base, username, password, wrong):
    """Post `wrong` wrong passwords and the right one, at a random place, at once. Returns
    the right one's answer and the wrong ones' (see tests.support.logins.burst)."""
    posts = [(username, f"wrong-{n}") for n in range(wrong)]
    right_at = random.randrange(wrong + 1)
    posts.insert(right_at, (username, password))
    answers = burst(base, posts)
    return answers[right_at], answers[:right_at] + answers[right_at + 1 :]


def judge(right, wrong, failures, logged_in_at):
    """What the trial showed, and whether it broke the lock (see the docstring above)."""
    right_status = right[0] if right else None
    statuses = [answer[0] if answer else None for answer in wrong]
    normally = [a[2] for a in wrong if a and a[0] == 200 and a[1]]
    locked = [a[2] for a in wrong if a and a[0] == 429]
    right_in = right_status == 302
    # A lockout page had come back before the right password was checked.
    after_lock = right_in and min(locked, default=float("inf")) < logged_in_at
    before = sum(1 for received in normally if right_in and received < logged_in_at)
    allowed = 2 * (LIMIT - 1) if right_in else LIMIT - 1
    broken = (
        failures != LIMIT
        or after_lock
        or before > LIMIT - 1
        or len(normally) > allowed
        or (not right_in and len(normally) != min(LIMIT - 1, len(wrong)))
        or right_status not in (302, 429)
        or not set(statuses) <= {200, 429}
    )
    return {
        "right_status": right_status,
        "right_in_after_lock": after_lock,
        "wrong_answered": len(normally),
        "wrong_answered_before_right_in": before,
        "wrong_locked": len(locked),
        "other": sorted({str(status) for status in statuses} - {"200", "429"}),
        "failures_counted": failures,
        "broken": broken,
    }


def report(trials, args, database_url):
    vendor = "PostgreSQL" if database_url.startswith("postgres") else "SQLite"
    print(f"{len(trials)} bursts of {args.wrong} wrong passwords and the right one ({vendor}):")
    for n, trial in enumerate(trials, 1):
        print(
            f"  {n:2}: right password {trial['right_status']}"
            + (" after the lock was reached," if trial["right_in_after_lock"] else ",")
            + f" wrong ones answered {trial['wrong_answered']}"
            + (
                f" ({trial['wrong_answered_before_right_in']} before it got in)"
                if trial["right_status"] == 302
                else ""
            )
            + f", locked {trial['wrong_locked']}, failures counted {trial['failures_counted']}"
            + (f", other answers {', '.join(trial['other'])}" if trial["other"] else "")
            + (" BROKEN" if trial["broken"] else "")
        )
    counts = [trial["failures_counted"] for trial in trials]
    right_in = [trial for trial in trials if trial["right_status"] == 302]
    answered = [trial["wrong_answered"] for trial in trials]
    print(
        f"{vendor}: right password got in {len(right_in)} of {len(trials)} times"
        f" ({sum(t['right_in_after_lock'] for t in trials)} after the lock was reached);"
        f" failures counted {min(counts)}-{max(counts)} (limit {LIMIT});"
        f" wrong ones answered {min(answered)}-{max(answered)};"
        f" trials that broke the lock: {sum(t['broken'] for t in trials)}"
    )


if __name__ == "__main__":
    main()
