"""Find the date an article was published, conservatively.

Evidence, strongest first:

1. a date in the URL path or query (``/2016/11/10/``, ``/20220517/``, ``-2024-06-06-``);
2. a dateline: a date standing alone on a line near the top, a wire dateline
   ("MOSCOW, June 6, 2024 (TASS) -"), or a headline repeated with its date glued on;
3. the page's date stamp, unless the text contradicts it: a yearless dateline for another day
   ("MOSCOW, May 24" on a page stamped June 2), or an event announced as coming on a day
   before the stamp (or reported as past on a day after it).

Dates inside sentences ("adopted on January 6, 2022") are what the article talks about, not when
it appeared, so they never count on their own. Relative dates ("tomorrow") are never parsed.
"""

import datetime
import re
from bisect import bisect_right
from dataclasses import dataclass

__all__ = [
    "extract_date",
    "find_dates",
    "find_datelines",
    "mentioned_dates",
    "opening_date",
    "strip_stamp",
    "url_date",
]

EN_MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
# Russian dates use the genitive ("6 июня"); a few sites write the nominative or cut it short.
RU_MONTHS = {
    "января": 1,
    "январь": 1,
    "янв": 1,
    "февраля": 2,
    "февраль": 2,
    "февр": 2,
    "фев": 2,
    "марта": 3,
    "март": 3,
    "мар": 3,
    "апреля": 4,
    "апрель": 4,
    "апр": 4,
    "мая": 5,
    "май": 5,
    "июня": 6,
    "июнь": 6,
    "июн": 6,
    "июля": 7,
    "июль": 7,
    "июл": 7,
    "августа": 8,
    "август": 8,
    "авг": 8,
    "сентября": 9,
    "сентябрь": 9,
    "сент": 9,
    "сен": 9,
    "октября": 10,
    "октябрь": 10,
    "окт": 10,
    "ноября": 11,
    "ноябрь": 11,
    "нояб": 11,
    "ноя": 11,
    "декабря": 12,
    "декабрь": 12,
    "дек": 12,
}
MONTHS = EN_MONTHS | RU_MONTHS
# Cut forms, which may carry a period ("Feb. 5", "6 дек.").
SHORT_MONTHS = {
    *("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"),
    *("янв", "фев", "февр", "мар", "апр", "июн", "июл", "авг", "сен", "сент", "окт", "ноя"),
    *("нояб", "дек"),
}
# Longest names first so that "марта" is not read as "мар" + "та". Only a short form takes a
# period: after a full name the period ends the sentence, and a dateline may end there.
_MONTH = "|".join(
    rf"{name}\.?" if name in SHORT_MONTHS else name
    for name in sorted(MONTHS, key=len, reverse=True)
)
MONTH = rf"(?P<month>{_MONTH})(?![A-Za-zА-Яа-яЁё])"
YEAR = r"(?P<year>(?:19[5-9]|20[0-4])\d)"
# A day may be glued to a preceding time ("21:406-го января"), as pasted from news tickers, but
# must not be the second half of a range ("19-20 июня"), which names an event, not a day.
DAY_START = r"(?:(?<=\d\d:\d\d)|(?<![\d.,/]))(?<!\d[-–—])(?<!\d\s[-–—]\s)"
DAY = rf"{DAY_START}(?P<day>[0-3]?\d)(?:-?го|st|nd|rd|th)?"

# The parts of a date stay on one line: a day ending one line and a month opening the next
# are two unrelated numbers and words.
_S = r"[^\S\r\n]"
DAY_MONTH_YEAR = re.compile(
    rf"{DAY}{_S}*(?:of{_S}+)?{MONTH},?(?:{_S}+{YEAR}(?![\d:])(?:{_S}*(?:года|г\.))?)?",
    re.IGNORECASE,
)
MONTH_DAY_YEAR = re.compile(
    rf"(?<![A-Za-zА-Яа-яЁё]){MONTH}{_S}+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:]|\.\d)"
    rf"(?:,?{_S}+{YEAR}(?![\d:]))?",
    re.IGNORECASE,
)
# Numeric dates are day first here (15.05.2024, 23/11/2022). The year may be glued to the text
# that follows ("15.05.202415 May"), so only the digits before it are fenced.
NUMERIC = re.compile(rf"{DAY_START}(?P<day>[0-3]?\d)(?P<sep>[./-])(?P<month>[01]?\d)(?P=sep){YEAR}")
ISO = re.compile(rf"(?<![\d.]){YEAR}-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?!\d)")

# A page stamp the crawler put in front of the text: " date 2024-06-06 ".
STAMP_PREFIX = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})(?:\s+|$)")

# In a URL, a date is a path segment (/2016/11/10/, /20220517/) or part of a slug (-2022-04-01-).
URL_DATE = re.compile(
    r"(?<![\dA-Za-z])(?P<year>(?:19[5-9]|20[0-4])\d)(?P<sep>[-/_.]?)(?P<month>[01]\d)"
    r"(?P=sep)(?P<day>[0-3]\d)(?![\dA-Za-z])"
)

TIME = re.compile(r"\b\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?", re.IGNORECASE)
WEEKDAY = re.compile(
    r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|понедельник|вторник|среда|четверг|пятница"
    r"|суббота|воскресенье",
    re.IGNORECASE,
)
# Labels that may sit next to a dateline without making the line a sentence.
DATE_LABEL = re.compile(
    r"\b(?:published|posted|date|дата|опубликовано|публикация|время|time)\b", re.IGNORECASE
)
# A changed-on stamp says when the page was edited, not when the article appeared.
UPDATED_WORDS = ("updated", "modified", "edited", "обновлено", "обновлен", "изменено")
UPDATED_WORDS += ("отредактировано",)
UPDATED = re.compile("|".join(UPDATED_WORDS), re.IGNORECASE)
UPDATED_LONGEST = max(map(len, UPDATED_WORDS))  # no match of UPDATED is longer
# A byline sharing the date's line ("By Anna Petrova | 6 June 2024").
BYLINE = re.compile(r"(?:\bby|автор:?)\s+[\w.’'-]+(?:\s+[A-ZА-ЯЁ][\w.’'-]*){0,2}", re.I)
# Small words that date lines carry besides the date ("at 10:15", "1222 views").
CONNECTORS = {
    *("at", "on", "in", "of", "the", "and", "в", "во", "на", "от", "г", "года"),
    *("views", "view", "comments", "min", "read", "просмотров", "просмотра", "просмотр"),
    *("комментариев", "мин", "чтения"),
}
PREPOSITIONS = ("on", "at", "by", "from", "until", "till", "since", "before", "after", "in")
PREPOSITIONS += ("to", "в", "во", "на", "с", "со", "до", "к", "по", "от")
ENDS_WITH_PREPOSITION = re.compile(rf"\b(?:{'|'.join(PREPOSITIONS)})\s*$", re.IGNORECASE)
# The most letters and signs (whitespace aside) that a match of it holds.
PREPOSITION_SIGNS = max(map(len, PREPOSITIONS))
# Wire datelines: a place in capitals or a capitalised place, then the date
# ("MOSCOW, June 6", "Москва. 23 августа.", "MOSCOW (Sputnik - 26th May, 2020)").
_PLACE_WORD = r"[A-ZА-ЯЁ][\w’'.-]*"
WIRE_PREFIX = re.compile(
    rf"^\s*{_PLACE_WORD}(?:\s{_PLACE_WORD}){{0,3}}\s*(?:[,.]|\([^()]{{0,60}}?[-–—,])\s*$"
)
# Words that open a sentence rather than name a place ("In Moscow, 5 May ...", "Yesterday, ...").
SENTENCE_START = re.compile(
    r"^\s*(?:in|on|at|by|since|from|until|till|after|before|as of|yesterday|tomorrow|earlier"
    r"|later|last|next|this|that|the|в|во|на|с|со|до|к|по|после|вчера|завтра|ранее|позже)\b",
    re.IGNORECASE,
)
# "today, May 28": a date the text pins to its own day, so it can confirm or refute the stamp.
TODAY_BEFORE = re.compile(r"(?:today|сегодня)\s*,?\s*(?:on\s+|в\s+)?$", re.IGNORECASE)
TODAY_SIGNS = len("сегодня") + len(",") + len("on")  # at most, whitespace aside, in a match
# Tense around a date: "will be held on 30 November" is still to come, "was held on" is over.
FUTURE = re.compile(
    r"\b(?:will|shall|is (?:scheduled|set|due|expected|planned)|are (?:scheduled|set|due|expected"
    r"|planned)|to be held|upcoming)\b|(?<![а-яё])(?:пройд[её]т|пройдут|состоится|состоятся|будет"
    r"|будут|запланирован\w*|планируется|намечен\w*|предстоящ\w*)(?![а-яё])",
    re.IGNORECASE,
)
PAST = re.compile(
    r"\b(?:was|were|has been|have been|had been) (?:held|convened|signed|adopted|opened|closed"
    r"|completed)\b|\btook place\b|(?<![а-яё])(?:состоял\w*|прош[её]л|прошл[аои]|проведен\w*"
    r"|провел[аи]?|подписан\w*|принят\w*)(?![а-яё])",
    re.IGNORECASE,
)
TENSE_REACH = 80  # how far before a date its verb may stand
# Where a sentence ends; no two of these overlap, so finditer finds every one.
SENTENCE_MARK = re.compile(r"\. |\n|! |\? ")
YEAR_WRAP_DAYS = 183
# Where sidebars, share buttons and teaser lists begin; dates after them belong to other articles.
TAIL_MARKER = re.compile(
    r"^\s*(?:read (?:also|more)|see also|related(?: news| articles)?|more news|latest news"
    r"|other news|most read|popular|source link|share:?|back to (?:the )?\w+.*|статьи|новости"
    r"|читайте также|смотрите также|другие новости|последние новости|похожие новости|популярное"
    r"|новости партнеров|выбор читателей|поддержать|комментарии)\s*$",
    re.IGNORECASE,
)

# What may stand before the date that opens a news story's first sentence ("On 10 and 11
# December, the Joint Staff hosted ...", "В Москве 6 июня ..." is not one: a place comes first).
OPENING_PREFIX = re.compile(
    r"^(?:on|в|во|from|с)?\s*(?:[0-3]?\d\s*(?:and|и|[-–—])\s*)?$", re.IGNORECASE
)
OPENING_REACH = 20  # the prefix is a preposition and a first day at most

TOP_SHARE = 0.4  # a dateline sits in the first part of the page...
TOP_CHARS = 600  # ...or at least in its first few paragraphs, however short the page
LONE_LINE_MAX = 80  # a line holding a dateline and little else
WIRE_MAX = 160  # a wire dateline's place and agency, before the date, are no longer
HEADLINE_MAX = 300  # longer lines are paragraphs, not headlines
PARAGRAPH_MIN = 200  # a line this long is running text
LABEL_MAX = 30  # a line this short that says "Updated" labels the date below it


def strip_stamp(text):
    """Return the text without a leading crawler stamp, and the stamp ("" if none)."""
    match = STAMP_PREFIX.match(text)
    if not match:
        return text, ""
    return text[match.end() :], match.group(1)


def _make_date(year, month, day):
    try:
        return datetime.date(int(year), int(month), int(day))
    except (TypeError, ValueError):
        return None


def _month_number(month):
    if month.isdigit():
        return int(month)
    return MONTHS.get(month.lower().rstrip("."))


@dataclass(frozen=True, slots=True)
class Found:
    """One date written in a text: its span and parts; `year` is None when not written."""

    start: int
    end: int
    year: int | None
    month: int
    day: int
    numeric: bool  # written in digits only (20.02.2023), as page furniture prints dates

    @property
    def date(self):
        return _make_date(self.year, self.month, self.day) if self.year else None


DIGIT = re.compile(r"\d")


def find_dates(text):
    """Return the dates written in the text, with or without a year, in order of position."""
    if not DIGIT.search(text):
        return []  # every date has its day in figures; most lines of a page have none
    found = []
    for pattern in (DAY_MONTH_YEAR, MONTH_DAY_YEAR, NUMERIC, ISO):
        numeric = pattern in (NUMERIC, ISO)
        for match in pattern.finditer(text):
            name = match.group("month").rstrip(".")
            if name == "may":
                continue  # the modal verb, not the month
            month = _month_number(name)
            day = int(match.group("day"))
            year = match.group("year")
            year = int(year) if year else None
            # Check the day and month even for a yearless date; 2000 is a leap year.
            if not month or _make_date(year or 2000, month, day) is None:
                continue
            found.append(Found(match.start(), match.end(), year, month, day, numeric))
    found.sort(key=lambda item: (item.start, -item.end))
    # Keep the longest reading where two patterns overlap ("4 July, 2016" and "July, 2016").
    kept = []
    for item in found:
        if kept and item.start < kept[-1].end:
            continue
        kept.append(item)
    return kept


def url_date(url):
    """Return the date written in a URL's path or query, or None."""
    if not url:
        return None
    # Skip the scheme and host: host names carry digits that are not dates.
    rest = re.sub(r"^[a-z][a-z0-9+.-]*://[^/?#]*", "", url.strip(), flags=re.IGNORECASE)
    for match in URL_DATE.finditer(rest):
        date = _make_date(match.group("year"), match.group("month"), match.group("day"))
        if date:
            return date
    return None


def _parse_stamp(stamp):
    match = re.fullmatch(r"\s*(\d{4})-(\d{2})-(\d{2})\s*", stamp or "")
    return _make_date(*match.groups()) if match else None


def _lines(text):
    """Yield (start offset, line) for each line of the text."""
    offset = 0
    for line in text.splitlines(keepends=True):
        yield offset, line.rstrip("\r\n")
        offset += len(line)


def _signs_back(text, end, count):
    """Return where the last `count` non-space characters before `end` begin (0 if fewer).

    A pattern anchored at `end` whose matches hold at most `count` such characters can be
    searched from there instead of from the start of the line: the same answer, in bounded time.
    """
    index = end
    while index > 0 and count:
        index -= 1
        if not text[index].isspace():
            count -= 1
    return index


def _only_times_after(rest):
    """Tell whether `TIME.sub("", rest).strip(" ,-–—|")` is empty, reading only as far as needed.

    Characters are kept or removed from left to right as `sub` does; the first one kept that
    the strip would not remove settles the answer.
    """
    position = 0
    while position < len(rest):
        time = TIME.match(rest, position)
        if time:
            position = time.end()
        elif rest[position] in " ,-–—|":
            position += 1
        else:
            return False
    return True


def _is_lone(line, item, offset):
    """Tell whether the date is all the line says, besides times, weekdays, labels, a byline."""
    if len(line.strip()) > LONE_LINE_MAX:
        return False
    rest = line[: item.start - offset] + " " + line[item.end - offset :]
    for pattern in (TIME, WEEKDAY, DATE_LABEL, BYLINE):
        rest = pattern.sub(" ", rest)
    # What may remain: separators, a view counter, at most two names (a place, a rubric);
    # a lower-case word other than a connector means the line is a sentence.
    words = [w for w in re.findall(r"[A-Za-zА-Яа-яЁё]{2,}", rest) if w.lower() not in CONNECTORS]
    return len(words) <= 2 and all(word[0].isupper() for word in words)


class _Line:
    """One line of a text and what its dates are judged by, each in time bounded by the date.

    A line may hold thousands of dates; everything said about the text before one of them (the
    line's "prefix") is read from a few characters near the date or kept from the date before,
    so the line is read a bounded number of times however many dates it holds.
    """

    def __init__(self, offset, text, previous):
        self.offset = offset
        self.text = text
        self.previous = previous  # the last non-empty line before this one
        self.lead = len(text) - len(text.lstrip())  # where the prefix's words begin
        self.stripped_length = len(text.strip())
        self._updated = False  # UPDATED found in the text before `_updated_end`
        self._updated_end = 0

    def prefix_end(self, start):
        """Return where the prefix before a date ends once its trailing spaces are stripped."""
        end = start
        while end > self.lead and self.text[end - 1].isspace():
            end -= 1
        return end

    def updated_before(self, start):
        """Tell whether the prefix says "updated": once it does, every later prefix does."""
        if not self._updated and start > self._updated_end:
            # Only a match ending past the part already read is new.
            since = max(0, self._updated_end - UPDATED_LONGEST + 1)
            self._updated = UPDATED.search(self.text, since, start) is not None
            self._updated_end = start
        return self._updated

    def label_above(self):
        """Tell whether the line above is a short "Updated" label of the date below it."""
        previous = self.previous.strip()
        return len(previous) <= LABEL_MAX and bool(UPDATED.search(previous))

    def glued(self, start, end):
        """Tell whether the line is a headline with the date at its end ("Headline 20.02.2023")."""
        before_end = self.prefix_end(start)
        if not 0 < before_end - self.lead <= HEADLINE_MAX:
            return False
        if self.text[before_end - 1] in ".,:;":
            return False
        # Few dates pass the length test above, so reading the rest of the line is bounded.
        return _only_times_after(self.text[end:])

    def repeats_previous(self, start):
        """Tell whether the prefix is the line above, printed again."""
        before = self.text[self.lead : self.prefix_end(start)]
        return before.casefold() == self.previous.strip().casefold()

    def wire(self, start):
        """Tell whether a wire dateline's place stands before the date ("MOSCOW, June 6")."""
        before_end = self.prefix_end(start)
        if before_end - self.lead > WIRE_MAX:
            return False
        prefix = self.text[self.lead : before_end]
        return bool(WIRE_PREFIX.match(prefix)) and not SENTENCE_START.match(prefix)

    def today_before(self, start):
        since = _signs_back(self.text, start, TODAY_SIGNS)
        return bool(TODAY_BEFORE.search(self.text, since, start))

    def dates_headline(self, item, start, glued):
        """Tell whether a headline carries its own date, not the date of the event it announces."""
        # "Talks to open on 6 June 2024" names the event's day; a page prints its own date in
        # digits after the headline.
        since = _signs_back(self.text, start, PREPOSITION_SIGNS)
        return item.numeric and glued and not ENDS_WITH_PREPOSITION.search(self.text, since, start)

    def opens_line(self, item, start):
        """Tell whether a date in digits opens the line ("15.05.2024 The ministers met ...")."""
        # Prose does not start a sentence with "15.05.2024"; a page's date line merged into the
        # first paragraph does.
        return item.numeric and start <= self.lead

    def opens_story(self, item, start):
        """Tell whether the line's first sentence opens with the date ("On 11 December 2024, ...").

        A news report says first when its event happened; that is the day it was written for.
        """
        if start - self.lead > OPENING_REACH or self.stripped_length < OPENING_REACH:
            return False
        # The date is the sentence's opening phrase, closed by a comma (the pattern may take it).
        end = item.end - self.offset
        closed = self.text[end - 1 : end + 1].rstrip().endswith(",") or self.text[end:].startswith(
            ","
        )
        # A date with its year needs no comma ("6 июня 2024 года в Алматы состоялось ...").
        closed = closed or (item.year is not None and self.text[end : end + 1].isspace())
        return bool(OPENING_PREFIX.match(self.text[self.lead : start])) and closed

    def lone(self, item):
        return self.stripped_length <= LONE_LINE_MAX and _is_lone(self.text, item, self.offset)


def _is_paragraph(line):
    """Tell whether a line is running text (the article body or a teaser's lead)."""
    line = line.strip()
    return len(line) >= PARAGRAPH_MIN or (len(line) >= 120 and line.endswith((".", "!", "?")))


class Datelines:
    """The datelines of a text, sorted by how surely they date the article itself."""

    def __init__(self):
        self.headers = []  # headline repeated with its date glued on
        self.plain = []  # lone date lines, wire datelines, headline-with-date lines, "today, ..."
        self.yearless = []  # the same without a year: they can only refute a stamp
        self.tail_start = None  # where sidebars and teasers begin, if the text has them

    def add(self, item, *, header=False):
        if item.year is None:
            self.yearless.append(item)
        elif header:
            self.headers.append(item)
        else:
            self.plain.append(item)

    def best(self):
        """Return the article's date by its datelines, or None."""
        for group in (self.headers, self.plain):
            if group:
                # The first one is the article's; later ones belong to teasers.
                return group[0].date
        return None


def find_datelines(text):
    """Return the Datelines of a text (with no crawler stamp in front)."""
    result = Datelines()
    found = find_dates(text)
    if not found:
        return result
    top = max(TOP_CHARS, int(len(text) * TOP_SHARE))
    index = 0
    previous = ""  # the last non-empty line before the current one
    tail = False  # past a sidebar or share block: dates there belong to other pages
    body = False  # past the first paragraph of running text
    for offset, text_line in _lines(text):
        if body and not tail and TAIL_MARKER.match(text_line):
            # Above the body such a heading opens a column of teasers that the article follows.
            tail = True
            result.tail_start = offset
        end = offset + len(text_line)
        line = None
        while index < len(found) and found[index].start < end:
            item = found[index]
            index += 1
            if item.start < offset:
                continue
            if line is None:
                line = _Line(offset, text_line, previous)
                label_above = line.label_above()
            start = item.start - offset
            if label_above or line.updated_before(start):
                continue
            glued = line.glued(start, item.end - offset)
            if glued and line.repeats_previous(start):
                # A headline printed again with its date is the article's own header, even
                # below a column of teasers.
                result.add(item, header=True)
                continue
            if tail or item.start >= top:
                continue
            if line.wire(start) or line.today_before(start):
                result.add(item)
            elif not body and (
                line.lone(item)
                or line.dates_headline(item, start, glued)
                or line.opens_line(item, start)
                or line.opens_story(item, start)
            ):
                # A date line below running text heads a teaser, not this article.
                result.add(item)
        if text_line.strip():
            previous = text_line
            body = body or _is_paragraph(text_line)
    return result


def opening_date(line):
    """Return the date (a Found, perhaps without a year) that opens a story's first sentence."""
    found = find_dates(line[: OPENING_REACH + 40])
    if not found:
        return None
    probe = _Line(0, line, "")
    return found[0] if probe.opens_story(found[0], found[0].start) else None


MENTION_REACH = 20_000  # the dates an editor is told about stand in the first pages


def mentioned_dates(text, limit=5):
    """Return the first distinct dates the text writes (Found), in order of position."""
    seen, result = set(), []
    head = strip_stamp(text or "")[0][:MENTION_REACH]
    for item in find_dates(head):
        key = (item.year, item.month, item.day)
        if key in seen:
            continue
        seen.add(key)
        result.append(item)
        if len(result) == limit:
            break
    return result


def _event_date(item, stamp):
    """Return the day a date names, taking a missing year from the stamp's neighbourhood."""
    if item.year:
        return item.date
    date = _make_date(stamp.year, item.month, item.day)
    if date is None:
        return None
    # "On December 30" in a text stamped 5 January is last year's December.
    if (date - stamp).days > YEAR_WRAP_DAYS:
        return _make_date(stamp.year - 1, item.month, item.day)
    if (stamp - date).days > YEAR_WRAP_DAYS:
        return _make_date(stamp.year + 1, item.month, item.day)
    return date


def _tense_refutes(text, stamp, end):
    """Tell whether the text announces as coming an event before the stamp, or reports as past
    an event after it: then the stamp was put on the page some other day than it appeared."""
    # Where each sentence mark ends, to find the last one before a date by bisection.
    marks = [(mark.end(), mark.start()) for mark in SENTENCE_MARK.finditer(text)]
    mark_ends = [mark_end for mark_end, _ in marks]
    for item in find_dates(text[:end]):
        last = bisect_right(mark_ends, item.start) - 1
        sentence_start = marks[last][1] if last >= 0 else -1
        before = text[max(sentence_start + 1, item.start - TENSE_REACH) : item.start]
        date = _event_date(item, stamp)
        if date is None:
            continue
        if date < stamp and FUTURE.search(before) and not PAST.search(before):
            return True
        if date > stamp and PAST.search(before) and not FUTURE.search(before):
            return True
    return False


def extract_date(text, *, url="", date_stamp="", language="en"):
    """Return the date the text, its URL or an uncontradicted page stamp gives, or None."""
    text, prefix_stamp = strip_stamp(text or "")
    stamp = _parse_stamp(date_stamp) or _parse_stamp(prefix_stamp)

    # A date in the URL path is set by the publishing system itself.
    from_url = url_date(url)
    if from_url:
        return from_url

    datelines = find_datelines(text)
    dated = datelines.best()
    if dated:
        return dated

    if not stamp:
        return None
    # A yearless dateline ("MOSCOW, May 24") for another day shows the stamp is not the
    # article's date; without a year of its own the text then gives no date at all.
    for item in datelines.yearless:
        if (item.month, item.day) != (stamp.month, stamp.day):
            return None
    if _tense_refutes(text, stamp, datelines.tail_start):
        return None
    return stamp
