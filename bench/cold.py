"""Time every public page as the first reader after an editor's save gets it: cold.

Usage (from the project folder, with the virtualenv's Python):
    python bench/cold.py [--database-url URL] [--runs 30] [--output bench/results.json]

In process, with production settings, on the archive the URL names (default: the
benchmark's bench/archive.sqlite3; `postgres://…` for PostgreSQL; build either with
`manage.py generate_archive`). Before each request every cache is cleared and the
archive version raised, as a save does; so each figure is a page computed from the
database alone. Prints median and p95 per page and writes a "cold" section, per
database, into the results file.
"""

import argparse
import json
import os
import secrets
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup(database_url):
    os.environ.update(
        DJANGO_SETTINGS_MODULE="cstoarchive.settings.prod",
        SECRET_KEY=os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        ALLOWED_HOSTS="testserver,127.0.0.1,localhost",
        DATABASE_URL=database_url,
        SECURE_SSL_REDIRECT="0",
        # The floor is a 404: one warning per request would drown the table.
        LOG_LEVEL="ERROR",
    )
    import django

    django.setup()


def choose_pages():
    """Real addresses from the archive: a busy body and year, words common and rare."""
    from django.db.models import Count

    from news.models import NewsItem, Statement
    from people.models import Body, MemberState, Official

    published = NewsItem.objects.published()
    body = Body.objects.annotate(n=Count("news_items")).order_by("-n").first()
    year = published.filter(bodies=body).dates("published_on", "year").last().year
    items = published.count()
    official = (
        Official.objects.annotate(n=Count("news_items"))
        .filter(n__gte=items // 200)
        .order_by("n")
        .first()
    ) or Official.objects.annotate(n=Count("news_items")).order_by("-n").first()
    item = published.order_by("id")[min(5000, items - 1)]
    statement = Statement.objects.published().order_by("id").first()
    state = MemberState.objects.order_by("pk").first()
    surname = official.name.split()[-1]
    pages = {
        "home": "/",
        "/news/": "/news/",
        "/news/ body+year": f"/news/?body={body.slug}&year={year}",
        "/news/ search, common word": "/news/?q=security",
        "/news/ search, word + body": f"/news/?q=meeting&body={body.slug}",
        "/news/ search, surname": f"/news/?q={surname}",
        "/news/ page 2000": "/news/?page=2000",
        "/news/<year>/": f"/news/{year}/",
        "/news/ body+year+language": f"/news/?body={body.slug}&year={year}&language=en",
        "news detail": item.get_absolute_url(),
        "/statements/": "/statements/",
        "/statements/ speaker": f"/statements/?speaker={official.slug}",
        "statement detail": statement.get_absolute_url() if statement else None,
        "official": official.get_absolute_url(),
        "body": body.get_absolute_url(),
        "state": state.get_absolute_url(),
        "/officials/": "/officials/",
        "/bodies/": "/bodies/",
        "/states/": "/states/",
        "/corrections/": "/corrections/",
        "/feeds/news/": "/feeds/news/",
        "/feeds/news/ body+year": f"/feeds/news/?body={body.slug}&year={year}",
        "body feed": f"{body.get_absolute_url()}feed/",
        "official feed": f"{official.get_absolute_url()}feed/",
        "/corrections/feed/": "/corrections/feed/",
        "/api/news/": "/api/news/",
        "/api/news/ body+year": f"/api/news/?body={body.slug}&year={year}",
        "/api/news/ search": "/api/news/?q=security",
        "/api/news/ search, word + body": f"/api/news/?q=meeting&body={body.slug}",
        "/api/statements/": "/api/statements/",
        "/api/officials/": "/api/officials/",
        "/api/bodies/": "/api/bodies/",
        "/api/states/": "/api/states/",
        "/api/positions/": "/api/positions/",
        "/ru/news/": "/ru/news/",
        "/ru/news/ search": "/ru/news/?q=безопасности",
        "floor (a 404)": "/no-such-page/",
    }
    return {name: path for name, path in pages.items() if path}


def time_page(client, path, runs):
    from django.core.cache import cache

    from core.models import ArchiveState

    samples = []
    for _ in range(runs):
        ArchiveState.bump()  # what a save does: every version-keyed value is stale
        cache.clear()
        started = time.perf_counter()
        response = client.get(path)
        b"".join(response) if response.streaming else response.content
        samples.append((time.perf_counter() - started) * 1000)
        if response.status_code >= 500:
            raise SystemExit(f"{path} answered {response.status_code}")
    samples.sort()
    return {
        "path": path,
        "median_ms": round(statistics.median(samples), 1),
        "p95_ms": round(statistics.quantiles(samples, n=20)[18], 1),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=f"sqlite:///{ROOT / 'bench' / 'archive.sqlite3'}")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results.json")
    parser.add_argument("--only", help="time only the pages whose name holds this text")
    parser.add_argument(
        "--pages", action="store_true", help="print the items' count and the pages as JSON"
    )
    args = parser.parse_args()
    setup(args.database_url)
    from django.db import connection
    from django.test import Client

    from news.models import NewsItem

    if args.pages:
        items = NewsItem.objects.count()
        print(json.dumps({"items": items, "pages": choose_pages() if items else {}}))
        return
    client = Client()
    pages = choose_pages()
    if args.only:
        pages = {name: path for name, path in pages.items() if args.only in name}
    # As a gunicorn worker starts (gunicorn.conf.py): what lives as long as the process is
    # loaded and frozen before the first request.
    from core.warmup import prepare_process

    prepare_process()
    for path in pages.values():
        client.get(path)  # imports, connections, the first compile of templates
    results = {}
    print(f"{connection.vendor}: median / p95 ms, every cache cleared before each request")
    for name, path in pages.items():
        results[name] = time_page(client, path, args.runs)
        print(f"  {name:32} {results[name]['median_ms']:8} {results[name]['p95_ms']:8}  {path}")
    if not args.only:
        # An empty file (bench/run.py's temporary one) holds nothing yet.
        text = args.output.read_text().strip() if args.output.exists() else ""
        data = json.loads(text) if text else {}
        data.setdefault("cold", {})[connection.vendor] = results
        args.output.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
