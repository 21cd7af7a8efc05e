"""Soak test: readers on the public pages while editors save items through the admin.

Usage (from the project folder, with the virtualenv's Python):
    python bench/soak.py [--minutes 10] [--readers 50] [--editors 2] [--items 20000]
                         [--vendor sqlite|postgres] [--postgres-url URL]

Builds bench/soak.sqlite3 (or, with --vendor postgres, a throwaway PostgreSQL server's
database, or the one of --postgres-url) with `generate_archive` when it does not hold
--items items,
gives each editor an account in the Publishers group (whose saves of published items go
live at once and flush the caches; an Editor's would wait for review and flush nothing)
and news items of their own, serves the
archive with gunicorn as `bench/run.py` does (gunicorn.conf.py, production settings), and
runs locust headless (bench/locustfile.py) for the given time. Then checks the targets: no
failed request, no "database is locked" and no server error in the server's log, p95 of
the readers' requests at most 250 ms on SQLite and 100 ms on PostgreSQL, and a history
entry with the editor, the reason and the new text for every save. Prints a summary, writes
bench/soak-results.json and exits with
status 1 when a target is missed.
"""

import argparse
import csv
import datetime
import json
import math
import os
import platform
import random
import re
import secrets
import subprocess
import sys
import tempfile
from pathlib import Path

import run  # bench/run.py: the database, the environment and gunicorn

ROOT = run.ROOT
LOCUSTFILE = ROOT / "bench" / "locustfile.py"
# The readers' p95 target per database: SQLite writers queue for one lock, and readers
# wait behind a save's page flush; PostgreSQL is the production database.
READ_P95_MS = {"sqlite": 250, "postgresql": 100}
EDITOR_ITEMS = 100  # news items each editor corrects in turn
PER_PAGE = 20  # the news list's page size (FilteredListView.paginate_by)
LOCKED = re.compile(r"database is locked", re.IGNORECASE)
TABLE_HEADER = ("request", "count", "failures", "p50 ms", "p95 ms", "req/s")
SERVER_ERROR = re.compile(r"^(Internal Server Error|Traceback)", re.MULTILINE)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--readers", type=int, default=50)
    parser.add_argument("--editors", type=int, default=2)
    parser.add_argument("--items", type=int, default=20_000)
    parser.add_argument("--port", type=int, default=run.free_port())
    parser.add_argument(
        "--database", type=Path, default=ROOT / "bench" / "soak.sqlite3", help="SQLite file"
    )
    parser.add_argument("--vendor", default="sqlite", choices=["sqlite", "postgres"])
    parser.add_argument("--postgres-url", help="a PostgreSQL database to build or reuse")
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "soak-results.json")
    args = parser.parse_args()
    if args.readers < 1 or args.editors < 1 or args.minutes <= 0:
        parser.error("--readers, --editors and --minutes must be positive")

    with run.database(args.vendor, args) as url:
        soak(args, url)


def soak(args, url):
    env = run.bench_environment(url)
    run.prepare_database(url, args.items, env)
    run.manage(["collectstatic", "--noinput", "-v0"], env)
    setup_django(env)
    from django.db import connection

    args.vendor = connection.vendor
    with tempfile.TemporaryDirectory(prefix="soak-") as folder:
        work = Path(folder)
        plan = make_plan(args.editors)
        files = {name: work / name for name in ("plan.json", "saves.jsonl", "timings.json")}
        files["plan.json"].write_text(json.dumps(plan))
        files["saves.jsonl"].touch()
        server_log = work / "gunicorn.log"
        env["GUNICORN_CMD_ARGS"] = f"--error-logfile {server_log} --capture-output"
        server = run.start_gunicorn(args.port, env)
        try:
            locust_code = run_locust(args, env, files, work / "locust")
        finally:
            server.terminate()
            server.wait(timeout=20)
        log = server_log.read_text(errors="replace")
        saves = [json.loads(line) for line in files["saves.jsonl"].read_text().splitlines()]
        timings = json.loads(files["timings.json"].read_text())
        pages = read_stats(work / "locust_stats.csv")
        exceptions = read_exceptions(work / "locust_exceptions.csv")
    if locust_code not in (0, 1):  # 1 means some requests failed, judged below
        sys.exit(f"locust stopped with status {locust_code}")
    results = summarise(args, pages, timings, saves, log, exceptions)
    report(results, args.output)
    sys.exit(0 if all(results["targets"].values()) else 1)


def setup_django(env):
    """Set Django up in this process on the soak archive, with the server's settings."""
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def make_plan(editors):
    """Pick real addresses from the archive and make the editors' accounts."""
    from django.contrib.auth.models import Group, User
    from django.db import connections
    from django.db.models import Max, Min
    from django.utils import translation

    from news.models import Language, NewsItem, Statement
    from people.models import Body, MemberState, Official, Position

    rng = random.Random(1)
    published = NewsItem.objects.published()
    ids = list(published.order_by("pk").values_list("pk", flat=True))
    statements = Statement.objects.published().order_by("pk").values_list("pk", flat=True)
    officials = Official.objects.filter(news_items__isnull=False).distinct()
    span = published.aggregate(first=Min("published_on"), last=Max("published_on"))
    titles = published.filter(pk__in=rng.sample(ids, min(300, len(ids)))).values_list(
        "title", flat=True
    )
    names = list(Official.objects.values_list("name", "name_ru"))
    plan = {
        "news_pages": math.ceil(len(ids) / PER_PAGE),
        "years": [span["first"].year, span["last"].year],
        "languages": Language.values,
        "kinds": NewsItem.Kind.values,
        "posts": Position.Title.values,
        "bodies": list(Body.objects.values_list("slug", flat=True)),
        "states": list(MemberState.objects.values_list("slug", flat=True)),
        "officials": list(officials.values_list("slug", flat=True)),
        "speakers": list(
            Official.objects.filter(statements__isnull=False)
            .distinct()
            .values_list("slug", flat=True)
        ),
        "surnames": sorted({name.split()[-1] for pair in names for name in pair if name}),
        # Real words of titles in both languages, and surnames: what readers search for.
        "words": sorted(
            {w for title in titles for w in re.findall(r"\w{5,}", title) if not w.isdigit()}
            | {name.split()[-1] for name, _ in names}
        ),
        "editors": [],
    }
    with translation.override("en"):
        sample = published.filter(pk__in=rng.sample(ids, min(2000, len(ids))))
        plan["news"] = [item.get_absolute_url() for item in sample.only("slug", "published_on")]
    statements = list(statements)
    plan["statements"] = [
        f"/statements/{pk}/" for pk in rng.sample(statements, min(500, len(statements)))
    ]
    # Publishers: their corrections of published items go live at once, with their history
    # entry, and flush every cache, the load the soak is about. An Editor's would wait for
    # review (news.review) and touch neither.
    group = Group.objects.get(name="Publishers")
    own = rng.sample(ids, editors * EDITOR_ITEMS)
    for n in range(editors):
        user, _ = User.objects.get_or_create(username=f"soak-editor-{n + 1}")
        password = secrets.token_urlsafe(16)
        user.set_password(password)
        user.is_staff = user.is_active = True
        user.save()
        user.groups.set([group])
        plan["editors"].append(
            {"username": user.username, "password": password, "items": own[n::editors]}
        )
    connections.close_all()  # the server is the only one using the database from here
    return plan


def run_locust(args, env, files, csv_prefix):
    users = args.readers + args.editors
    command = [
        str(Path(run.PYTHON).parent / "locust"),
        "--locustfile",
        str(LOCUSTFILE),
        "--headless",
        "--only-summary",
        "--users",
        str(users),
        "--spawn-rate",
        "10",
        "--run-time",
        f"{round(args.minutes * 60)}s",
        "--stop-timeout",
        "10",
        "--host",
        f"http://127.0.0.1:{args.port}",
        "--csv",
        str(csv_prefix),
        "--loglevel",
        "WARNING",
    ]
    locust_env = {
        **env,
        "SOAK_PLAN": str(files["plan.json"]),
        "SOAK_SAVES": str(files["saves.jsonl"]),
        "SOAK_TIMINGS": str(files["timings.json"]),
        "SOAK_EDITORS": str(args.editors),
    }
    return subprocess.run(command, cwd=ROOT, env=locust_env).returncode


def read_stats(path):
    """Read locust's per-request table: count, failures, p50, p95 and rate of each name."""
    with path.open(newline="") as table:
        return {
            row["Name"]: {
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "p50_ms": float(row["50%"] or 0),
                "p95_ms": float(row["95%"] or 0),
                "rps": round(float(row["Requests/s"]), 2),
            }
            for row in csv.DictReader(table)
        }


def read_exceptions(path):
    """Read the errors raised in the simulated users' own code (not failed requests)."""
    with path.open(newline="") as table:
        return [
            {"count": int(row["Count"]), "message": row["Message"]} for row in csv.DictReader(table)
        ]


def percentile(samples, share):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))] if ordered else None


def missing_history(saves):
    """Return the saves without a history row of that item with their editor, reason and text."""
    from news.models import NewsItem

    return [
        save
        for save in saves
        if not NewsItem.history.filter(
            id=save["item"],
            history_type="~",
            history_user__username=save["user"],
            history_change_reason=save["reason"],
            text__endswith=f"[soak {save['marker']}]",
        ).exists()
    ]


def summarise(args, pages, timings, saves, log, exceptions):
    total = pages.pop("Aggregated")
    reads = timings["reads"]
    missing = missing_history(saves)
    failures = total["failures"]
    locked = len(LOCKED.findall(log))
    server_errors = len(SERVER_ERROR.findall(log))
    read_p95 = percentile(reads, 0.95)
    limit = READ_P95_MS[args.vendor]
    return {
        "minutes": args.minutes,
        "readers": args.readers,
        "editors": args.editors,
        "items": args.items,
        "server": f"gunicorn (gunicorn.conf.py), cstoarchive.settings.prod, {args.vendor}",
        "machine": (
            f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
        ),
        "measured_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        # Anything else running on the machine competes for the same cores: note how busy it was.
        "load_average_1_5_15_min": [round(load, 2) for load in os.getloadavg()],
        "requests": total["requests"],
        "failures": failures,
        "rps": total["rps"],
        "reads": {
            "requests": len(reads),
            "p50_ms": percentile(reads, 0.50),
            "p95_ms": read_p95,
            "p99_ms": percentile(reads, 0.99),
            "max_ms": max(reads, default=None),
        },
        "saves": {
            "recorded": len(saves),
            "p95_ms": pages.get("admin: save", {}).get("p95_ms"),
            "missing_history": missing,
        },
        "user_exceptions": exceptions,
        "database_locked": locked,
        "server_errors": server_errors,
        "targets": {
            "no failed request": failures == 0,
            "no error in the simulated users": not exceptions,
            "no 'database is locked'": locked == 0,
            "no server error logged": server_errors == 0,
            f"reads p95 <= {limit} ms": read_p95 is not None and read_p95 <= limit,
            "some saves made": len(saves) > 0,
            "every save in the history": not missing,
        },
        "pages": pages,
    }


def report(results, output):
    print(
        f"\n{results['readers']} readers and {results['editors']} editors for "
        f"{results['minutes']:g} min on {results['items']:,} items ({results['machine']}; "
        f"load average at the end {results['load_average_1_5_15_min']})"
    )
    print("{:<34} {:>8} {:>8} {:>7} {:>7} {:>6}".format(*TABLE_HEADER))
    for name, row in sorted(results["pages"].items()):
        print(
            f"{name:<34} {row['requests']:>8} {row['failures']:>8} {row['p50_ms']:>7g} "
            f"{row['p95_ms']:>7g} {row['rps']:>6}"
        )
    reads, saves = results["reads"], results["saves"]
    print(
        f"\nall requests: {results['requests']} ({results['rps']} req/s), "
        f"{results['failures']} failed"
    )
    print(
        f"reads: {reads['requests']}, p50 {reads['p50_ms']} ms, p95 {reads['p95_ms']} ms, "
        f"p99 {reads['p99_ms']} ms, max {reads['max_ms']} ms"
    )
    print(
        f"saves: {saves['recorded']} (p95 {saves['p95_ms']} ms), "
        f"{len(saves['missing_history'])} without their history entry"
    )
    print(
        f"server log: {results['database_locked']} 'database is locked', "
        f"{results['server_errors']} server errors; "
        f"{sum(e['count'] for e in results['user_exceptions'])} errors in the simulated users"
    )
    for target, ok in results["targets"].items():
        print(f"  {'ok    ' if ok else 'MISSED'} {target}")
    output.write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nWritten to {output}")


if __name__ == "__main__":
    main()
