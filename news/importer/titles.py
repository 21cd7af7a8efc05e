"""Find an article's headline.

Pasted pages put many things above the headline: a crawler stamp, accessibility menus, site
names, breadcrumbs, tickers, a date line. The headline is the first line that reads like one:
several words, no final period, not a menu item or a credit. When running text comes first, the
page shows no headline and the answer is None. A headline printed twice, the second time with
its date glued on, is the article's own header wherever it stands, even below teasers.
"""

import re
from collections import Counter
from urllib.parse import unquote, urlsplit

from .dates import find_dates, strip_stamp

__all__ = ["extract_title", "title_from_address"]

MIN_WORDS = 5  # fewer words: a menu item, a site name, a rubric or a byline...
SHORT_MIN_WORDS = 3  # ...unless a date line or the body follows it straight away
MAX_CHARS = 300  # longer lines are paragraphs
BODY_MIN_CHARS = 60  # a sentence this long that ends with a period starts the body
SCAN_LINES = 15  # a headline sits among the first lines of the page

WORD = re.compile(r"[A-Za-zА-Яа-яЁё][\w’'-]*")
# Breadcrumbs and menus separate their items like this ("Home / Politics / ...").
CRUMBS = re.compile(r"\s(?:/|>|»|›|\\)\s")
# Credits and page furniture that sit near the headline but are not one.
FURNITURE = re.compile(
    r"^(?:(?:photo|фото|source|источник|автор|author|tags?|теги|share|поделиться)\b\s*[:/]"
    r"|©|@|\(c\)|by\s+[A-Z][\w.’'-]+\s+[A-Z][\w.’'-]+(?:\s+\S+){0,4}$)",
    re.IGNORECASE,
)
# "Headline | Site name": the title bar of a page.
BAR = re.compile(r"\s\|\s")
# A ticker label introduces another article's headline on the next line.
TICKER = re.compile(
    r"^(?:важно|срочно|главное|молния|breaking(?: news)?|top stor(?:y|ies)|live|read also"
    r"|see also|related|читайте также|смотрите также|по теме)\s*:?\s*$",
    re.IGNORECASE,
)
# Interview questions and answers start with a dash; quotes that run long are a lead.
DASH_START = re.compile(r"^[-–—]\s")
SENTENCE_END = (".", ",", ";", ":")


def _words(line):
    return WORD.findall(line)


def _without_trailing_date(line):
    """Drop a date glued to the end of a headline ("Headline 20.02.2023")."""
    dates = find_dates(line)
    # Only a date in digits is the page's: "Talks to open on 6 June" keeps its words.
    if dates and dates[-1].numeric and not line[dates[-1].end :].strip(" ,-–—|:0123456789"):
        head = line[: dates[-1].start].rstrip(" ,-–—|")
        if len(_words(head)) >= SHORT_MIN_WORDS:
            return head
    return line


def _is_date_line(line):
    """Tell whether a short line is mostly a date ("Monday, 4 July, 2016 - 17:00")."""
    if len(line) > 80:
        return False
    dates = find_dates(line)
    if not dates:
        return False
    rest = line
    for item in reversed(dates):
        rest = rest[: item.start] + " " + rest[item.end :]
    return len(_words(rest)) <= 3


def _is_body(line):
    """Tell whether the line is running text: the article started without a headline."""
    if len(line) > MAX_CHARS or DASH_START.match(line):
        return True
    if line[:1].islower() and len(line) >= BODY_MIN_CHARS:
        return True  # an excerpt that starts mid-sentence
    return len(line) >= BODY_MIN_CHARS and line.endswith((".", "!", "?", "…", '."', ".»", ".”"))


def _looks_like_headline(line, min_words=MIN_WORDS):
    if len(line) > MAX_CHARS or line.endswith(SENTENCE_END):
        return False
    if CRUMBS.search(line) or FURNITURE.match(line) or DASH_START.match(line):
        return False
    if not (line[:1].isupper() or line[:1].isdigit() or line[:1] in "«\"“'‘"):
        return False
    return len(_words(line)) >= min_words


def _dated_header(lines):
    """Return a headline printed twice in a row, the second time with its date glued on."""
    for first, second in zip(lines, lines[1:], strict=False):
        if not _looks_like_headline(first):
            continue
        head = _without_trailing_date(second)
        if head != second and head.casefold() == first.casefold():
            return first
    return None


def _next_content(lines, index):
    """Return the first line after `index` that is not a photo credit or a byline."""
    # Breadcrumbs are not skipped: a short line above them is the site's name, not a headline.
    for line in lines[index + 1 : index + 4]:
        if not FURNITURE.match(line):
            return line
    return ""


def extract_title(text, *, language="en"):
    """Return the headline the text shows, or None."""
    text, _ = strip_stamp(text or "")
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        return None

    # Such a header marks the article itself, even below a column of teasers.
    header = _dated_header(lines)
    if header:
        return header

    skip_next = False
    for index, line in enumerate(lines[:SCAN_LINES]):
        if skip_next:
            skip_next = False
            continue
        if TICKER.match(line):
            skip_next = True
            continue
        if _is_date_line(line):
            continue
        candidate = _without_trailing_date(line)
        if BAR.search(candidate):
            # Keep the headline, drop the site name and rubric around it.
            candidate = max(BAR.split(candidate), key=len).strip()
        if _looks_like_headline(candidate):
            return candidate
        if _is_body(line):
            return None
        following = _next_content(lines, index)
        if _looks_like_headline(candidate, SHORT_MIN_WORDS) and (
            _is_date_line(following) or _is_body(following)
        ):
            # A short headline is told from a menu item by what comes after it.
            return candidate
    return None


# An address's words are a headline when there are enough of them and the text uses most:
# a transliterated or an unrelated slug shares few words with the text.
ADDRESS_MIN_WORDS = 4
ADDRESS_SHARED = 0.6
SLUG_SPLIT = re.compile(r"[-_+]+|%20|\s+")
# Ids and dates glued to a slug: "116457_", "_a3541619", "-4d721a", "-2022-04-01-23".
ID_TOKEN = re.compile(r"^(?=.*\d)[\da-z]+$", re.IGNORECASE)
LETTERS = re.compile(r"^[A-Za-zА-Яа-яЁё][A-Za-zА-Яа-яЁё’']*$|^\d+(?:st|nd|rd|th)$")


def _slug_words(url):
    """The words of the wordiest segment of an address's path, ids and extension dropped."""
    path = unquote(urlsplit(url.strip()).path)
    best = []
    for segment in path.split("/"):
        segment = re.sub(r"\.(?:s?html?|php|aspx?)$", "", segment, flags=re.IGNORECASE)
        tokens = [token for token in SLUG_SPLIT.split(segment) if token]
        while tokens and ID_TOKEN.match(tokens[0]) and not LETTERS.match(tokens[0]):
            tokens.pop(0)
        while tokens and ID_TOKEN.match(tokens[-1]) and not LETTERS.match(tokens[-1]):
            tokens.pop()
        if tokens and all(LETTERS.match(token) for token in tokens) and len(tokens) > len(best):
            best = tokens
    return best


def _text_forms(text):
    """How the text writes each word, by its case-folded form: the commonest form that does
    not open a sentence (a capital there says nothing)."""
    forms = {}
    for match in re.finditer(r"[A-Za-zА-Яа-яЁё][A-Za-zА-Яа-яЁё’']*", text):
        before = text[max(0, match.start() - 2) : match.start()].strip()
        if match.start() == 0 or not before or before[-1] in ".!?\n":
            forms.setdefault(match.group().casefold(), Counter())
            continue
        forms.setdefault(match.group().casefold(), Counter())[match.group()] += 1
    return forms


def title_from_address(url, text):
    """Return the headline an article's address spells ("…/csto-summit-opens-in-minsk/"),
    written as the text writes its words, or None when the address has no such words."""
    words = _slug_words(url or "")
    if len(words) < ADDRESS_MIN_WORDS:
        return None
    forms = _text_forms(text or "")
    while words and words[-1].casefold() not in forms and len(words[-1]) < 3:
        words.pop()  # a word the address cut short ("...-foreign-m-930325")
    if len(words) < ADDRESS_MIN_WORDS:
        return None
    shared = sum(1 for word in words if word.casefold() in forms)
    if shared < ADDRESS_SHARED * len(words):
        return None
    mixed_case = any(not word.islower() for word in words)
    written = []
    for word in words:
        seen = forms.get(word.casefold())
        if mixed_case and not word.islower():
            written.append(word)  # the address keeps its own capitals ("CSTO-Summit-...")
        elif seen:
            written.append(seen.most_common(1)[0][0])
        else:
            written.append(word.lower())
    first = written[0]
    written[0] = first[:1].upper() + first[1:]
    return " ".join(written)
