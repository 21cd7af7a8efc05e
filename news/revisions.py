"""Readable revision history of public texts: published versions and word-level diffs."""

import re
from dataclasses import dataclass
from functools import cached_property
from heapq import merge
from itertools import islice

from diff_match_patch import diff_match_patch
from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _

from core.history import ChangeKind, link_relation

from .models import NewsItem, Statement, Status

TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)


# Each distinct word, space run or punctuation mark becomes one character of the
# supplementary private-use planes (about 131,000 of them; far more than a text has).
CODE_BASE = 0xF0000


def word_diff(old, new):
    """Return [(op, text)] with op -1 deleted, 0 kept, 1 inserted, compared word by word.

    Words are mapped to single characters so that diff-match-patch, which compares
    characters, compares whole words; its semantic cleanup then merges choppy runs.
    """
    vocabulary = {}

    def encode(text):
        return "".join(
            vocabulary.setdefault(token, chr(CODE_BASE + len(vocabulary)))
            for token in TOKEN.findall(text or "")
        )

    old_codes, new_codes = encode(old), encode(new)
    tokens = {code: token for token, code in vocabulary.items()}
    engine = diff_match_patch()
    diffs = engine.diff_main(old_codes, new_codes, False)
    engine.diff_cleanupSemantic(diffs)
    return [(op, "".join(tokens[c] for c in codes)) for op, codes in diffs]


# Fields whose changes readers see, in the order they are shown; texts get a word diff.
TEXT_FIELDS = {"title": _("Title"), "lead": _("Lead"), "text": _("Text")}
VALUE_FIELDS = {
    "published_on": _("Date"),
    "said_on": _("Date"),
    "place": _("Place"),
    "language": _("Language"),
    "kind": _("Kind"),
    "source_name": _("Source"),
    "source_url": _("Source URL"),
    "speaker_id": _("Speaker"),
    "body_id": _("Body"),
}
# What the history and corrections pages show of a version besides its changes.
RECORD_FIELDS = ["history_id", "history_date", "history_change_reason", "change_kind", "status"]
# Links kept in the history of news items: (field, attribute of the history row, label).
LINK_FIELDS = [
    ("bodies", "body", _("Bodies")),
    ("officials", "official", _("Officials")),
    ("states", "memberstate", _("States")),
]


@dataclass
class FieldChange:
    label: str
    old: object
    new: object
    is_text: bool = False

    @cached_property
    def diff(self):
        """Return the word diff of a text field, computed only when a page shows it."""
        return word_diff(self.old, self.new)


@dataclass
class Revision:
    record: object  # the historical row
    number: int
    previous: object | None
    changes: list

    @property
    def is_substantive(self):
        return self.record.change_kind == ChangeKind.SUBSTANTIVE

    @property
    def kind_label(self):
        if not self.previous:
            return _("First published")
        return ChangeKind(self.record.change_kind).label if self.record.change_kind else ""


def field_changes(old, new):
    """Return the FieldChanges between two historical rows of the same object."""
    changes = []
    for name, label in TEXT_FIELDS.items():
        if hasattr(new, name) and getattr(old, name) != getattr(new, name):
            changes.append(FieldChange(label, getattr(old, name), getattr(new, name), is_text=True))
    for name, label in VALUE_FIELDS.items():
        if hasattr(new, name) and getattr(old, name) != getattr(new, name):
            changes.append(FieldChange(label, old=_shown(old, name), new=_shown(new, name)))
    for name, attr, label in LINK_FIELDS:
        if hasattr(new, name):
            before, after = _linked(old, name, attr), _linked(new, name, attr)
            if before != after:
                changes.append(
                    FieldChange(label, old=", ".join(before) or "—", new=", ".join(after) or "—")
                )
    return changes


def changes_since(obj, version):
    """Return the latest history row of an object and the FieldChanges since a version.

    Tells an editor whose form is out of date who saved the object meanwhile and what
    they changed.
    """
    history = obj.history.order_by("history_date", "history_id")
    latest = history.last()
    seen = history.filter(version=version).last()
    if latest is None or seen is None:
        return latest, []
    return latest, field_changes(seen, latest)


def _linked(record, name, attr):
    rows = getattr(record, link_relation(type(record), name)).all()
    return sorted(str(getattr(row, attr)) for row in rows)


def _shown(record, name):
    if name.endswith("_id"):
        related = getattr(record, name.removesuffix("_id"), None)
        return str(related) if related else "—"
    value = getattr(record, name)
    display = getattr(record, f"get_{name}_display", None)
    return display() if display else (value or "—")


def published_revisions(obj):
    """Return the object's published versions, oldest first, each with its changes.

    A version counts when the object was published in it; consecutive rows with the same
    public content (a status change, a save without changes) collapse into the first.
    """
    history = obj.history.filter(status=Status.PUBLISHED).order_by("history_date", "history_id")
    # Only what versions are compared and shown by: a long history is a thousand rows, and
    # every other column is memory that the garbage collector then walks.
    names = {field.attname for field in history.model._meta.concrete_fields}
    shown = [name for name in (*TEXT_FIELDS, *VALUE_FIELDS) if name in names]
    history = history.only(*RECORD_FIELDS, *shown)
    links = [
        f"{link_relation(history.model, name)}__{attr}"
        for name, attr, _label in LINK_FIELDS
        if hasattr(obj, name)
    ]
    # The speaker or body of a version is looked up only where it changed: rare, whereas
    # joining them into every row triples the cost of a long history.
    revisions = []
    for record in history.prefetch_related(*links):
        previous = revisions[-1].record if revisions else None
        changes = field_changes(previous, record) if previous else []
        if previous and not changes:
            continue
        revisions.append(Revision(record, len(revisions) + 1, previous, changes))
    return revisions


def compare(revisions, first, second):
    """Return (older, newer, changes) between two versions given by number, or None."""
    if not (1 <= first <= len(revisions) and 1 <= second <= len(revisions)):
        return None
    old, new = sorted((revisions[first - 1], revisions[second - 1]), key=lambda r: r.number)
    return old, new, field_changes(old.record, new.record)


@dataclass
class Correction:
    record: object  # the historical row of the corrected version
    subject: object  # the news item or statement as it is now


def corrections_of(model):
    """Return the substantive corrections of a model's published texts, newest first."""
    return model.history.filter(
        change_kind=ChangeKind.SUBSTANTIVE,
        status=Status.PUBLISHED,
        id__in=model.objects.published().values("pk"),
    ).order_by("-history_date", "-history_id")


def correction_page(number, per_page):
    """Return one page of the corrections of news items and statements, newest first.

    Each model's corrections are read only up to the end of the requested page and
    merged by date, so a page costs two counts and two bounded reads per model.
    """
    models = (NewsItem, Statement)
    querysets = [corrections_of(model) for model in models]
    total = sum(qs.count() for qs in querysets)
    page = Paginator(range(total), per_page).get_page(number)
    end = page.end_index()
    newest_first = merge(
        *(qs[:end] for qs in querysets), key=lambda r: r.history_date, reverse=True
    )
    records = list(islice(newest_first, page.start_index() - 1, end)) if total else []
    subjects = {}
    for model, qs in zip(models, querysets, strict=True):
        subjects[qs.model] = model.objects.in_bulk(
            [r.id for r in records if isinstance(r, qs.model)]
        )
    page.object_list = [Correction(record, subjects[type(record)][record.id]) for record in records]
    return page
