"""Lighthouse (npm, pinned in package.json) against Debian's Chromium: the SEO and
accessibility categories score 100 on the site's kinds of page in both languages.

The short form (CI, `make test`) scores two pages (the Russian news list, with its filters
and switches, and an English news item); `make validate` (VALIDATE_FULL=1) scores one page
of every URL pattern the crawl reaches, in each language. Lighthouse takes some 10-20 s a
page.
"""

import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.urls import reverse
from django.utils import translation

from news.demo import load_demo
from news.models import NewsItem
from tests.conftest import CHROMIUM
from tests.support.crawl import crawl
from tests.support.node_tools import LIGHTHOUSE, lighthouse_scores, require_node_tool

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FULL = bool(os.environ.get("VALIDATE_FULL"))


def pages_to_score(client):
    if FULL:
        pages, _feeds = crawl(client, per_route=1, queries_per_route=1)
        return list(pages)
    with translation.override("ru"):
        russian_list = reverse("news:list")
    return [russian_list, NewsItem.objects.published().first().get_absolute_url()]


def test_lighthouse_scores_100_for_seo_and_accessibility(live_server, client):
    require_node_tool(LIGHTHOUSE)
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed: apt-get install chromium")
    load_demo()
    below = {}
    paths = pages_to_score(client)
    for path in paths:
        scores, failed = lighthouse_scores(live_server.url + path, CHROMIUM)
        print(f"\nLighthouse {path}: {scores}")
        assert set(scores) == {"seo", "accessibility"}, path
        if any(score < 100 for score in scores.values()):
            below[path] = (scores, failed)
    print(f"Lighthouse: {len(paths)} pages, {len(below)} below 100")
    assert below == {}


class _BarePage(BaseHTTPRequestHandler):
    """A page without language, title, description or canonical link, and an image
    without text: what the test above must catch."""

    def do_GET(self):
        body = b"<!doctype html><html><body><p><img src='/x.png'>Text</p></body></html>"
        self.send_response(200 if self.path == "/" else 404)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_lighthouse_check_can_fail():
    require_node_tool(LIGHTHOUSE)
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed: apt-get install chromium")
    server = ThreadingHTTPServer(("127.0.0.1", 0), _BarePage)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        scores, failed = lighthouse_scores(f"http://127.0.0.1:{server.server_port}/", CHROMIUM)
    finally:
        server.shutdown()
        server.server_close()
    assert scores["seo"] < 100 and scores["accessibility"] < 100
    assert "seo: Document does not have a meta description" in failed
