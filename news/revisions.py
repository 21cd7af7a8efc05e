"""Readable revision history of public texts: published versions and word-level diffs."""

import hashlib
import re
import time
from dataclasses import dataclass
from functools import cached_property
from heapq import merge
from itertools import islice

from diff_match_patch import diff_match_patch
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from core.history import ChangeKind, link_relation

from .models import NewsItem, Statement, Status
from .places import place_name
from .review import proposed_instance, proposed_links

TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)
PARAGRAPH = re.compile(r"[^\n]*\n|[^\n]+")

# Each distinct word, space run or punctuation mark becomes one character of the
# supplementary private-use planes (about 131,000 of them; far more than a text has).
CODE_BASE = 0xF0000
# What one diff may cost. Past it diff-match-patch returns a correct but coarser diff
# (a changed stretch shown as deleted and inserted whole), never a wrong one.
DIFF_SECONDS = 0.3


def word_diff(old, new, seconds=DIFF_SECONDS):
    """Return [(op, text)] with op -1 deleted, 0 kept, 1 inserted, compared word by word.

    Paragraphs are compared first, so that an unchanged paragraph costs one comparison
    and only the changed stretches are compared word by word; within a stretch words are
    mapped to single characters so that diff-match-patch, which compares characters,
    compares whole words, and its semantic cleanup then merges choppy runs.
    """
    engine = diff_match_patch()
    deadline = time.time() + seconds
    result = []
    deleted, inserted = [], []
    for op, text in _coded_diff(engine, PARAGRAPH, old or "", new or "", deadline):
        if op == engine.DIFF_DELETE:
            deleted.append(text)
        elif op == engine.DIFF_INSERT:
            inserted.append(text)
        else:
            result += _words(engine, "".join(deleted), "".join(inserted), deadline)
            deleted, inserted = [], []
            result.append((0, text))
    result += _words(engine, "".join(deleted), "".join(inserted), deadline)
    return _merged(result)


def _words(engine, old, new, deadline):
    """Word diff of one changed stretch."""
    if not old or not new:
        return [(op, text) for op, text in ((-1, old), (1, new)) if text]
    return _coded_diff(engine, TOKEN, old, new, deadline, cleanup=True)


def _coded_diff(engine, pattern, old, new, deadline, cleanup=False):
    """Diff two texts unit by unit, a unit being what `pattern` finds (a paragraph, a
    word): each distinct unit becomes one character for diff-match-patch."""
    vocabulary = {}

    def encode(text):
        return "".join(
            vocabulary.setdefault(unit, chr(CODE_BASE + len(vocabulary)))
            for unit in pattern.findall(text)
        )

    old_codes, new_codes = encode(old), encode(new)
    units = {code: unit for unit, code in vocabulary.items()}
    diffs = engine.diff_main(old_codes, new_codes, False, deadline)
    if cleanup:
        engine.diff_cleanupSemantic(diffs)
    return [(op, "".join(units[c] for c in codes)) for op, codes in diffs]


def _merged(diffs):
    """Join neighbouring runs of one kind, dropping empty ones."""
    merged = []
    for op, text in diffs:
        if not text:
            continue
        if merged and merged[-1][0] == op:
            merged[-1] = (op, merged[-1][1] + text)
        else:
            merged.append((op, text))
    return merged


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


# Unchanged text is shown by this many words either side of a change; a longer unchanged
# stretch between changes is left out, with the number of its words.
CONTEXT_WORDS = 30
# How much of one field's change the list of versions shows; the comparison of two
# versions shows all of it.
SHOWN_CHARACTERS = 20_000
# A diff of texts this long is kept in the cache: it never changes once computed, and
# computing it again for every page cost up to DIFF_SECONDS per version.
CACHED_FROM_CHARACTERS = 20_000
CACHED_SECONDS = 30 * 24 * 3600
# What the diffs of one page of versions may cost together (see prepare_diffs).
PAGE_DIFF_SECONDS = 0.5
WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class Segment:
    op: int  # -1 deleted, 0 kept, 1 inserted
    text: str
    skipped: int = 0  # the words of unchanged text left out after this segment's text


@dataclass
class ShownDiff:
    segments: list
    cut: bool  # True when the change goes on beyond what is shown


def shown(diff, limit=None, context=CONTEXT_WORDS):
    """Return the ShownDiff of a word diff: long unchanged stretches by their ends only,
    and at most `limit` characters of text in all."""
    segments, length = [], 0
    last = len(diff) - 1
    for index, (op, text) in enumerate(diff):
        if op == 0:
            head, tail = _ends(text, context if index > 0 else 0, context if index < last else 0)
            if head is not None:
                skipped = len(text[len(head) : len(text) - len(tail)].split())
                segments.append(Segment(0, head, skipped))
                length += len(head)
                text = tail
        if limit is not None and length + len(text) > limit:
            room = max(0, limit - length)
            # At a space where there is one, so that no word is shown cut in two.
            segments.append(Segment(op, text[: text.rfind(" ", 0, room) + 1 or room]))
            return ShownDiff(segments, cut=True)
        segments.append(Segment(op, text))
        length += len(text)
    return ShownDiff(segments, cut=False)


def _ends(text, head, tail):
    """Return the text's first `head` words and its last `tail` words (each with what
    follows or precedes them up to the next word), or (None, None) when fewer than
    CONTEXT_WORDS words would be left out between them.

    Words are looked for from both ends only: an unchanged stretch can be the whole of a
    long text, once for every version on a page.
    """
    end = 0
    if head:
        words = list(islice(WORD.finditer(text), head + 1))
        end = words[head].start() if len(words) > head else len(text)
    start = len(text)
    if tail:
        window = 20 * (tail + 1)
        while True:
            last = list(WORD.finditer(text, max(end, len(text) - window)))
            if len(last) > tail or len(text) - window <= end:
                break
            window *= 2
        start = last[-tail].start() if len(last) >= tail else end
    if len(list(islice(WORD.finditer(text, end, start), CONTEXT_WORDS))) < CONTEXT_WORDS:
        return None, None
    return text[:end], text[start:]


@dataclass
class FieldChange:
    label: str
    old: object
    new: object
    is_text: bool = False
    # Set when a page had no time left to compare this text (see prepare_diffs).
    pending: bool = False

    @cached_property
    def diff(self):
        """Return the word diff of a text field, computed only when a page shows it."""
        diff = self._kept()
        return self._compute() if diff is None else diff

    def prepare(self, deadline):
        """Compute the diff unless it is kept already or `deadline` (time.time()) has
        passed; return whether it is ready."""
        if "diff" not in self.__dict__:
            diff = self._kept()
            if diff is None and time.time() >= deadline:
                self.pending = True
                return False
            self.diff = self._compute() if diff is None else diff
        return True

    @cached_property
    def excerpt(self):
        """The change as the list of versions shows it."""
        return shown(self.diff, limit=SHOWN_CHARACTERS)

    @cached_property
    def whole(self):
        """The change as the comparison of two versions shows it."""
        return shown(self.diff)

    @cached_property
    def _key(self):
        old, new = self.old or "", self.new or ""
        if len(old) + len(new) < CACHED_FROM_CHARACTERS:
            return None
        # Named by the two texts themselves, so a kept diff can never be another pair's.
        digest = hashlib.blake2b(f"{old}\0{new}".encode("utf-8", "surrogatepass"), digest_size=20)
        return f"word-diff:{digest.hexdigest()}"

    def _kept(self):
        return cache.get(self._key) if self._key else None

    def _compute(self):
        diff = word_diff(self.old, self.new)
        if self._key:
            cache.set(self._key, diff, CACHED_SECONDS)
        return diff


def prepare_diffs(revisions, seconds=None):
    """Compute the text diffs of the versions a page shows within `seconds` in all.

    Each diff that is started finishes (within its own DIFF_SECONDS); those left when
    the time is up are marked pending, and the page links to their own comparison
    instead. Return whether every diff is ready.
    """
    deadline = time.time() + (PAGE_DIFF_SECONDS if seconds is None else seconds)
    ready = [
        change.prepare(deadline)
        for revision in revisions
        for change in revision.changes
        if change.is_text
    ]
    return all(ready)


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
    def comparison_query(self):
        """The query that compares this version with the one before it."""
        return f"?from={self.number - 1}&to={self.number}#comparison-title"

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
    return sorted(_named(getattr(row, attr)) for row in rows)


def _named(obj):
    """A linked body, official or state by its name in the reader's language."""
    return getattr(obj, "display_name", None) or str(obj)


def _shown(record, name):
    if name.endswith("_id"):
        related = getattr(record, name.removesuffix("_id"), None)
        return _named(related) if related else "—"
    if name == "place":
        return place_name(record.place) or "—"
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
    # A test per version (EXISTS) rather than `id IN (every published item)`: SQLite built
    # that list of 100,000 keys, or read the versions by their id index, for each page
    # (0.4 s); this way the corrections' index (`*_corrections_idx`), which holds the few
    # substantive versions newest first, leads, and a page tests only its own rows.
    still_published = model.objects.published().filter(pk=OuterRef("id"))
    return model.history.filter(
        Exists(still_published),
        change_kind=ChangeKind.SUBSTANTIVE,
        status=Status.PUBLISHED,
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


def proposed_changes(change):
    """Return the FieldChanges of a pending change against the published text, with the
    same word diff readers see in the history."""
    live = change.subject
    proposed = proposed_instance(change)
    changes = []
    for name, label in TEXT_FIELDS.items():
        if name in change.values:
            changes.append(FieldChange(label, getattr(live, name), getattr(proposed, name), True))
    for name, label in VALUE_FIELDS.items():
        if name in change.values:
            changes.append(FieldChange(label, old=_shown(live, name), new=_shown(proposed, name)))
    links = proposed_links(change)
    for name, _attr, label in LINK_FIELDS:
        if name in links:
            related = getattr(type(live), name).field.related_model
            before = sorted(str(obj) for obj in getattr(live, name).all())
            after = sorted(str(obj) for obj in related._default_manager.filter(pk__in=links[name]))
            changes.append(
                FieldChange(label, old=", ".join(before) or "—", new=", ".join(after) or "—")
            )
    return changes
