"""Validators nobody here wrote, over a crawl of the demo site in both languages: the Nu
Html Checker, RFC 4287's required elements in every feed, axe-core in Chromium at 1280 px
and 390 px, and no English word on a Russian page outside content marked lang="en".

The short form (CI, `make test`) checks at most a few pages of each URL pattern and
language; `make validate` (VALIDATE_FULL=1) checks every page the crawl reaches.
"""

import os

import pytest
from django.test import RequestFactory
from django.utils import translation

from core import errors
from news.demo import load_demo
from tests.support.checkers import JAVA, english_words, nu_errors
from tests.support.crawl import crawl
from tests.support.validity import atom_problems

FULL = bool(os.environ.get("VALIDATE_FULL"))
PER_ROUTE = None if FULL else 4

# Latin words a Russian page may show outside lang="en", each for a reason:
ALLOWED_LATIN = {
    "Atom",  # the feed format's name: Russian texts write it so
    "iCalendar",  # the calendar format's name, likewise
    "CSV",  # a file format's name, as Russian texts write it
    "JSON",  # likewise
    "EN",  # the language codes of a row (each inside <abbr title="Английский">)
    "RU",
    # Names of media that write themselves in Latin in Russian too, with no Russian form:
    "Sputnik",  # "Sputnik Армения", the agency's own Russian-language name
    "France",  # "France 24", a channel's name, so written in Russian texts
}


def error_pages():
    """The error pages in both languages, as readers get them."""
    pages = {}
    factory = RequestFactory()
    for language, prefix in (("en", ""), ("ru", "/ru")):
        with translation.override(language):
            for handler in (
                errors.bad_request,
                errors.permission_denied,
                errors.page_not_found,
                errors.too_many_requests,
                errors.server_error,
            ):
                response = handler(factory.get(f"{prefix}/no-such-page/"))
                pages[f"{prefix}/ ({response.status_code} page)"] = response.content.decode()
    return pages


@pytest.fixture
def site(client, db):
    load_demo()
    pages, feeds = crawl(client, per_route=PER_ROUTE)
    assert any(path.startswith("/ru/") for path in pages)
    print(f"\ncrawl: {len(pages)} pages, {len(feeds)} feeds")
    return pages | error_pages(), feeds


@pytest.mark.skipif(JAVA is None and not os.environ.get("REQUIRE_SERVICES"), reason="no Java")
def test_nu_html_checker_finds_no_error(site):
    pages, _feeds = site
    problems = nu_errors(pages)
    print(f"Nu Html Checker: {len(pages)} pages, {len(problems)} errors")
    assert problems == []


def test_feeds_have_what_rfc_4287_requires(site):
    _pages, feeds = site
    assert feeds
    problems = [f"{url}: {problem}" for url, xml in feeds.items() for problem in atom_problems(xml)]
    print(f"RFC 4287: {len(feeds)} feeds, {len(problems)} problems")
    assert problems == []


def test_russian_pages_have_no_english_outside_lang_en(site):
    pages, _feeds = site
    # Every Russian page, history pages too: their diffs carry the record's language and
    # each reason its script's.
    russian = {path: html for path, html in pages.items() if path.startswith("/ru/")}
    found = {
        path: words
        for path, html in russian.items()
        if (words := english_words(html, ALLOWED_LATIN))
    }
    print(f"English words: {len(russian)} Russian pages, {len(found)} with English outside lang=en")
    assert found == {}


def test_the_english_word_check_can_fail():
    html = '<html lang="ru"><body><p>Совет <span lang="en">Council</span> met</p></body></html>'
    assert english_words(html, set()) == ["met"]
    assert english_words('<p lang="ru">XVIII сессия</p>', set()) == []
