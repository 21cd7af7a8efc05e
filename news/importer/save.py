"""Turn an extraction into a draft news item, once per source."""

import dataclasses
import hashlib
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.history import revision
from core.transliteration import free_slug

from ..models import NewsItem, Status
from .meetings import create_meeting
from .paragraphs import source_address, unwrap

NO_DATE = _("The text states no date of its own: give the date the source published it.")
TITLE_LENGTH = NewsItem._meta.get_field("title").max_length


@dataclass
class Proposal:
    """What will be saved: the extraction as an editor confirmed or corrected it."""

    title: str
    published_on: object  # datetime.date, or None until an editor gives the date
    language: str
    text: str
    source_url: str = ""
    source_name: str = ""
    place: str = ""
    bodies: tuple = ()
    officials: tuple = ()
    states: tuple = ()
    meeting: object = None  # the archive's Meeting the item reports, or None
    reported: object = None  # the MeetingProposal the text makes, whether held or not
    create_meeting: bool = False  # create the reported meeting on save, and link the item

    @classmethod
    def from_extraction(cls, extraction):
        """Build the proposal the importer makes on its own, filling gaps with safe defaults."""
        record = extraction.record
        if record.url and not extraction.span:
            source_url, text = record.url, record.text
        else:
            # An address closing the text is its source, and leaves the text. The page's
            # own address cannot be each of its stories': an address is archived once.
            source_url, text = source_address(record.text)
        return cls(
            # Only a headline the page shows (or its address spells): never a cut sentence.
            title=(extraction.title or "")[:TITLE_LENGTH],
            # Never a guess: an undated text waits for an editor's date.
            published_on=extraction.published,
            language=extraction.language,
            text=unwrap(text).strip(),
            source_url=source_url,
            source_name=record.source,
            place=extraction.places[0] if extraction.places else "",
            bodies=tuple(extraction.bodies),
            officials=tuple(extraction.officials),
            states=tuple(extraction.states),
            meeting=extraction.meeting.meeting if extraction.meeting else None,
            reported=extraction.meeting,
        )

    def initial(self):
        """The values of the confirm form's fields, which carry the Proposal's names."""
        return {name: getattr(self, name) for name in EDITABLE}

    def corrected(self, cleaned_data, *, officials=()):
        """This proposal with the editor's corrections, and any officials just added."""
        changes = {name: cleaned_data[name] for name in EDITABLE}
        for name in ("bodies", "officials", "states"):
            changes[name] = tuple(changes[name])
        changes["officials"] += tuple(officials)
        changes["create_meeting"] = bool(cleaned_data.get("create_meeting"))
        return dataclasses.replace(self, **changes)


# What an editor may correct before the draft is saved; the text and its source are not.
EDITABLE = (
    "title",
    "published_on",
    "language",
    "place",
    "bodies",
    "officials",
    "states",
    "meeting",
)


def opening_words(text, count=8):
    """The first words of a text, to name it in a report; never a title."""
    words = text.split()
    return " ".join(words[:count]) + ("…" if len(words) > count else "")


def content_hash(text):
    """Fingerprint a text regardless of spacing, for texts that come without a URL."""
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()


def find_duplicate(proposal):
    """Return the archived item with the same source URL or the same text, if any."""
    if proposal.source_url:
        return NewsItem.objects.filter(source_url=proposal.source_url).first()
    return NewsItem.objects.filter(content_hash=content_hash(proposal.text)).first()


@transaction.atomic
def save_draft(proposal, *, user=None, reason="Imported"):
    """Create a draft news item from a proposal; return (item, created).

    An item already imported from the same URL (or, without a URL, with the same text) is
    returned untouched with created=False.
    """
    if proposal.published_on is None:
        raise ValidationError({"published_on": NO_DATE})
    duplicate = find_duplicate(proposal)
    if duplicate is not None:
        return duplicate, False
    meeting = proposal.meeting
    if proposal.create_meeting and proposal.reported is not None:
        # Inside this transaction: an item refused below leaves no meeting behind.
        meeting = create_meeting(proposal.reported, user=user)
    item = NewsItem(
        title=proposal.title,
        slug=free_slug(proposal.title, NewsItem.objects.filter(published_on=proposal.published_on)),
        published_on=proposal.published_on,
        language=proposal.language,
        text=proposal.text,
        place=proposal.place,
        source_url=proposal.source_url,
        source_name=proposal.source_name,
        content_hash="" if proposal.source_url else content_hash(proposal.text),
        status=Status.DRAFT,
        created_by=user,
        meeting=meeting,
    )
    item.full_clean()
    with revision(item, user=user, reason=reason):
        item.save()
        item.bodies.set(proposal.bodies)
        item.officials.set(proposal.officials)
        item.states.set(proposal.states)
    return item, True
