"""Time the counts a list page needs, straight from the database (no cache).

Usage: python bench/counts.py   (after bench/run.py has built bench/archive.sqlite3)

Each count runs 50 times; prints the p95 and adds a "counts" section to bench/results.json.
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cstoarchive.settings.test")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'bench' / 'archive.sqlite3'}")

import django  # noqa: E402  (set up after the settings are chosen)

django.setup()

from news.models import NewsItem  # noqa: E402
from people.models import Body  # noqa: E402

RUNS = 50


def p95_ms(count):
    samples = []
    for _ in range(RUNS):
        started = time.perf_counter()
        count()
        samples.append((time.perf_counter() - started) * 1000)
    return round(statistics.quantiles(samples, n=20)[18], 2)


def main():
    published = NewsItem.objects.published()
    body = Body.objects.order_by("pk").first()
    counts = {
        "all published": published,
        "one language": published.filter(language="ru"),
        "one year": published.filter(published_on__year=2016),
        "one body": published.filter(bodies=body),
        "body and year": published.filter(bodies=body, published_on__year=2016),
    }
    figures = {name: p95_ms(queryset.count) for name, queryset in counts.items()}
    for name, ms in figures.items():
        print(f"count, {name}: p95 {ms} ms")
    results = ROOT / "bench" / "results.json"
    data = json.loads(results.read_text()) if results.exists() else {}
    data["counts_p95_ms"] = figures
    results.write_text(json.dumps(data, indent=2) + "\n")


if __name__ == "__main__":
    main()
