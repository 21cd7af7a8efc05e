"""The extraction pipeline shared by the commands and the admin."""

from dataclasses import dataclass, fields, replace

from .dates import extract_date, mentioned_dates
from .language import detect_language
from .linking import Links
from .meetings import propose_meeting
from .record import Record
from .stories import split_stories, stories_from
from .titles import extract_title, title_from_address


@dataclass(kw_only=True)
class Extraction(Links):
    """What the linker found in one text, with the date, title and language proposed."""

    record: Record
    published: object  # datetime.date or None
    title: str | None
    title_from_address: bool = False  # the page shows no headline; its address spells one
    language: str
    mentioned: tuple = ()  # the dates the text writes (dates.Found), whether taken or not
    span: tuple = ()  # (start, end) of the story in the pasted page, when it held several
    copies: tuple = ()  # (news item id, containment) of archived items telling this story
    meeting: object = None  # the MeetingProposal of the meeting the text reports, if any

    def as_json(self):
        """Return the dict that `manage.py extract` prints, one line per text."""
        return {
            "id": self.record.id,
            "published": self.published.isoformat() if self.published else None,
            "title": self.title,
            "language": self.language,
            "bodies": [body.name for body in self.bodies],
            "officials": [official.name for official in self.officials],
            "states": [state.name for state in self.states],
            "places": self.places,
            "unknown_people": self.unknown_people,
            "duplicate_of": [item_id for item_id, _ in self.copies],
            "meeting": self.meeting.as_json() if self.meeting else None,
        }


def extract_stories(record, linker, copies=None, starts=None):
    """Propose an Extraction for each story of a page, in page order.

    A page of one story gives one extraction of the whole text under the record's own id; a
    page of several gives one per story, with ids "<id>#1", "#2", ... A date in the page's
    URL or its stamp belongs to the page, not to each story, so a story is dated by its text.
    `starts` (offsets of lines of the page) are where an editor put the stories' starts;
    without them the page is split by `split_stories`.
    """
    stories = split_stories(record.text) if starts is None else stories_from(record.text, starts)
    if len(stories) == 1:
        (story,) = stories
        if (story.start, story.end) == (0, len(record.text)):
            return [extract(record, linker, copies=copies)]
        # One article under teasers of other pages: the article alone, still dated by the
        # page's address and stamp, which are its own.
        article = replace(record, text=story.text(record.text))
        return [extract(article, linker, copies=copies, span=(story.start, story.end))]
    return [
        extract(
            Record(
                id=f"{record.id}#{number}",
                text=story.text(record.text),
                url=record.url,
                source=record.source,
            ),
            linker,
            copies=copies,
            page_dates=False,
            span=(story.start, story.end),
        )
        for number, story in enumerate(stories, 1)
    ]


def extract(record, linker, *, copies=None, page_dates=True, span=()):
    """Propose date, title, language and links for one text, and its copies in `copies`
    (a CopyIndex of the archive), when given."""
    language = detect_language(record.text)
    published = extract_date(
        record.text,
        url=record.url if page_dates else "",
        date_stamp=record.date_stamp,
        language=language,
    )
    links = linker.link(record.text, language=language, published=published)
    title = extract_title(record.text, language=language)
    mentioned = tuple(mentioned_dates(record.text))
    # The page's address names the page, not each of its stories.
    from_address = title is None and page_dates and title_from_address(record.url, record.text)
    return Extraction(
        record=record,
        published=published,
        title=title or from_address or None,
        title_from_address=bool(from_address),
        language=language,
        mentioned=mentioned,
        span=span,
        meeting=propose_meeting(
            record.text,
            links.matches,
            places=links.places,
            published=published,
            mentioned=mentioned,
            held=linker.meetings,
        ),
        copies=tuple(copies.copies_of(record.text)) if copies is not None else (),
        **{link.name: getattr(links, link.name) for link in fields(Links)},
    )
