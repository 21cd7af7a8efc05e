"""Undo the hard line breaks of a pasted text, keeping its paragraphs, lists and headings.

A text copied from an e-mail or a PDF breaks every line near one width. Such a text is
recognised by its lines (most of the long ones end near one width), and a line is joined to
the next one when it does not end a paragraph: it reaches the width without closing a
sentence, or the next line goes on in lower case. Blank lines, list items and short lines
that close a sentence stay where they are. A text whose lines are paragraphs is left alone.
"""

import re

__all__ = ["source_address", "unwrap"]

MIN_LINES = 5  # fewer lines say nothing about a wrapping width
MAX_WIDTH = 120  # wider lines are paragraphs, not a wrapping width
FULL = 0.6  # a line this share of the width long reaches it
WRAPPED_SHARE = 0.6  # of the non-empty lines, this share reaching the width: hard-wrapped
LIST_ITEM = re.compile(r"^\s*(?:[-–—•*·]\s|\d{1,3}[.)]\s)")
CLOSES = (".", "!", "?", ":", ";", "»", '"', "”")
GOES_ON = "("  # a line opening with it continues the one above, as one in lower case does
URL_LINE = re.compile(r"^\s*(https?://[^\s<>\"]+)\s*$")


def _width(lengths):
    ordered = sorted(lengths)
    return ordered[int(len(ordered) * 0.9) - 1] if ordered else 0


def unwrap(text):
    """Return the text with its hard line breaks joined into paragraphs."""
    lines = text.splitlines()
    lengths = [len(line.rstrip()) for line in lines if line.strip()]
    width = _width(lengths)
    if len(lengths) < MIN_LINES or not width or width > MAX_WIDTH:
        return text
    if sum(length >= FULL * width for length in lengths) < WRAPPED_SHARE * len(lengths):
        return text
    out = []
    last = ""  # the last line as pasted (out[-1] may hold several joined)
    for line in lines:
        joins = (
            last.strip()
            and line.strip()
            and not LIST_ITEM.match(line)
            and not last.rstrip().endswith(CLOSES)
            and (len(last.rstrip()) >= FULL * width or line.lstrip()[:1] in GOES_ON)
        )
        if joins or (last.strip() and line.lstrip()[:1].islower() and not LIST_ITEM.match(line)):
            out[-1] = out[-1].rstrip() + " " + line.strip()
        else:
            out.append(line.rstrip())
        last = line
    return "\n".join(out) + ("\n" if text.endswith("\n") else "")


def source_address(text):
    """Return (the web address that closes the text, the text without it), or ("", text)."""
    stripped = text.rstrip()
    last = stripped.rsplit("\n", 1)[-1]
    match = URL_LINE.match(last)
    if not match:
        return "", text
    return match.group(1).rstrip(".,;)"), stripped[: len(stripped) - len(last)].rstrip()
