"""Find the stories on a pasted page: one article, or a digest of several one after another.

A story starts where a news page starts one:

- a title line (a few words, no final period) whose story is dated at once: a date line, a
  wire dateline or a date glued to the first paragraph ("15.05.2024 The ministers ...");
- a paragraph whose first sentence opens with its date ("On 11 December 2024, ...");
- the line after a separator ("* * *", "-----"); on a page that has separators, only they
  divide it.

Within a titled story, a paragraph opening with a date is part of it (an article recounting
the days of its events). A paragraph that opens with a date but stands in a column of
undated blurbs (the paragraph above it is running text that belongs to no story) is a teaser
of another page, not a story.
A page with fewer than two stories is one story: the whole text, as pasted, unless its
article stands under a column of teasers (short blurbs of other pages, one of them dated):
the story is then the article, from its headline on. On a page of several, what stands
above the first story (teasers, menus) and below the last one (links back, share buttons)
belongs to none of them.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from .dates import STAMP_PREFIX, TAIL_MARKER, find_datelines, find_dates, opening_date
from .language import CYRILLIC, LATIN

__all__ = ["Story", "page_lines", "split_stories", "stories_from"]

SEPARATOR = re.compile(r"^\s*(?:([-*=_~#•·])\s*)(?:\1\s*){2,}$")
TITLE_WORDS = (3, 25)  # fewer words: a menu item or a rubric; more: a sentence
TITLE_MAX = 200
LONG_TITLE_WORDS, LONG_TITLE_MAX = 40, 300  # right above a date line
TITLE_ENDS = (".", ",", ";", ":", "!", "?")  # a headline may end in "?" only in sentences
RUNNING_MIN = 60  # a line this long ending a sentence is running text
PARAGRAPH_MIN = 120  # a line this long is running text whatever its end
DATED_REACH = 3  # a titled story's date stands in its first lines
HEADER_REACH = 20  # under a title and its date line, the text starts within these lines
BELOW_REACH = 2  # credits between a story's last paragraph and the next headline
GLUED_REACH = 40  # a glued date is the line's first characters
BLURB_MAX = 450  # a teaser is one paragraph of at most this many characters
ARTICLE_RUNNING = 3  # an article under teasers has at least this many running paragraphs
SCRIPT_LETTERS = 40  # a line with fewer letters does not tell its language
SCRIPT_MAJORITY = 3  # a line is in one script when it has this many times the other's letters
NEXT_REACH = 3  # the story a boundary opens shows running text within these lines
PAGE_HEAD_REACH = 15  # a page's menus and site name above its first running text
# Inside a paragraph, a sentence ends and the next begins: a paragraph of sentences.
SENTENCE_ENDS = (".", "!", "?", "…", "»", '"', "”")
# Credits that close a text: what follows them is the next one.
CREDIT = re.compile(
    r"^\s*(?:based on (?:materials|reports) (?:from|of)|translat(?:ed|ion) by|edit(?:ed|ing) by"
    r"|по материалам|перевод[:\s])",
    re.IGNORECASE,
)
INNER_SENTENCE = re.compile(r"[.!?…»\"”]\s+[A-ZА-ЯЁ«\"“]")
WORD = re.compile(r"[A-Za-zА-Яа-яЁё0-9][\w’'-]*")


@dataclass(frozen=True)
class Story:
    """One story of a page: where it starts and ends in the page's text."""

    start: int
    end: int

    def text(self, page):
        """The story's text; a separator that closes it is not part of it."""
        kept = page[self.start : self.end].splitlines(keepends=True)
        return "".join(line for line in kept if not SEPARATOR.match(line)).strip()


def _running(line):
    line = line.strip()
    return len(line) >= PARAGRAPH_MIN or (len(line) >= RUNNING_MIN and line.endswith(TITLE_ENDS))


@lru_cache(maxsize=4096)  # a page's lines are asked about again and again (see _PER_LINE)
def _title_shaped(line, long=False):
    """Tell whether a line can be a headline; `long` admits the long ones a news site prints
    right above a story's date line (up to 40 words, even with a full stop inside)."""
    line = line.strip()
    words = WORD.findall(line)
    most_words, most_chars = (
        (LONG_TITLE_WORDS, LONG_TITLE_MAX) if long else (TITLE_WORDS[1], TITLE_MAX)
    )
    return (
        TITLE_WORDS[0] <= len(words) <= most_words
        and len(line) <= most_chars
        and not line.endswith(TITLE_ENDS[1:] if long else TITLE_ENDS)
        and (line[0].isupper() or line[0].isdigit() or line[0] in "«\"'“")
    )


def _headed(lines, index):
    """Tell whether a line is a headline directly over a date line with a year."""
    if index + 1 >= len(lines):
        return False
    under = lines[index + 1][1]
    return (
        _title_shaped(lines[index][1], long=True)
        and not _date_line(lines[index][1])
        and ((_date_line(under) and _dated_line_has_year(under)) or _glued_date(under))
    )


@lru_cache(maxsize=4096)  # a page's lines are asked about again and again (see _PER_LINE)
def _glued_date(line):
    """Tell whether a line opens with a full date run into its text, as a news site's list
    prints a story's date before its first words: glued ("15.05.202415 May marks ...") or,
    when written in figures, after a space ("15.05.2024 The ministers ...")."""
    line = line.lstrip()
    found = find_dates(line[:GLUED_REACH])
    if not found or found[0].start != 0 or found[0].date is None or found[0].end >= len(line):
        return False
    return found[0].numeric or not line[found[0].end].isspace()


@lru_cache(maxsize=4096)  # a page's lines are asked about again and again (see _PER_LINE)
def _date_line(line):
    """Tell whether a line is a date with little else ("Monday, 4 July, 2016 - 17:00")."""
    found = find_dates(line)
    if not found:
        return False
    rest = line[: found[0].start] + line[found[0].end :]
    return len(re.findall(r"[A-Za-zА-Яа-яЁё]{2,}", rest)) < TITLE_WORDS[0]


def _dated_line_has_year(line):
    return any(found.date is not None for found in find_dates(line))


def _dated_below(lines, index):
    """Tell whether the lines under a title date its story at once, with the year."""
    below = lines[index + 1 : index + 1 + DATED_REACH]
    if _headed(lines, index):
        # "Title / 17.05.2022": a story's header, whatever menus or credits stand under it
        # before its text begins; a column of headlines and dates with no text is a list
        # of other pages.
        # The date line itself may carry the text's first words ("04.06.2024The ...").
        for later in range(index + 1, min(len(lines), index + 2 + HEADER_REACH)):
            if _running(lines[later][1]):
                return True
            if _headed(lines, later):
                return False
        return False
    if not below or not any(_running(line) for _, line in below):
        return False
    opening = opening_date(below[0][1])
    if opening is not None:
        # "The January Crisis / On January 2, protests ..." is a section of one article.
        return opening.year is not None
    head = "\n".join(line for _, line in lines[index : index + 1 + DATED_REACH])
    datelines = find_datelines(head)
    return datelines.best() is not None


def _headline_below(lines, index):
    """Tell whether one of the next lines is itself a title with its date right under it:
    the line is then the end of the story above (a cut paragraph, a credit)."""
    if _headed(lines, index):
        return False  # its own date line is under it: it is the headline
    for following in range(index + 1, min(index + 1 + BELOW_REACH, len(lines) - 1)):
        line, under = lines[following][1], lines[following + 1][1]
        if (
            _title_shaped(line, long=True)
            and not _date_line(line)
            and (_date_line(under) or _glued_date(under) or opening_date(under) is not None)
        ):
            return True
        if _running(line):
            return False
    return False


def _repeats_title(line, earlier):
    """Tell whether a title line repeats one above it, perhaps with a date glued on."""
    key = _title_key(line)
    return any(key.startswith(_title_key(other)) for other in earlier if _title_key(other))


def _title_key(line):
    return " ".join(WORD.findall(line.casefold()))


def _under_teasers(lines, teaser):
    """Return the index of the headline of the article that stands under a column of
    teasers (the dated one at `teaser` among them), or None when there is no such article.

    Every running line above the headline is a blurb of one short paragraph, at least two
    of them, and the article under it is longer than all of them together.
    """
    for index in range(teaser + 1, len(lines)):
        line = lines[index][1]
        if _running(line):
            if len(line.strip()) > BLURB_MAX:
                return None
            continue
        if not _title_shaped(line) or _date_line(line) or TAIL_MARKER.match(line):
            continue
        above = [text for _, text in lines[:index] if _running(text)]
        below = [text for _, text in lines[index + 1 :] if _running(text)]
        opens = lines[index + 1 : index + 1 + DATED_REACH]
        if (
            len(above) >= 2
            and any(_running(text) for _, text in opens)
            and len(below) >= ARTICLE_RUNNING
            and sum(map(len, below)) > sum(map(len, above))
        ):
            return index
        return None
    return None


@lru_cache(maxsize=4096)  # a page's lines are asked about again and again (see _PER_LINE)
def _script(line, least=SCRIPT_LETTERS):
    """Return "ru" or "en" for a line written in one script, else None."""
    cyrillic, latin = len(CYRILLIC.findall(line)), len(LATIN.findall(line))
    if cyrillic + latin < least:
        return None
    if cyrillic > SCRIPT_MAJORITY * latin:
        return "ru"
    return "en" if latin > SCRIPT_MAJORITY * cyrillic else None


def _cut(lines, index):
    """Tell whether a paragraph of running text stops mid-sentence (a page that shows only
    the start of a text): it holds finished sentences, or comes right under a paragraph that
    ends one.
    A long headline, which has no full stop either, is neither."""
    line = lines[index][1].rstrip()
    if not _running(line) or not line[-1:].isalnum():
        return False
    if INNER_SENTENCE.search(line):
        return True
    above = lines[index - 1][1] if index else ""
    return _running(above) and above.rstrip().endswith(SENTENCE_ENDS)


def _undated_starts(lines):
    """Return where a story starts with no date to tell it (texts pasted one after another).

    - The running text changes language: one text does not switch from Russian paragraphs
      to English ones. The new story starts after the old language's last line (its
      credits), so a neutral line (a time, a figure) above the new headline opens it.
    - A paragraph stops mid-sentence, and a headline or a paragraph follows: the page showed
      the start of a text, then the next one.
    - A headline, or a paragraph with more running text under it, follows a story's links
      back or share buttons.
    - Anything followed by running text comes after a text's closing credits ("Translation
      by ..."): the next page, from its first menu.
    - A headline over a date line and a paragraph comes under a finished paragraph.
    """
    found = set()
    running = [index for index, (_, line) in enumerate(lines) if _running(line)]
    for before, after in zip(running, running[1:], strict=False):
        old, new = _script(lines[before][1]), _script(lines[after][1])
        if old and new and old != new:
            # The new story starts after the old language's last line (its credits, its
            # links back), so a neutral line above the new headline (a time) opens it.
            first = after
            while first - 1 > before and _script(lines[first - 1][1], least=1) != old:
                first -= 1
            found.add(first)
    for index in range(1, len(lines)):
        above, line = lines[index - 1][1], lines[index][1]
        headline = _title_shaped(line) and not _date_line(line) and not TAIL_MARKER.match(line)
        # A headline opens a text only with running text right under it.
        opens = headline and any(
            _running(text) for _, text in lines[index + 1 : index + 1 + NEXT_REACH]
        )
        # A line over a date line or a date run into text is a headline, not a cut paragraph.
        starts_text = (_running(line) or opens) and not (_date_line(line) or _glued_date(line))
        after_cut = _cut(lines, index - 1) and starts_text
        # Running text under share buttons is the next text when more of it follows.
        after_tail = TAIL_MARKER.match(above) and (
            opens
            or (
                _running(line)
                and sum(_running(text) for _, text in lines[index + 1 : index + 1 + NEXT_REACH])
                >= 2
            )
        )
        # What follows a text's closing credits is the next page, whatever chrome opens it.
        after_credit = (
            CREDIT.match(above)
            and not CREDIT.match(line)
            and any(_running(text) for _, text in lines[max(0, index - 1 - NEXT_REACH) : index])
            and any(_running(text) for _, text in lines[index : index + PAGE_HEAD_REACH])
        )
        # A headline over its date line (with or without a year) under a finished paragraph.
        headed = (
            headline
            and index + 2 < len(lines)
            and _date_line(lines[index + 1][1])
            and _running(lines[index + 2][1])
            and any(
                _running(text) and text.rstrip().endswith(SENTENCE_ENDS)
                for _, text in lines[max(0, index - NEXT_REACH) : index]
            )
        )
        if after_cut or after_tail or after_credit or headed:
            found.add(index)
    return sorted(found)


def _tail(lines, first, following):
    """Return where a story's links back or share buttons begin, after its text, or None."""
    seen_text = False
    for offset, line in lines[first:following]:
        if seen_text and TAIL_MARKER.match(line):
            return offset
        seen_text = seen_text or _running(line)
    return None


def _merge_starts(lines, dated, undated):
    """Join the dated starts and the undated ones; a start with no running text since the
    one before (the first lines under a headline) is part of that story."""
    if not undated:
        return dated
    merged = sorted(set(dated) | set(undated))
    # The text above an undated start is a story (the rule saw it end), not a menu.
    if merged[0] not in dated and any(_running(line) for _, line in lines[: merged[0]]):
        merged.insert(0, 0)
    kept = []
    for first in merged:
        if not kept or any(_running(line) for _, line in lines[kept[-1] : first]):
            kept.append(first)
    return kept


_PER_LINE = (_date_line, _glued_date, _title_shaped, _script)


def _next_separator(lines, index):
    for later in range(index, len(lines)):
        if SEPARATOR.match(lines[later][1]):
            return later
    return len(lines)


def split_stories(text):
    """Return the stories of a page, in page order; a page of one story gives one Story."""
    for remembered in _PER_LINE:
        remembered.cache_clear()  # remembered for one page, so a page costs what it costs
    whole = [Story(0, len(text))]
    lines = page_lines(text)
    starts = []  # indexes into `lines`
    tails = {}  # a story's first line -> where its links back or share buttons begin
    titled = False  # the last story started has a title: only a title or separator ends it
    in_tail = False  # past a story's tail: only a title or a separator starts the next one
    after_separator = separated = False
    page_head = False  # between a page stamp and the page's first running text
    teaser = None  # the first dated blurb found in a column of undated ones
    for index, (line_offset, line) in enumerate(lines):
        if SEPARATOR.match(line):
            after_separator = separated = True
            continue
        if after_separator:
            starts.append(index)
            after_separator = titled = in_tail = False
            continue
        if (
            starts
            and not in_tail
            and TAIL_MARKER.match(line)
            # Share buttons under a headline, before its text, end nothing.
            and any(_running(text) for _, text in lines[starts[-1] : index])
        ):
            tails[starts[-1]] = line_offset
            in_tail = True
            continue
        if STAMP_PREFIX.match(line):
            # A crawler's page stamp opens a stored page: its story starts here, and what
            # stands above it, if it has running text, is the page before.
            if not starts and any(_running(above) for _, above in lines[:index]):
                starts.append(0)
            starts.append(index)
            titled, in_tail, page_head = False, False, True
            continue
        if page_head and _running(line):
            page_head = False
        if (
            (_title_shaped(line) or _headed(lines, index))
            and not _date_line(line)
            and _dated_below(lines, index)
        ):
            if page_head:
                # The stamped page's own headline, under its site name: the same story.
                titled = True
                continue
            if _headline_below(lines, index):
                continue  # the last words of a story (a cut paragraph) above the next title
            if _repeats_title(line, [lines[start][1] for start in starts]):
                continue  # the headline printed again with its date: the same story
            if titled and starts[-1] == index - 1:
                continue  # a subtitle or dateline under the title just found
            if index + 1 < len(lines) and lines[index + 1][1].lstrip()[:1].islower():
                continue  # a sentence wrapped across lines, not a headline
            starts.append(index)
            titled, in_tail = True, False
        elif not titled and not in_tail and _running(line) and opening_date(line) is not None:
            # Inside a titled story a dated paragraph tells of an earlier day of the same story.
            above = lines[index - 1][1] if index else ""
            if _running(above) and not starts:
                teaser = index if teaser is None else teaser
                continue  # a dated blurb in a column of undated ones: a teaser
            starts.append(index)
    if separated:
        # Separators divide the whole page, and nothing else does: a story's own title can
        # stand below its menus and date lines.
        starts = [0, *(index + 1 for index, (_, line) in enumerate(lines) if SEPARATOR.match(line))]
        starts = [
            index
            for index in starts
            if index < len(lines)
            and not SEPARATOR.match(lines[index][1])
            and any(_running(line) for _, line in lines[index : _next_separator(lines, index)])
        ]
    else:
        starts = _merge_starts(lines, starts, _undated_starts(lines))
    if len(starts) < 2:
        headline = None if teaser is None else _under_teasers(lines, teaser)
        if headline is None or starts not in ([], [headline]):
            return whole
        first = lines[headline][0]
        end = next((offset for offset, line in lines[headline:] if TAIL_MARKER.match(line)), None)
        return [Story(first, end or len(text))]
    stories = []
    for number, first in enumerate(starts):
        following = starts[number + 1] if number + 1 < len(starts) else len(lines)
        stop = lines[following][0] if following < len(lines) else len(text)
        if first not in tails and not separated:
            tails[first] = _tail(lines, first, following)  # a story started with no date
        stories.append(Story(lines[first][0], min(stop, tails.get(first) or stop)))
    return stories


def page_lines(text):
    """Return (offset, line) for each non-empty line of a page, its line ending cut: the
    places a story can start."""
    lines, offset = [], 0
    for raw in text.splitlines(keepends=True):
        if raw.strip():
            lines.append((offset, raw.rstrip("\r\n")))
        offset += len(raw)
    return lines


def stories_from(text, starts):
    """Return the stories that start where an editor chose (offsets of lines of the page).

    What stands above the first start is set aside. A story that starts where an automatic
    one did and reaches no further keeps its end (its links back and share buttons left
    out); otherwise it runs to the next start. Offsets that are not where a line
    starts are ignored; with none left, the page is one story.
    """
    allowed = {offset for offset, _ in page_lines(text)}
    chosen = sorted({start for start in starts if start in allowed})
    if not chosen:
        return [Story(0, len(text))]
    automatic = split_stories(text)
    # Each automatic story's end, and how far its part of the page reaches (its next start).
    found = {
        story.start: (
            story.end,
            automatic[number + 1].start if number + 1 < len(automatic) else len(text),
        )
        for number, story in enumerate(automatic)
    }
    stories = []
    for number, start in enumerate(chosen):
        stop = chosen[number + 1] if number + 1 < len(chosen) else len(text)
        end, reach = found.get(start, (stop, stop))
        # Within its old part of the page, a story keeps its old end; joined with the next
        # one, it runs on.
        stories.append(Story(start, min(end, stop) if stop <= reach else stop))
    return stories
