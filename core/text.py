"""Text helpers the apps share."""

import re


def split_aliases(text):
    """Return the non-empty, stripped lines of an aliases field, without duplicates."""
    seen = []
    for line in text.splitlines():
        line = line.strip()
        if line and line not in seen:
            seen.append(line)
    return seen


CYRILLIC = re.compile(r"[А-Яа-яЁё]")
LATIN = re.compile(r"[A-Za-z]")


def script_language(text):
    """Return "ru" for text in Cyrillic, "en" for text in Latin letters only, else "".

    For what editors type without saying its language (a summary, a note, a source's
    name, a reason): a screen reader then reads it in the right voice, and a Russian page
    says which of its words are English.
    """
    text = str(text or "")
    if CYRILLIC.search(text):
        return "ru"
    return "en" if LATIN.search(text) else ""
