"""Time the counts a list page needs, straight from the database (no cache).

Usage: python bench/counts.py   (after bench/run.py has built bench/archive.sqlite3)

Each count runs 50 times; prints the p95 and adds a "counts" section to bench/results.json.
"""

import time

from django_setup import p95, save_section  # sets Django up first

from news.models import NewsItem
from people.models import Body

RUNS = 50


def p95_ms(count):
    samples = []
    for _ in range(RUNS):
        started = time.perf_counter()
        count()
        samples.append((time.perf_counter() - started) * 1000)
    return round(p95(samples), 2)


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
    save_section("counts_p95_ms", figures)


if __name__ == "__main__":
    main()
