"""A crawl of the site through Django's test client: every page a reader can reach by
links from the home pages and the sitemap, in both languages, and the feeds they link."""

from collections import Counter, deque
from html.parser import HTMLParser
from urllib.parse import urlsplit
from xml.etree import ElementTree

from django.urls import Resolver404, resolve
from django.utils import translation

# Not pages of the public site, or not HTML a reader reads.
SKIPPED = ("/admin/", "/static/", "/api/", "/healthz")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href") and "download" not in attrs:
            self.links.append(attrs["href"])
        if tag == "link" and attrs.get("rel") == "alternate" and attrs.get("href"):
            self.links.append(attrs["href"])


def links_of(html):
    parser = _Links()
    parser.feed(html)
    return parser.links


def route_of(path):
    """Return the URL pattern a path resolves to (one name for all news items, say)."""
    # The language prefix resolves only while its language is active.
    with translation.override("ru" if path.startswith("/ru/") else "en"):
        try:
            match = resolve(path)
        except Resolver404:
            return None
    return match.route


def sitemap_paths(client):
    root = ElementTree.fromstring(client.get("/sitemap.xml").content)
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    return [urlsplit(loc.text).path for loc in root.iter(f"{namespace}loc")]


def crawl(client, *, per_route=None, queries_per_route=3):
    """Return ({path: html} of the pages, {path: xml} of the feeds) that the crawl reached.

    `per_route` bounds the pages of one URL pattern and language (the short form CI runs);
    None visits them all. A list's query strings (filters, pages) are bounded apart, by
    `queries_per_route`: their combinations are endless and each renders the same template.
    """
    pages, feeds = {}, {}
    seen = set()
    counts = Counter()
    queue = deque(["/", "/ru/", *sitemap_paths(client)])
    while queue:
        url = queue.popleft()
        parts = urlsplit(url)
        if parts.scheme or parts.netloc:
            if parts.netloc not in ("testserver", ""):
                continue
            url = parts.path + (f"?{parts.query}" if parts.query else "")
            parts = urlsplit(url)
        url = url.split("#")[0]
        if not url.startswith("/") or url.startswith(SKIPPED) or url in seen:
            continue
        if "format=" in parts.query:
            continue
        route = route_of(parts.path)
        if route is None:
            continue
        language = "ru" if parts.path.startswith("/ru/") else "en"
        key = (route, language, bool(parts.query))
        bound = queries_per_route if parts.query else per_route
        if bound is not None and counts[key] >= bound:
            continue
        seen.add(url)
        counts[key] += 1
        response = client.get(url)
        if response.status_code != 200:
            continue
        kind = response.get("Content-Type", "")
        if "atom+xml" in kind:
            feeds[url] = response.content
        elif "text/html" in kind:
            html = response.content.decode()
            pages[url] = html
            queue.extend(links_of(html))
    return pages, feeds
