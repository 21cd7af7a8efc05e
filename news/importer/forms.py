"""The admin's two-step import form: paste a text, then confirm or correct the proposal.

Every field is the NewsItem field's own form field, so a limit changed on the model holds
here too; only the widgets and the paste step's labels are the importer's.
"""

import datetime
from collections import Counter
from dataclasses import dataclass

from django import forms
from django.utils.dates import MONTHS
from django.utils.formats import date_format
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.validators import NEWS_TEXT_LIMIT, web_url

from ..models import Language, NewsItem
from .dates import _make_date, strip_stamp
from .stories import page_lines


def model_field(name, **kwargs):
    """The form field NewsItem declares for `name`, with the importer's widget or label."""
    return NewsItem._meta.get_field(name).formfield(**kwargs)


def autocomplete(name):
    """The admin's autocomplete widget for a link of NewsItem (its admin searches them)."""
    from django.contrib import admin
    from django.contrib.admin.widgets import AutocompleteSelectMultiple

    return AutocompleteSelectMultiple(NewsItem._meta.get_field(name), admin.site)


def autocomplete_one(name):
    """The admin's autocomplete widget for a single link of NewsItem."""
    from django.contrib import admin
    from django.contrib.admin.widgets import AutocompleteSelect

    return AutocompleteSelect(NewsItem._meta.get_field(name), admin.site)


class PasteForm(forms.Form):
    text = model_field(
        "text",
        label=_("Article text"),
        widget=forms.Textarea(attrs={"rows": 18, "cols": 100}),
        # The model's limit is a validator (a TextField has no max_length to copy).
        max_length=NEWS_TEXT_LIMIT,
        help_text=_("Paste the whole article, headline and dateline included."),
    )
    url = model_field("source_url", assume_scheme="https", validators=[web_url])
    source_name = model_field("source_name", help_text="")


class ConfirmForm(forms.Form):
    """The proposal's editable fields, for the editor to correct before saving a draft.

    Field names are the Proposal's, so `initial=proposal.initial()` fills the form and
    `proposal.corrected(form.cleaned_data)` reads it back. The text and its source come from
    the paste step, which is posted again with every confirmation.
    """

    title = model_field("title", widget=forms.TextInput(attrs={"class": "vLargeTextField"}))
    published_on = model_field("published_on", help_text="")
    language = model_field("language", choices=Language.choices)
    place = model_field("place", help_text="")
    # The admin's own search-as-you-type widget: a click adds or removes one name, never
    # the others, and 90 officials need no 90-row list.
    bodies = model_field("bodies", widget=autocomplete("bodies"))
    officials = model_field("officials", widget=autocomplete("officials"))
    states = model_field("states", widget=autocomplete("states"))
    meeting = model_field(
        "meeting",
        widget=autocomplete_one("meeting"),
        help_text=_("The archive's meeting the text reports; clear it if it reports none."),
    )
    create_meeting = forms.BooleanField(
        label=_("Create this meeting"),
        required=False,
        help_text=_(
            "The archive does not hold the meeting the text reports: tick to add it with the "
            "body, date, place and number above, and link this item to it."
        ),
    )
    keep = forms.BooleanField(
        label=_("Save this story as a draft"),
        required=False,
        initial=True,
        help_text=_("Untick to drop a story that is not news for the archive."),
    )
    save_copy = forms.BooleanField(
        label=_("Save it anyway, as a separate item"),
        required=False,
        help_text=_("The archive already tells this story (see above)."),
    )
    new_people = forms.MultipleChoiceField(
        label=_("Add these people to the archive and link them"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self,
        *args,
        unknown_people=(),
        can_add_people=False,
        mentioned=(),
        candidates=(),
        title_from_address=False,
        several=False,
        copies=(),
        reported=None,
        can_add_meetings=False,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.copies = copies  # (NewsItem, likeness in %) of the archive's items telling it
        self.candidates = candidates  # Candidate dates, each one click from the Date field
        self.reported = reported  # the MeetingProposal the text makes, or None
        if not (
            can_add_meetings
            and reported is not None
            and reported.meeting is None
            and reported.date is not None
        ):
            del self.fields["create_meeting"]
        if not copies:
            del self.fields["save_copy"]
        if not several:
            del self.fields["keep"]
        title = self.fields["title"]
        title.error_messages["required"] = _(
            "The page shows no headline, and a title is never cut from the text: write one."
        )
        if title_from_address:
            title.help_text = _(
                "The page shows no headline: this one is spelled by its address. Check it."
            )
        elif not self.is_bound and not self.initial.get("title"):
            title.help_text = title.error_messages["required"]
        date = self.fields["published_on"]
        date.error_messages["required"] = missing_date_message(mentioned)
        if not self.is_bound and self.initial.get("published_on") is None:
            # Shown at the empty Date field from the start, before any save is tried.
            date.help_text = date.error_messages["required"]
        if can_add_people and unknown_people:
            self.fields["new_people"].choices = [(name, name) for name in unknown_people]
        else:
            del self.fields["new_people"]

    def clean(self):
        data = super().clean()
        if self.copies and not data.get("save_copy"):
            self.add_error(
                "save_copy",
                _("This story is already in the archive: tick the box to save a copy anyway."),
            )
        if data.get("create_meeting") and data.get("meeting"):
            self.add_error(
                "create_meeting",
                _("Link the meeting chosen above or create this one, not both."),
            )
        return data

    def kept(self):
        """Tell whether the editor keeps this story (a page's only story is always kept)."""
        if "keep" not in self.fields:
            return True
        return self.fields["keep"].widget.value_from_datadict(
            self.data, self.files, self.add_prefix("keep")
        )


@dataclass(frozen=True)
class Candidate:
    """A date the text writes, as the Date field's value, and why it was or was not taken."""

    date: datetime.date
    written: str
    reason: str


def date_candidates(text, mentioned, *, taken=None, page_years=(), today=None):
    """The dates a story writes, each with where it stands and whether it was taken.

    A date without a year gets the year of the story's other dates or, failing them, of the
    page's other stories; failing both, the last such day before today. It is offered,
    never taken: the editor chooses.
    """
    today = today or datetime.date.today()
    head = strip_stamp(text or "")[0]
    years = Counter(found.year for found in mentioned if found.year) or Counter(page_years)
    result, seen = [], set()
    for found in mentioned:
        if found.date is not None:
            date = found.date
            before = head[: found.start].rstrip(" \t")
            if date == taken:
                reason = gettext("taken as the article's date")
            elif not before or before.endswith("\n"):
                reason = gettext("opens a line, but not as the article's date")
            else:
                reason = gettext("inside a sentence")
            written = written_date(found)
        else:
            year = years.most_common(1)[0][0] if years else today.year
            date = _make_date(year, found.month, found.day)
            if not years and date is not None and date > today:
                date = _make_date(year - 1, found.month, found.day)
            if date is None:
                continue
            reason = (
                gettext("no year written: the year of the page's other dates")
                if years
                else gettext("no year written: the last such day before today")
            )
            written = date_format(date, "DATE_FORMAT")
        if date in seen:
            continue
        seen.add(date)
        result.append(Candidate(date=date, written=written, reason=reason))
    return result


def written_date(found):
    """A date the text writes, as the editor reads it; one without a year says so."""
    if found.date is not None:
        return date_format(found.date, "DATE_FORMAT")
    return gettext("%(day)s %(month)s (no year)") % {"day": found.day, "month": MONTHS[found.month]}


def missing_date_message(mentioned):
    """Say truly why the Date is empty: no date at all, or which dates the text mentions."""
    if not mentioned:
        return gettext("The text states no date: enter the date the source published it.")
    return gettext(
        "The text states no date of its own; the dates it mentions (%(dates)s) are not the "
        "article's date, or lack a year. Enter the date the source published it."
    ) % {"dates": ", ".join(written_date(found) for found in mentioned)}


@dataclass(frozen=True)
class PageLine:
    """A line of a pasted page, where an editor can tick that a story starts."""

    offset: int
    text: str
    starts: bool


LISTED_LINES = 2000  # a page's lines offered as story starts; a longer page uses * * *


def story_lines(text, extractions, most=LISTED_LINES):
    """Return the page's non-empty lines, those where a proposed story starts ticked (the
    first `most` of them and every proposed start after them), and how many are left out."""
    lines = page_lines(text)
    started = {extraction.span[0] for extraction in extractions if extraction.span}
    if not started and lines:
        started = {lines[0][0]}  # one story of the whole page
    listed = [
        PageLine(offset, line.strip(), offset in started)
        for number, (offset, line) in enumerate(lines)
        if number < most or offset in started
    ]
    return listed, len(lines) - len(listed)


def story_lines_html(lines, width=110):
    """The page's lines as list items with a box each, built here rather than in a template
    loop: a page of 200,000 characters can hold 20,000 lines."""
    return format_html_join(
        "\n",
        '<li><label><input type="checkbox" name="start" value="{}"{}> {}</label></li>',
        (
            (
                line.offset,
                mark_safe(" checked") if line.starts else "",
                line.text if len(line.text) <= width else line.text[: width - 1] + "…",
            )
            for line in lines
        ),
    )
