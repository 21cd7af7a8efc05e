"""Every kind of Atom feed the demo archive serves, in both languages, against what RFC 4287
requires (tests/support/validity.py) and what a feed validator checks beyond it: one id per
entry, absolute ids and links, the feed's language on the root and each entry written in
another language marked with xml:lang. A body or official with nothing published has no
feed (404) and its page links none.

No installable package ships RFC 4287's RELAX NG schema or the W3C feed validator, so these
checks are written from the RFC. The short form (CI) takes a few feeds of each kind; `make
validate` (VALIDATE_FULL=1) takes every body and official.
"""

import os
import re
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest

from news.demo import load_demo
from news.models import NewsItem, Statement
from people.models import Body, Official
from tests.support.validity import ATOM, atom_problems

FULL = bool(os.environ.get("VALIDATE_FULL"))
SAMPLE = None if FULL else 2
LANG = "{http://www.w3.org/XML/1998/namespace}lang"
LATIN = re.compile(r"[A-Za-z]")
CYRILLIC = re.compile(r"[А-Яа-яЁё]")


def sample(rows):
    return rows if SAMPLE is None else rows[:SAMPLE]


def feed_paths():
    """Return {kind: [path, ...]} of the demo's feeds, without a language prefix."""
    item = NewsItem.objects.published().exclude(bodies=None).order_by("-published_on").first()
    body = item.bodies.order_by("pk").first()
    word = max(item.title.split(), key=len)
    bodies = [b for b in Body.objects.order_by("slug") if b.news_items.published().exists()]
    with_news = [o for o in Official.objects.order_by("slug") if o.news_items.published().exists()]
    speakers = Official.objects.filter(
        pk__in=Statement.objects.published().values("speaker")
    ).order_by("slug")
    return {
        "news": ["/feeds/news/"],
        "search": [
            f"/feeds/news/?body={body.slug}&year={item.published_on.year}",
            f"/feeds/news/?q={word}",
            f"/feeds/news/?language={item.language}",
        ],
        "body": [f"/bodies/{b.slug}/feed/" for b in sample(bodies)],
        "official": [f"/officials/{o.slug}/feed/" for o in sample(with_news)],
        "statements": [f"/officials/{o.slug}/feed/" for o in sample(list(speakers))],
        "corrections": ["/corrections/feed/"],
        "meetings": ["/feeds/meetings/"],
    }


def feed_problems(xml, language):
    """Return what a feed validator would report beyond RFC 4287's required elements."""
    problems = list(atom_problems(xml))
    if problems:
        return problems
    feed = ElementTree.fromstring(xml)
    if feed.get(LANG) != language:
        problems.append(f"feed: xml:lang {feed.get(LANG)!r}, the page language is {language!r}")
    ids = [entry.findtext(f"{ATOM}id") for entry in feed.findall(f"{ATOM}entry")]
    if len(set(ids)) != len(ids):
        problems.append("two entries share an atom:id")
    numbered = [(f"entry {n}", e) for n, e in enumerate(feed.findall(f"{ATOM}entry"), 1)]
    for where, element in [("feed", feed), *numbered]:
        iri = urlsplit(element.findtext(f"{ATOM}id"))
        if not (iri.scheme and iri.netloc):
            problems.append(f"{where}: atom:id {element.findtext(f'{ATOM}id')!r} is not absolute")
        for link in element.findall(f"{ATOM}link"):
            if not urlsplit(link.get("href", "")).scheme:
                problems.append(f"{where}: link {link.get('href')!r} is not absolute")
    for number, entry in enumerate(feed.findall(f"{ATOM}entry"), 1):
        title = entry.findtext(f"{ATOM}title") or ""
        said = entry.get(LANG, feed.get(LANG))
        # A title in one script only tells its language; mixed ones (a Russian prefix before
        # an English headline) are left to the entry's own language.
        if LATIN.search(title) and not CYRILLIC.search(title) and said != "en":
            problems.append(f"entry {number}: English title {title!r} marked {said!r}")
        if CYRILLIC.search(title) and not LATIN.search(title) and said != "ru":
            problems.append(f"entry {number}: Russian title {title!r} marked {said!r}")
        summary = entry.find(f"{ATOM}summary")
        if summary is not None:
            text, said = summary.text or "", summary.get(LANG, said)
            if LATIN.search(text) and not CYRILLIC.search(text) and said != "en":
                problems.append(f"entry {number}: English summary marked {said!r}")
            if CYRILLIC.search(text) and said != "ru":
                problems.append(f"entry {number}: Russian summary marked {said!r}")
    return problems


@pytest.fixture
def demo(db):
    load_demo()


def test_every_kind_of_feed_is_valid_in_both_languages(client, demo):
    kinds = feed_paths()
    problems, checked, entries = [], 0, 0
    for language, prefix in (("en", ""), ("ru", "/ru")):
        for kind, paths in kinds.items():
            assert paths, f"the demo has no {kind} feed"
            for path in paths:
                response = client.get(prefix + path)
                assert response.status_code == 200, f"{prefix}{path}: {response.status_code}"
                assert response["Content-Type"].startswith("application/atom+xml")
                checked += 1
                entries += len(ElementTree.fromstring(response.content).findall(f"{ATOM}entry"))
                found = feed_problems(response.content, language)
                problems += [f"{prefix}{path}: {problem}" for problem in found]
    print(f"\nAtom feeds: {checked} feeds, {entries} entries, {len(problems)} problems")
    assert problems == []


def test_english_entries_of_a_russian_feed_say_so(client, demo):
    english = NewsItem.objects.published().in_language("en").exclude(bodies=None).first()
    body = english.bodies.order_by("pk").first()
    feed = ElementTree.fromstring(client.get(f"/ru/bodies/{body.slug}/feed/").content)
    marked = {e.findtext(f"{ATOM}title"): e.get(LANG) for e in feed.findall(f"{ATOM}entry")}
    assert marked[english.title] == "en"
    assert all(marked[t] is None for t in marked if CYRILLIC.search(t) and not LATIN.search(t))


def test_a_statement_in_russian_keeps_its_language_in_an_english_feed(client, demo):
    statement = Statement.objects.published().filter(language="ru").first()
    feed = ElementTree.fromstring(client.get(f"/officials/{statement.speaker.slug}/feed/").content)
    entry = next(
        e for e in feed.findall(f"{ATOM}entry") if e.findtext(f"{ATOM}title") == statement.title
    )
    assert entry.get(LANG) is None  # its title is the archive's, in English
    assert entry.find(f"{ATOM}summary").get(LANG) == "ru"


def test_nothing_published_means_no_feed_and_no_link(client, demo):
    quiet = [
        ("officials", o)
        for o in Official.objects.order_by("slug")
        if not o.news_items.published().exists() and not o.statements.published().exists()
    ]
    quiet += [
        ("bodies", b)
        for b in Body.objects.order_by("slug")
        if not b.news_items.published().exists()
    ]
    assert quiet, "the demo has no official or body without news"
    for prefix in ("", "/ru"):
        for kind, row in quiet if FULL else quiet[:2] + quiet[-2:]:
            feed = f"{prefix}/{kind}/{row.slug}/feed/"
            assert client.get(feed).status_code == 404, feed
            page = client.get(f"{prefix}/{kind}/{row.slug}/").content.decode()
            assert f'/{kind}/{row.slug}/feed/"' not in page, f"{prefix}/{kind}/{row.slug}/: {feed}"


def test_the_feed_check_can_fail():
    xml = (
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ru"><title>t</title>'
        "<id>/relative/</id><updated>2024-01-01T00:00:00Z</updated><author><name>a</name></author>"
        '<entry><title>Council met</title><link href="http://x/a/"/><id>http://x/a/</id>'
        "<updated>2024-01-01T00:00:00Z</updated></entry>"
        '<entry><title>Совет</title><link href="http://x/a/"/><id>http://x/a/</id>'
        "<updated>2024-01-01T00:00:00Z</updated></entry></feed>"
    ).encode()
    problems = feed_problems(xml, "en")
    assert any("xml:lang 'ru'" in p for p in problems)
    assert any("share an atom:id" in p for p in problems)
    assert any("'/relative/' is not absolute" in p for p in problems)
    assert any("English title 'Council met' marked 'ru'" in p for p in problems)
    assert feed_problems(b"<feed/>", "en") == ["root element is feed, not atom:feed"]
