"""Benchmark the archive as it would be served, on SQLite and on PostgreSQL in one run.

Usage (from the project folder, with the virtualenv's Python):
    python bench/run.py [--databases sqlite,postgres] [--items 100000] [--requests 2000]
                        [--concurrency 8] [--runs 30] [--postgres-url URL]

For each database: builds the archive with `generate_archive` when it does not hold
--items items (SQLite: bench/archive.sqlite3; PostgreSQL: a throwaway server started the
way `.ci/postgres` starts the test suite's, or the database of --postgres-url, reused if it
has the right size), then measures
- cached: gunicorn (gunicorn.conf.py: 2 workers, DEBUG off), every page warmed up, a fixed
  number of requests per page with ApacheBench (`ab`, keep-alive) at the given
  concurrency; throughput against the floor (/healthz) and latency;
- cold: `bench/cold.py`, the same pages in process with every cache cleared before each
  request, as the first reader after an editor's save gets them.
Prints one table per database and writes everything to bench/results.json.
"""

import argparse
import datetime
import json
import os
import platform
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
DATABASE = BENCH / "archive.sqlite3"
PYTHON = sys.executable
FLOOR = "floor (/healthz)"
COLD_FLOOR = "floor (a 404)"

# Targets: cached throughput as a share of the floor's; cold p95 in ms (searches apart).
CACHED_SHARE = 0.5
COLD_P95 = {"search": 150, "default": 50}

# The throwaway PostgreSQL server: its own folder and port, apart from the test suite's.
BENCH_PG = {"PGDIR": "/tmp/cstoarchive-bench-pg", "PGPORT": "26532"}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--runs", type=int, default=30, help="cold requests per page")
    parser.add_argument("--port", type=int, default=free_port())
    parser.add_argument(
        "--database", type=Path, default=DATABASE, help="SQLite file to build or reuse"
    )
    parser.add_argument("--postgres-url", help="a PostgreSQL database to build or reuse")
    parser.add_argument("--output", type=Path, default=BENCH / "results.json")
    args = parser.parse_args()
    if not shutil.which("ab"):
        sys.exit("ApacheBench is needed: apt-get install apache2-utils")

    manage(["collectstatic", "--noinput", "-v0"], bench_environment("sqlite://:memory:"))
    measured = {}
    for vendor in args.databases.split(","):
        with database(vendor, args) as url:
            measured[vendor] = measure(url, args)
    report(measured, args)


@contextmanager
def database(vendor, args):
    """The URL of a benchmark database of this vendor; a server started for it is stopped."""
    if vendor == "sqlite":
        yield f"sqlite:///{args.database.resolve()}"
        return
    if vendor not in ("postgres", "postgresql"):
        sys.exit(f"unknown database {vendor!r}: sqlite or postgres")
    if args.postgres_url:
        yield args.postgres_url
        return
    env = {**os.environ, **BENCH_PG}
    script = str(ROOT / ".ci" / "postgres")
    out = subprocess.run([script, "start"], env=env, capture_output=True, text=True)
    if out.returncode:
        sys.exit(f"PostgreSQL did not start:\n{out.stderr}")
    try:
        yield out.stdout.strip().splitlines()[-1]
    finally:
        subprocess.run([script, "stop"], env=env, check=False)


def measure(url, args):
    env = bench_environment(url)
    pages, generated_in = prepare_database(url, args.items, env)
    print(f"\n{url.split(':')[0]}: {args.items:,} items", flush=True)
    server = start_gunicorn(args.port, env)
    try:
        base = f"http://127.0.0.1:{args.port}"
        cached_pages = {**{k: v for k, v in pages.items() if k != COLD_FLOOR}, FLOOR: "/healthz"}
        # Warm every page in every worker and thread first (imports, connections, caches):
        # the figures are those of a server that has been running for a while.
        for path in cached_pages.values():
            run_load(base + path, 200, args.concurrency)
        cached = {
            name: {"path": path, **run_load(base + path, args.requests, args.concurrency)}
            for name, path in cached_pages.items()
        }
    finally:
        server.terminate()
        server.wait(timeout=20)
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        cold_command = [PYTHON, "bench/cold.py", "--database-url", url, "--output", out.name]
        subprocess.run([*cold_command, "--runs", str(args.runs)], cwd=ROOT, env=env, check=True)
        cold = next(iter(json.loads(Path(out.name).read_text())["cold"].values()))
    return {"generate_archive_s": generated_in, "cached": cached, "cold": cold}


def bench_environment(url):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="cstoarchive.settings.prod",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=url,
        SECURE_SSL_REDIRECT="0",
        LOG_LEVEL="WARNING",
    )
    return env


def manage(arguments, env):
    subprocess.run([PYTHON, "manage.py", *arguments], cwd=ROOT, env=env, check=True)


def archive_pages(url, env):
    """The archive's size and the pages to time in it, as bench/cold.py chooses them."""
    out = subprocess.run(
        [PYTHON, "bench/cold.py", "--database-url", url, "--pages"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def prepare_database(url, items, env):
    """Generate the archive unless one of that size is there; return the pages to time
    and how long generate_archive took (None when the archive was there already)."""
    if url.startswith("sqlite") and not Path(url.removeprefix("sqlite:///")).exists():
        found = {"items": 0}
    else:
        manage(["migrate", "--noinput", "-v0"], env)
        found = archive_pages(url, env)
    if found["items"] == items:
        return found["pages"], None
    if url.startswith("sqlite"):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{url.removeprefix('sqlite:///')}{suffix}").unlink(missing_ok=True)
    elif found["items"]:
        sys.exit(f"{url} holds {found['items']:,} items, not {items:,}: give an empty database")
    manage(["migrate", "--noinput", "-v0"], env)
    started = time.monotonic()
    manage(["generate_archive", "--items", str(items)], env)
    generated_in = round(time.monotonic() - started, 1)
    print(f"generate_archive --items {items}: {generated_in} s", flush=True)
    return archive_pages(url, env)["pages"], generated_in


def start_gunicorn(port, env):
    # gunicorn.conf.py in the project folder sets workers, threads and connections.
    server = subprocess.Popen(
        [str(Path(PYTHON).parent / "gunicorn"), "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            time.sleep(3)  # the port opens before every worker has loaded the application
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    sys.exit("gunicorn did not start")


def run_load(url, requests, concurrency):
    """Send a fixed number of requests with ApacheBench (keep-alive) and read its figures."""
    # ApacheBench sends the address as given: a Russian search must go percent-encoded.
    url = quote(url, safe=":/?=&%")
    with tempfile.NamedTemporaryFile(suffix=".csv") as percentiles:
        out = subprocess.run(
            [
                "ab",
                "-k",
                "-l",
                "-q",
                "-s",
                "30",
                "-n",
                str(requests),
                "-c",
                str(concurrency),
                "-e",
                percentiles.name,
                url,
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        # One line per percentage: "Percentage served,Time in ms".
        lines = Path(percentiles.name).read_text().splitlines()[1:]
        served = {int(float(p)): float(ms) for p, ms in (line.split(",") for line in lines)}
    figures = dict(re.findall(r"^([A-Za-z0-9 -]+):\s+([\d.]+)", out, re.MULTILINE))
    return {
        "requests": int(figures["Complete requests"]),
        "rps": float(figures["Requests per second"]),
        "p50_ms": served[50],
        "p95_ms": served[95],
        "p99_ms": served[99],
        "errors": int(figures.get("Failed requests", 0)) + int(figures.get("Non-2xx responses", 0)),
    }


def report(measured, args):
    """Print a table per database, cold and cached side by side, and write the results."""
    for vendor, figures in measured.items():
        cached, cold = figures["cached"], figures["cold"]
        floor = cached[FLOOR]["rps"]
        print(
            f"\n{vendor}, {args.items:,} items: cached ({args.requests} requests a page, "
            f"concurrency {args.concurrency}) and cold (every cache cleared, {args.runs} runs)"
        )
        header = ("page", "req/s", "floor", "p95 ms", "cold p50", "cold p95", "target")
        print("{:<28} {:>8} {:>6} {:>7} {:>9} {:>9}  {}".format(*header))
        for name in dict.fromkeys([*cold, *cached]):
            hot, first = cached.get(name), cold.get(name)
            limit = COLD_P95["search" if "search" in name else "default"]
            checks = []
            if hot and name != FLOOR:
                hot["floor_ratio"] = round(hot["rps"] / floor, 2)
                checks.append(hot["floor_ratio"] >= CACHED_SHARE and hot["errors"] == 0)
            if first and name != COLD_FLOOR:
                first["target_p95_ms"] = limit
                checks.append(first["p95_ms"] <= limit)
            met = all(checks)
            for row in (hot, first):
                if row is not None and checks:
                    row["meets_target"] = met
            print(
                "{:<28} {:>8} {:>6} {:>7} {:>9} {:>9}  {}".format(
                    name,
                    hot["rps"] if hot else "",
                    hot.get("floor_ratio", "") if hot else "",
                    hot["p95_ms"] if hot else "",
                    first["median_ms"] if first else "",
                    first["p95_ms"] if first else "",
                    ("ok" if met else "MISSED") if checks else "",
                )
            )
    output = {
        "items": args.items,
        "requests_per_page": args.requests,
        "concurrency": args.concurrency,
        "cold_runs": args.runs,
        "server": ("gunicorn (gunicorn.conf.py: 2 workers x 4 threads), cstoarchive.settings.prod"),
        "targets": {"cached_floor_share": CACHED_SHARE, "cold_p95_ms": COLD_P95},
        "machine": (
            f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
        ),
        "measured_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "databases": measured,
    }
    args.output.write_text(json.dumps(output, indent=2, ensure_ascii=False) + "\n")
    print(f"\nWritten to {args.output}")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


if __name__ == "__main__":
    main()
