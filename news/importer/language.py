"""Tell English from Russian."""

import re

CYRILLIC = re.compile(r"[А-Яа-яЁё]")
LATIN = re.compile(r"[A-Za-z]")


def detect_language(text):
    """Return 'ru' when Cyrillic letters outnumber Latin ones, else 'en'."""
    return "ru" if len(CYRILLIC.findall(text)) > len(LATIN.findall(text)) else "en"
