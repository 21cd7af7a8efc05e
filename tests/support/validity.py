"""Checks of what validators require, written from the specifications: RFC 4287's required
elements of an Atom feed, and HTML's syntax for the `datetime` attribute."""

import re
from html.parser import HTMLParser
from xml.etree import ElementTree

ATOM = "{http://www.w3.org/2005/Atom}"
# RFC 3339 date-time, as RFC 4287 section 3.3 requires.
RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})\Z")
# HTML's valid date string, or a valid global date and time string to the second (HTML
# allows at most three digits of a fraction; the archive writes none).
HTML_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
HTML_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})\Z")


def atom_problems(xml):
    """Return what the feed lacks of RFC 4287 section 4.1.1 and 4.1.2, one line each."""
    try:
        feed = ElementTree.fromstring(xml)
    except ElementTree.ParseError as error:
        return [f"not well-formed XML: {error}"]
    if feed.tag != f"{ATOM}feed":
        return [f"root element is {feed.tag}, not atom:feed"]
    problems = []

    def check(element, where, need_author):
        for name in ("id", "title", "updated"):
            found = element.findall(f"{ATOM}{name}")
            if len(found) != 1:
                problems.append(f"{where}: {len(found)} atom:{name}, RFC 4287 wants exactly one")
            elif name == "updated" and not RFC3339.match(found[0].text or ""):
                problems.append(f"{where}: atom:updated {found[0].text!r} is not RFC 3339")
            elif not (found[0].text or "").strip() and name == "id":
                problems.append(f"{where}: empty atom:id")
        authors = element.findall(f"{ATOM}author")
        if need_author and not authors:
            problems.append(f"{where}: no atom:author")
        for author in authors:
            if not (author.findtext(f"{ATOM}name") or "").strip():
                problems.append(f"{where}: atom:author without a name")

    feed_has_author = bool(feed.findall(f"{ATOM}author"))
    entries = feed.findall(f"{ATOM}entry")
    check(feed, "feed", need_author=not entries)
    for number, entry in enumerate(entries, 1):
        check(entry, f"entry {number}", need_author=not feed_has_author)
        has_alternate = any(
            link.get("rel", "alternate") == "alternate" for link in entry.findall(f"{ATOM}link")
        )
        if not has_alternate and entry.find(f"{ATOM}content") is None:
            problems.append(f"entry {number}: neither atom:content nor an alternate link")
    return problems


class _Times(HTMLParser):
    def __init__(self):
        super().__init__()
        self.values = []

    def handle_starttag(self, tag, attrs):
        if tag == "time":
            self.values.append(dict(attrs).get("datetime"))


def time_problems(html):
    """Return each `<time>` whose datetime HTML does not accept (or that has none)."""
    parser = _Times()
    parser.feed(html)
    return [
        f"<time datetime={value!r}>"
        for value in parser.values
        if value is None or not (HTML_DATE.match(value) or HTML_DATETIME.match(value))
    ]
