"""Measure the open-data exports of the whole news list: time, size and peak memory.

Usage: python bench/export.py   (after bench/run.py has built bench/archive.sqlite3;
DATABASE_URL chooses another archive). The archive is only read.

Each measurement runs in a process of its own, so that its peak resident memory is its
own: the CSV and the JSON export of every published item through the list view (read
piece by piece, as a client would), and, for comparison, the same rows loaded into one
list as a page would hold them. Prints a table and adds an "export" section to
bench/results.json.
"""

import json
import resource
import subprocess
import sys
import time

from django.test import Client
from django_setup import save_section  # sets Django up first

from news.models import NewsItem  # noqa: E402

RUNS = ("csv", "json", "one list")


def peak_mb():
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def measure(run):
    """Export (or load) every published item; return the figures of this process."""
    started_mb = peak_mb()
    started = time.perf_counter()
    if run == "one list":
        rows = list(NewsItem.objects.published().defer("text").prefetch_related("bodies"))
        count, size = len(rows), None
    else:
        response = Client().get("/news/", {"format": run})
        assert response.status_code == 200 and response.streaming, response
        # A CSV row ends with CRLF (a line break inside a text is a bare LF); a JSON
        # record is one line, between the lines of the opening and closing brackets.
        end, extra = (b"\r\n", 1) if run == "csv" else (b"\n", 2)
        size = lines = 0
        for piece in response.streaming_content:
            size += len(piece)
            lines += piece.count(end)
        count = lines - extra
    return {
        "rows": count,
        "megabytes": None if size is None else round(size / 1e6, 1),
        "seconds": round(time.perf_counter() - started, 1),
        "peak_rss_mb": peak_mb(),
        "rss_before_mb": started_mb,
    }


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--run":
        print(json.dumps(measure(sys.argv[2])))
        return
    figures = {}
    for run in RUNS:
        output = subprocess.run(
            [sys.executable, __file__, "--run", run], check=True, capture_output=True, text=True
        ).stdout
        figures[run] = json.loads(output.splitlines()[-1])
        print(run, figures[run], flush=True)
    save_section("export", figures)


if __name__ == "__main__":
    main()
