"""Measure what history costs: one save with its history row, and long history pages.

Usage: python bench/history.py   (after bench/run.py has built bench/archive.sqlite3)

Saves one statement 300 times through `revision()` (as the admin does) and reports the
p95 of a save; then brings another statement to 1,000 published revisions and renders its
history page (not from the page cache) 50 times. Last, a news item with 22 published
versions of a 199,000-character text (a few words corrected in each, then every paragraph
moved in each): its history page's time and size with every cache cleared (the first
reader ever) and after a save elsewhere (the page built again, its diffs kept). Adds a
"history" section to bench/results.json.
"""

import gc
import time

from django.core.cache import cache
from django.test import Client
from django_setup import p95, save_section  # sets Django up first

from core.history import ChangeKind, revision
from core.models import ArchiveState
from news.models import NewsItem, Statement
from tests.support.long_history import give_versions, long_text

SAVES = 300
REVISIONS = 1000
RENDERS = 50


def main():
    # One statement takes the timed saves; another keeps exactly the long history measured.
    statement, long_history = Statement.objects.published().order_by("pk")[:2]
    base = statement.text
    save_ms = []
    for n in range(SAVES):
        started = time.perf_counter()
        with revision(statement, reason=f"Benchmark edit {n}", kind=ChangeKind.MINOR):
            statement.text = f"{base} ({n})"
            statement.save()
        save_ms.append((time.perf_counter() - started) * 1000)

    original = long_history.text
    for n in range(max(0, REVISIONS - long_history.history.count())):
        with revision(long_history, reason=f"Benchmark revision {n}", kind=ChangeKind.MINOR):
            long_history.text = f"{original} [{n}]"
            long_history.save()

    # As a gunicorn worker does after loading the project (gunicorn.conf.py): what lives as
    # long as the process is left out of garbage collections.
    gc.collect()
    gc.freeze()
    client = Client()
    url = long_history.get_history_url()
    client.get(url)  # warm-up
    render_ms = []
    for _ in range(RENDERS):
        cache.clear()  # measure the page being built, not served from the page cache
        started = time.perf_counter()
        response = client.get(url)
        render_ms.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    figures = {
        "save_with_history_p95_ms": round(p95(save_ms), 2),
        "history_revisions": long_history.history.count(),
        "history_page_p95_ms": round(p95(render_ms), 1),
    }
    print(
        f"save with history: p95 {figures['save_with_history_p95_ms']} ms over {SAVES} saves; "
        f"history page of {figures['history_revisions']} revisions: "
        f"p95 {figures['history_page_p95_ms']} ms over {RENDERS} renders"
    )
    for reorder in (False, True):
        figures["long_text_moved" if reorder else "long_text_corrected"] = long_text_history(
            client, reorder
        )
    save_section("history", figures)


def long_text_history(client, reorder, renders=5):
    """Time and size of the history page of 22 versions of a 199,000-character text."""
    template = NewsItem.objects.published().order_by("pk").first()
    item = NewsItem.objects.create(
        title="Long history benchmark",
        slug=f"long-history-{time.time_ns()}",
        published_on=template.published_on,
        language="en",
        status=template.status,
        text=long_text(),
    )
    try:
        give_versions(item, reorder=reorder)
        url = item.get_history_url()
        figures = {}
        for label in ("every cache cleared", "diffs kept"):
            times, sizes, pending = [], [], []
            for _ in range(renders):
                if label == "every cache cleared":
                    cache.clear()
                else:
                    ArchiveState.bump()  # as a save elsewhere does
                started = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200
                sizes.append(len(response.content))
                pending.append(response.content.count(b"has not been compared here yet"))
            figures[label] = {
                "max_ms": round(max(times), 1),
                "max_bytes": max(sizes),
                "diffs_left_for_later": max(pending),
            }
            kind = "paragraphs moved" if reorder else "words corrected"
            print(
                f"history of {item.history.count()} versions of {len(item.text):,} characters "
                f"({kind}), {label}: at most {max(times):.0f} ms and {max(sizes):,} bytes, "
                f"{max(pending)} diffs left for later"
            )
        return figures
    finally:
        item.delete()


if __name__ == "__main__":
    main()
