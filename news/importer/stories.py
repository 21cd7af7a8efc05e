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
A page with fewer than two stories is one story: the whole text, as pasted. On a page of
several, what stands above the first story (teasers, menus) and below the last one (links
back, share buttons) belongs to none of them.
"""

import re
from dataclasses import dataclass

from .dates import TAIL_MARKER, find_datelines, find_dates, opening_date

__all__ = ["Story", "split_stories"]

SEPARATOR = re.compile(r"^\s*(?:([-*=_~#•·])\s*)(?:\1\s*){2,}$")
TITLE_WORDS = (3, 25)  # fewer words: a menu item or a rubric; more: a sentence
TITLE_MAX = 200
TITLE_ENDS = (".", ",", ";", ":", "!", "?")  # a headline may end in "?" only in sentences
RUNNING_MIN = 60  # a line this long ending a sentence is running text
PARAGRAPH_MIN = 120  # a line this long is running text whatever its end
DATED_REACH = 3  # a titled story's date stands in its first lines
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


def _title_shaped(line):
    line = line.strip()
    words = WORD.findall(line)
    return (
        TITLE_WORDS[0] <= len(words) <= TITLE_WORDS[1]
        and len(line) <= TITLE_MAX
        and not line.endswith(TITLE_ENDS)
        and (line[0].isupper() or line[0].isdigit() or line[0] in "«\"'“")
    )


def _date_line(line):
    """Tell whether a line is a date with little else ("Monday, 4 July, 2016 - 17:00")."""
    found = find_dates(line)
    if not found:
        return False
    rest = line[: found[0].start] + line[found[0].end :]
    return len(re.findall(r"[A-Za-zА-Яа-яЁё]{2,}", rest)) < TITLE_WORDS[0]


def _dated_below(lines, index):
    """Tell whether the lines under a title date its story at once, with the year."""
    below = lines[index + 1 : index + 1 + DATED_REACH]
    if not below or not any(_running(line) for _, line in below):
        return False
    opening = opening_date(below[0][1])
    if opening is not None:
        # "The January Crisis / On January 2, protests ..." is a section of one article.
        return opening.year is not None
    head = "\n".join(line for _, line in lines[index : index + 1 + DATED_REACH])
    datelines = find_datelines(head)
    return datelines.best() is not None


def _repeats_title(line, earlier):
    """Tell whether a title line repeats one above it, perhaps with a date glued on."""
    key = _title_key(line)
    return any(key.startswith(_title_key(other)) for other in earlier if _title_key(other))


def _title_key(line):
    return " ".join(WORD.findall(line.casefold()))


def _next_separator(lines, index):
    for later in range(index, len(lines)):
        if SEPARATOR.match(lines[later][1]):
            return later
    return len(lines)


def split_stories(text):
    """Return the stories of a page, in page order; a page of one story gives one Story."""
    whole = [Story(0, len(text))]
    lines = []  # (offset, line) of the non-empty lines
    offset = 0
    for raw in text.splitlines(keepends=True):
        if raw.strip():
            lines.append((offset, raw.rstrip("\r\n")))
        offset += len(raw)
    starts = []  # indexes into `lines`
    tails = {}  # a story's first line -> where its links back or share buttons begin
    titled = False  # the last story started has a title: only a title or separator ends it
    in_tail = False  # past a story's tail: only a title or a separator starts the next one
    after_separator = separated = False
    for index, (line_offset, line) in enumerate(lines):
        if SEPARATOR.match(line):
            after_separator = separated = True
            continue
        if after_separator:
            starts.append(index)
            after_separator = titled = in_tail = False
            continue
        if starts and not in_tail and TAIL_MARKER.match(line):
            tails[starts[-1]] = line_offset
            in_tail = True
            continue
        if _title_shaped(line) and not _date_line(line) and _dated_below(lines, index):
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
    if len(starts) < 2:
        return whole
    stories = []
    for number, first in enumerate(starts):
        stop = lines[starts[number + 1]][0] if number + 1 < len(starts) else len(text)
        stories.append(Story(lines[first][0], min(stop, tails.get(first, stop))))
    return stories
