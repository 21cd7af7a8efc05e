"""A long text with many published versions: what a history page must bear.

The text is made of the demo archive's own paragraphs, repeated until it is as long as
the admin allows; each version then changes a few words here and there, as a run of
small corrections does, or moves every paragraph, as a careless paste over a text does.
"""

import json
import random
from pathlib import Path

from core.history import ChangeKind, revision

DEMO_NEWS = Path(__file__).resolve().parents[2] / "news" / "demo" / "news.json"
SIZE = 199_000
VERSIONS = 22


def long_text(size=SIZE):
    """Return a text of about `size` characters in paragraphs of real prose."""
    paragraphs = [
        paragraph.strip()
        for record in json.loads(DEMO_NEWS.read_text())
        for paragraph in record["text"].split("\n")
        if paragraph.strip()
    ]
    chosen, length, n = [], 0, 0
    while length < size:
        paragraph = paragraphs[n % len(paragraphs)]
        chosen.append(paragraph)
        length += len(paragraph) + 2
        n += 1
    return "\n\n".join(chosen)[:size]


def corrected(text, count, seed):
    """Return `text` with `count` of its words replaced by others."""
    rng = random.Random(seed)
    words = text.split(" ")
    for _ in range(count):
        n = rng.randrange(len(words))
        words[n] = rng.choice(["revised", "amended", "corrected", "restated"])
    return " ".join(words)


def reordered(text, seed):
    """Return `text` with its paragraphs in another order."""
    paragraphs = text.split("\n\n")
    random.Random(seed).shuffle(paragraphs)
    return "\n\n".join(paragraphs)


def give_versions(obj, versions=VERSIONS, words=10, reorder=False):
    """Publish versions of `obj`'s long text until it has `versions` of them, its first
    (the text it was made with, from long_text()) counting as one."""
    text = obj.text
    for n in range(1, versions):
        text = reordered(text, n) if reorder else corrected(text, words, n)
        with revision(obj, reason=f"Correction {n}", kind=ChangeKind.MINOR):
            obj.text = text
            obj.save()
    return obj
