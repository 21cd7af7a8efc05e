"""The meeting a text reports: a body named next to a word for a session, a date, a place and
a number ("40th meeting", "40-е заседание"); the archive's meeting when it holds one.

Pure on what extract() already found (the text, its body and place matches, its dates), and
one query to find the meeting, which an editor links, or creates from the proposal.
"""

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.history import revision
from people.models import Meeting

# Words for a meeting, in English and in Russian stems.
MEETING_WORDS = re.compile(
    r"\b(?:session|meeting|summit|sitting|met|meets|convened|"
    r"заседани\w*|сесси\w*|саммит\w*|совещани\w*|собрал\w*|провел\w*|провёл\w*)",
    re.IGNORECASE,
)
NUMBERED = re.compile(
    r"\b(\d{1,3})(?:st|nd|rd|th)\s+(?:regular\s+)?(?:meeting|session|sitting)\b"
    r"|\b(\d{1,3})-?(?:е|м|го|й|ое|ом|ого)\s+(?:очередно\w+\s+)?(?:заседани|сесси)\w*"
    r"|\b(?:meeting|session)\s+(?:No\.?|number)\s*(\d{1,3})\b",
    re.IGNORECASE,
)
REACH = 120  # characters either side of a body's name in which a meeting word counts
REPORT_DELAY = datetime.timedelta(days=1)  # a report is often dated the day after


@dataclass(frozen=True)
class MeetingProposal:
    """What the text says of the meeting it reports, and the archive's meeting if known."""

    body: object
    date: datetime.date | None
    place: str
    number: int | None
    meeting: object = None  # the Meeting the archive holds, or None: offer to create it

    def as_json(self):
        return {
            "body": self.body.name,
            "date": self.date.isoformat() if self.date else None,
            "place": self.place or None,
            "number": self.number,
            "meeting": self.meeting.slug if self.meeting else None,
        }


def meeting_body(text, matches):
    """Return the first body whose name stands near a word for a meeting, or None."""
    for match in sorted((m for m in matches if m.kind == "body"), key=lambda m: m.start):
        window = text[max(0, match.start - REACH) : match.end + REACH]
        if MEETING_WORDS.search(window):
            return match
    return None


def meeting_number(text):
    found = NUMBERED.search(text)
    if not found:
        return None
    number = int(next(group for group in found.groups() if group))
    return number or None


def meeting_date(near, published, mentioned):
    """The date written nearest the body's name with a year, else the text's own date."""
    dated = [found for found in mentioned if found.date is not None]
    if dated:
        return min(dated, key=lambda found: abs(found.start - near)).date
    return published


def meetings_by_body():
    """Every meeting, by body, latest first: what find_meeting reads when given it."""
    held = {}
    for meeting in Meeting.objects.order_by("-date", "-id"):
        held.setdefault(meeting.body_id, []).append(meeting)
    return held


def find_meeting(body, date, held=None):
    """Return the meeting of a body held on a date, or the one a report of that date tells
    of (held that day or the day before), or None; from `held` (meetings_by_body) when
    given, else from the database."""
    if date is None:
        return None
    if held is None:
        candidates = Meeting.objects.filter(body=body, date__lte=date).order_by("-date", "-id")
    else:
        candidates = [meeting for meeting in held.get(body.pk, ()) if meeting.date <= date]
    for meeting in candidates[:3]:
        last = meeting.end_date or meeting.date
        if meeting.date == date or last >= date - REPORT_DELAY:
            return meeting
    return None


def propose_meeting(text, matches, *, places=(), published=None, mentioned=(), held=None):
    """Return a MeetingProposal for the meeting a text reports, or None when it names none;
    `held` is the archive's meetings_by_body(), read from the database when not given."""
    match = meeting_body(text, matches)
    if match is None:
        return None
    # A report of a meeting the archive holds, dated by its text, is that meeting's; otherwise
    # the date written nearest the body's name (a report may recall or announce another).
    meeting = find_meeting(match.obj, published, held)
    if meeting is None:
        meeting = find_meeting(match.obj, meeting_date(match.start, published, mentioned), held)
    if meeting is not None:
        return MeetingProposal(
            body=match.obj,
            date=meeting.date,
            place=meeting.place,
            number=meeting.number or meeting_number(text),
            meeting=meeting,
        )
    return MeetingProposal(
        body=match.obj,
        date=meeting_date(match.start, published, mentioned),
        place=places[0] if places else "",  # the first city the text names
        number=meeting_number(text),
    )


def create_meeting(reported, *, user=None):
    """Create the meeting a text reports (body, date, place, number) and return it; the
    body's meeting of that day when one was saved meanwhile (two stories of one page, or
    another editor), so one day's session is never held twice."""
    if reported.date is None:
        raise ValidationError(_("The text gives no date for the meeting: it cannot be created."))
    held = Meeting.objects.filter(body=reported.body, date=reported.date).order_by("id").first()
    if held is not None:
        return held
    meeting = Meeting(
        body=reported.body,
        date=reported.date,
        place=reported.place[: Meeting._meta.get_field("place").max_length],
        number=reported.number,
        slug=Meeting.slug_for(reported.body, reported.date),
    )
    meeting.full_clean()
    with revision(meeting, user=user, reason="Created from an imported text"):
        meeting.save()
    return meeting
