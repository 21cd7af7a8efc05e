"""Benchmark the archive as it would be served: gunicorn, production settings, ApacheBench.

Usage (from the project folder, with the virtualenv's Python):
    python bench/run.py [--items 100000] [--requests 2000] [--concurrency 8]

Builds bench/archive.sqlite3 with `generate_archive` the first time (or when --items
changes), serves it with gunicorn (gunicorn.conf.py: 2 workers, DEBUG off), warms each
page up, then sends a fixed number of requests to each page with ApacheBench (`ab`,
keep-alive) at the given concurrency. Prints a table and writes bench/results.json.
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
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
DATABASE = BENCH / "archive.sqlite3"
PYTHON = sys.executable
FLOOR = "floor (/healthz)"

# Page targets: share of the floor's throughput, p95 in ms (None: no latency target).
TARGETS = {"search": (0.15, None), "default": (0.40, 50)}


def main():
    global DATABASE  # one archive per run, chosen on the command line
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--port", type=int, default=free_port())
    parser.add_argument(
        "--database", type=Path, default=DATABASE, help="SQLite file to build or reuse"
    )
    parser.add_argument("--output", type=Path, default=BENCH / "results.json")
    args = parser.parse_args()
    DATABASE = args.database.resolve()
    if not shutil.which("ab"):
        sys.exit("ApacheBench is needed: apt-get install apache2-utils")

    env = bench_environment()
    prepare_database(args.items, env)
    surnames, pages = choose_pages()
    manage(["collectstatic", "--noinput", "-v0"], env)
    server = start_gunicorn(args.port, env)
    try:
        base = f"http://127.0.0.1:{args.port}"
        results = {}
        # Warm every page in every worker and thread first (imports, connections, caches):
        # the figures are those of a server that has been running for a while.
        for path in pages.values():
            run_load(base + path, 200, args.concurrency)
        for name, path in pages.items():
            results[name] = {"path": path, **run_load(base + path, args.requests, args.concurrency)}
        uncached = uncached_pages(base, searches=surnames)
    finally:
        server.terminate()
        server.wait(timeout=20)
    report(results, uncached, args)


def uncached_pages(base, searches, pages=200):
    """Time pages no reader asked for before, one request at a time: list pages further
    down (the page cache misses, the counts and facets do not), and searches for words
    never searched (nothing is cached: count, facets and page are all computed)."""
    return {
        "list pages": timed([f"{base}/news/?page={n}" for n in range(2, pages + 2)]),
        "searches": timed([f"{base}/news/?q={word}" for word in searches]),
    }


def timed(urls):
    timings = []
    for url in urls:
        started = time.perf_counter()
        with urllib.request.urlopen(url) as response:
            response.read()
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return {
        "requests": len(timings),
        "p50_ms": round(timings[len(timings) // 2], 1),
        "p95_ms": round(timings[int(len(timings) * 0.95)], 1),
    }


def bench_environment():
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="cstoarchive.settings.prod",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=f"sqlite:///{DATABASE}",
        SECURE_SSL_REDIRECT="0",
        LOG_LEVEL="WARNING",
    )
    return env


def manage(arguments, env):
    subprocess.run([PYTHON, "manage.py", *arguments], cwd=ROOT, env=env, check=True)


def prepare_database(items, env):
    """Generate the archive unless a database of that size is already there."""
    if DATABASE.exists() and count_items() == items:
        manage(["migrate", "--noinput", "-v0"], env)
        return
    for suffix in ("", "-wal", "-shm"):
        Path(f"{DATABASE}{suffix}").unlink(missing_ok=True)
    manage(["migrate", "--noinput", "-v0"], env)
    manage(["generate_archive", "--items", str(items)], env)


def count_items():
    with sqlite3.connect(DATABASE) as connection:
        try:
            return connection.execute("SELECT COUNT(*) FROM news_newsitem").fetchone()[0]
        except sqlite3.DatabaseError:
            return None


def choose_pages():
    """Pick real addresses from the archive: a busy body and year, an item, a word."""
    with sqlite3.connect(DATABASE) as db:
        body, year = db.execute(
            "SELECT b.slug, strftime('%Y', n.published_on) AS y FROM news_newsitem_bodies l "
            "JOIN people_body b ON b.id = l.body_id JOIN news_newsitem n ON n.id = l.newsitem_id "
            "GROUP BY b.slug, y ORDER BY COUNT(*) DESC LIMIT 1"
        ).fetchone()
        # A selective search word: the surname of an official named in about 1% of items.
        items = db.execute("SELECT COUNT(*) FROM news_newsitem").fetchone()[0]
        (official,) = db.execute(
            "SELECT o.name FROM news_newsitem_officials l JOIN people_official o "
            "ON o.id = l.official_id GROUP BY o.id ORDER BY ABS(COUNT(*) - ?) LIMIT 1",
            (items // 100,),
        ).fetchone()
        item_date, item_slug = db.execute(
            "SELECT published_on, slug FROM news_newsitem WHERE status = 'published' "
            "ORDER BY id LIMIT 1 OFFSET 5000"
        ).fetchone()
        # Selective words never searched before: surnames named in 0.2-2% of items.
        surnames = [
            name.split()[-1]
            for (name,) in db.execute(
                "SELECT o.name FROM news_newsitem_officials l JOIN people_official o "
                "ON o.id = l.official_id GROUP BY o.id HAVING COUNT(*) BETWEEN ? AND ? LIMIT 60",
                (items // 500, items // 50),
            )
            if name != official
        ]
    day = datetime.date.fromisoformat(item_date)
    return surnames, {
        "/news/": "/news/",
        "/news/ body+year": f"/news/?body={body}&year={year}",
        "/news/ search": f"/news/?q={official.split()[-1]}",
        "/news/ page 4000": "/news/?page=4000",
        "news detail": f"/news/{day.year}/{day.month}/{day.day}/{item_slug}/",
        "body detail": f"/bodies/{body}/",
        "/statements/": "/statements/",
        "/feeds/news/": "/feeds/news/",
        FLOOR: "/healthz",
    }


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


def report(results, uncached, args):
    floor = results[FLOOR]["rps"]
    print(
        f"\n{args.items:,} items, {args.requests} requests per page, concurrency {args.concurrency}"
    )
    header = ("page", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors", "floor")
    print("{:<20} {:>8} {:>7} {:>7} {:>7} {:>6} {:>6}  target".format(*header))
    for name, r in results.items():
        r["floor_ratio"] = round(r["rps"] / floor, 2)
        share, p95 = TARGETS["search" if "search" in name else "default"]
        ok = name == FLOOR or (
            r["floor_ratio"] >= share and r["errors"] == 0 and (p95 is None or r["p95_ms"] <= p95)
        )
        r["meets_target"] = ok
        target = "" if name == FLOOR else ("ok" if ok else "MISSED")
        print(
            f"{name:<20} {r['rps']:>8} {r['p50_ms']:>7} {r['p95_ms']:>7} {r['p99_ms']:>7} "
            f"{r['errors']:>6} {r['floor_ratio']:>6}  {target}"
        )
    for name, figures in uncached.items():
        print(
            f"uncached {name}, one at a time: p50 {figures['p50_ms']} ms, "
            f"p95 {figures['p95_ms']} ms over {figures['requests']} requests"
        )
    output = {
        "items": args.items,
        "requests_per_page": args.requests,
        "concurrency": args.concurrency,
        "server": (
            "gunicorn (gunicorn.conf.py: 2 workers x 4 threads, 6 connections each), "
            "cstoarchive.settings.prod, SQLite"
        ),
        "machine": (
            f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
        ),
        "measured_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "pages": results,
        "uncached": uncached,
    }
    args.output.write_text(json.dumps(output, indent=2) + "\n")
    print(f"\nWritten to {args.output}")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


if __name__ == "__main__":
    main()
