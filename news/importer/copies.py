"""Find the archive's news items that tell the same story as a text: copies and near copies.

A text is cut into overlapping runs of SHINGLE words (case, punctuation and line breaks
ignored) and each run hashed. Only the hashes that fall in one bucket of SAMPLE are kept,
the same for every text, so two texts keep the same sample of the runs they share: the
fingerprint of a 2,000-character item is some 80 integers. An inverted index maps each kept
hash to the items holding it, and a text's candidates are the items sharing the most.

The fingerprints are kept in the database (`news.models.CopyFingerprint`), so that a
process reads them instead of working them out from 100,000 texts; the first import page
an editor opens starts reading them in the background (`CopyIndex.warm`), and a proposal
made before they are read says that copies were not looked for yet.

Two texts are copies when most of the shorter one's fingerprint is in the other
(containment): other boilerplate around the story or a cut to 60% keeps the shared part,
rewrapping changes nothing, and ten edited words break at most 10 x SHINGLE runs. Texts of
one topic share names and set phrases, but seldom a run of SHINGLE words in a row.
"""

import array
import re
import sys
import threading
import zlib
from collections import Counter, defaultdict

from django.db import connection, transaction

__all__ = ["CopyIndex", "fingerprint"]

SHINGLE = 5  # words per run: long enough that two different texts rarely share one
SAMPLE = 4  # one run in SAMPLE is kept, chosen by its hash
MIN_SHARED = 4  # fewer shared runs prove nothing
MIN_CONTAINMENT = 0.35  # share of the shorter fingerprint found in the other
WORD = re.compile(r"\w+")


def fingerprint(text):
    """Return the set of sampled run hashes of a text."""
    words = WORD.findall(text.casefold())
    kept = set()
    for index in range(len(words) - SHINGLE + 1):
        value = zlib.crc32(" ".join(words[index : index + SHINGLE]).encode())
        if value % SAMPLE == 0:
            kept.add(value)
    return kept


def _packed(hashes):
    values = array.array("I", sorted(hashes))
    if sys.byteorder == "big":
        values.byteswap()
    return values.tobytes()


def _unpacked(data):
    values = array.array("I")
    values.frombytes(bytes(data))
    if sys.byteorder == "big":
        values.byteswap()
    return values


class CopyIndex:
    """Fingerprints of the archive's news items, with an inverted index to query them."""

    BATCH = 2000  # items read, and fingerprints stored, per query

    def __init__(self):
        self.postings = defaultdict(list)  # hash -> ids of the items holding it
        self.sizes = {}  # item id -> size of its fingerprint
        self.seen_until = None  # the latest updated_at indexed, for `current()`
        self.lock = threading.Lock()

    def add(self, item_id, text):
        """Index one text under `item_id`."""
        self._add(item_id, fingerprint(text))

    def _add(self, item_id, hashes):
        if not hashes:
            return
        self.sizes[item_id] = len(hashes)
        for value in hashes:
            self.postings[value].append(item_id)

    @classmethod
    def from_db(cls, queryset=None):
        """Index every news item (drafts too: a copy of a draft is still a copy)."""
        from ..models import NewsItem

        index = cls()
        index.update(queryset if queryset is not None else NewsItem.objects.all())
        return index

    def update(self, queryset):
        """Add the items of `queryset`: their stored fingerprints, or their texts' worked
        out and stored when there is none or the item changed since."""
        from ..models import CopyFingerprint

        rows = queryset.order_by().values_list(
            "pk", "updated_at", "copy_fingerprint__hashes", "copy_fingerprint__text_updated_at"
        )
        stale = []
        for pk, updated_at, stored, stored_at in rows.iterator(chunk_size=self.BATCH):
            if stored is not None and stored_at == updated_at:
                self._add(pk, _unpacked(stored))
            else:
                stale.append(pk)
            if self.seen_until is None or updated_at > self.seen_until:
                self.seen_until = updated_at
        for start in range(0, len(stale), self.BATCH):
            batch = queryset.model.objects.filter(pk__in=stale[start : start + self.BATCH])
            found = []
            for pk, text, updated_at in batch.values_list("pk", "text", "updated_at"):
                hashes = fingerprint(text)
                self._add(pk, hashes)
                found.append(
                    CopyFingerprint(item_id=pk, hashes=_packed(hashes), text_updated_at=updated_at)
                )
            with transaction.atomic():
                CopyFingerprint.objects.bulk_create(
                    found,
                    update_conflicts=True,
                    unique_fields=["item"],
                    update_fields=["hashes", "text_updated_at"],
                )

    @classmethod
    def current(cls, wait=None):
        """Return this process's index, brought up to date with the items saved since.

        With `wait` (seconds), a process still reading the fingerprints waits that long at
        most and then returns None, so that no request is held while 100,000 are read.
        An item edited since keeps its old runs too, so a match is checked against the
        item's text of now before it is shown (`confirmed`).
        """
        from ..models import NewsItem

        if wait is not None and "index" not in _CURRENT:
            warming = cls.warm()
            warming.join(wait)
            if warming.is_alive():
                return None
        with _BUILDING:
            index = _CURRENT.get("index")
            if index is None:
                index = _CURRENT["index"] = cls.from_db()
        with index.lock:
            if index.seen_until is None:
                index.update(NewsItem.objects.all())  # the archive had no item yet
            else:
                index.update(NewsItem.objects.filter(updated_at__gt=index.seen_until))
        return index

    @classmethod
    def warm(cls):
        """Start reading this process's index in the background, once; return the thread."""
        with _STARTING:
            thread = _CURRENT.get("warming")
            if thread is None:
                thread = _CURRENT["warming"] = threading.Thread(
                    target=_build_in_background, name="copy-index", daemon=True
                )
                thread.start()
            return thread

    def copies_of(self, text, limit=5):
        """Return (item id, containment) of the items telling the same story, best first."""
        hashes = fingerprint(text)
        if not hashes:
            return []
        shared = Counter()
        for value in hashes:
            # A run that hundreds of items hold is a set phrase, not evidence.
            holders = self.postings.get(value, ())
            if len(holders) <= 200:
                shared.update(holders)
        found = []
        for item_id, count in shared.items():
            if count < MIN_SHARED:
                continue
            containment = count / min(len(hashes), self.sizes[item_id])
            if containment >= MIN_CONTAINMENT:
                found.append((item_id, round(containment, 2)))
        found.sort(key=lambda pair: (-pair[1], pair[0]))
        return found[:limit]


def confirmed(text, copies):
    """Return the NewsItems of `copies` that still tell the story, with their likeness."""
    from ..models import NewsItem

    items = NewsItem.objects.in_bulk([item_id for item_id, _ in copies])
    hashes = fingerprint(text)
    result = []
    for item_id, _ in copies:
        item = items.get(item_id)
        if item is None:
            continue  # deleted since it was indexed
        theirs = fingerprint(item.text)
        shared = len(hashes & theirs)
        if shared >= MIN_SHARED and shared / min(len(hashes), len(theirs)) >= MIN_CONTAINMENT:
            result.append((item, round(100 * shared / min(len(hashes), len(theirs)))))
    return result


def other_language_versions(items):
    """Return (version, item) for the archive's other-language versions of `items` (linked
    by `translation_of` either way) that are not among them, in the order of `items`."""
    from django.db.models import Q

    from ..models import NewsItem

    ids = {item.pk for item in items}
    if not ids:
        return []
    linked = NewsItem.objects.filter(Q(translation_of__in=ids) | Q(translations__in=ids))
    versions = {}
    for version in linked.exclude(pk__in=ids).distinct():
        for item in items:
            if version.translation_of_id == item.pk or item.translation_of_id == version.pk:
                versions.setdefault(version.pk, (version, item))
    order = {item.pk: number for number, item in enumerate(items)}
    return sorted(versions.values(), key=lambda pair: (order[pair[1].pk], pair[0].pk))


def _build_in_background():
    try:
        with _BUILDING:
            if "index" not in _CURRENT:
                _CURRENT["index"] = CopyIndex.from_db()
    finally:
        connection.close()  # this thread's own connection


_CURRENT = {}
_BUILDING = threading.Lock()  # one process reads the archive's fingerprints once
_STARTING = threading.Lock()
