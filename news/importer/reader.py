"""Read importer input files: JSON records like the annotated corpus, or plain .txt files.

A file is refused, with a one-line reason, when it is not one text: empty, binary, too
large, not UTF-8, invalid or too deeply nested JSON, or with a character no text holds in
any of its fields (a lone surrogate, a NUL or another control character but tab, line
feed and carriage return). Nothing is cleaned silently: the archive keeps a source's text
as it was, so a file with such characters is for the editor to look at and fix.
"""

import json
import os
import re
from pathlib import Path

from .record import Record

MAX_BYTES = 2 * 1024 * 1024  # far above any article; a bigger file is not one text
# C0 control characters but tab, line feed and carriage return: no text holds them, XML
# (the feeds) cannot, and PostgreSQL refuses NUL.
CONTROL_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
SURROGATE = re.compile("[\ud800-\udfff]")


class InputError(ValueError):
    """A file that cannot be read as a text; the message says why in one line."""


def read_record(path):
    """Read one file into a Record, or raise InputError."""
    path = Path(path)
    if SURROGATE.search(path.name):
        # Bytes that are not UTF-8, kept as surrogates: the name cannot be stored or shown.
        raise InputError("the file's name is not UTF-8: rename the file")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"too large ({size:,} bytes; the limit is {MAX_BYTES:,})")
        raw = path.read_bytes()
    except OSError as error:
        raise InputError(error.strerror or str(error)) from error
    if not raw.strip():
        raise InputError("empty file")
    if b"\x00" in raw:
        raise InputError("binary file, not a text")
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        hint = (
            " (it looks like cp1251: convert it with iconv -f cp1251 -t utf-8)"
            if _looks_cp1251(raw)
            else ""
        )
        raise InputError(f"not UTF-8 at byte {error.start}{hint}") from error
    if path.suffix.lower() == ".json":
        record = _from_json(content, path)
    else:
        record = Record(id=path.name, text=content)
    for name in ("text", "url", "source", "date_stamp", "id"):
        _check_characters(name, getattr(record, name))
    return record


def _check_characters(name, value):
    """Refuse a field with a lone surrogate (JSON's \\ud800: not a character, it cannot be
    written as UTF-8) or a control character."""
    for pattern, what in ((SURROGATE, "lone surrogate"), (CONTROL_CHARACTER, "control character")):
        found = pattern.search(value)
        if found:
            raise InputError(
                f'{what} U+{ord(found.group()):04X} in "{name}" at character {found.start() + 1}'
                "; remove it and import the file again"
            )


def shown(path):
    """Return a path as text that any output takes: bytes of a name that are not UTF-8
    appear as \\xff escapes."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _looks_cp1251(raw):
    try:
        text = raw.decode("cp1251")
    except UnicodeDecodeError:
        return False
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum("а" <= ch.lower() <= "я" for ch in letters) / len(letters) > 0.5


def _from_json(content, path):
    try:
        data = json.loads(content)
    except json.JSONDecodeError as error:
        raise InputError(f"invalid JSON: {error.msg} at line {error.lineno}") from error
    except RecursionError:
        raise InputError("invalid JSON: arrays or objects nested too deeply") from None
    if not isinstance(data, dict):
        raise InputError("a JSON record must be an object")
    text = data.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError('the JSON record has no "text"')
    return Record(
        id=str(data.get("id") or path.name),
        text=text,
        url=_string(data.get("url")),
        source=_string(data.get("source")),
        date_stamp=_string(data.get("date_stamp")),
    )


def _string(value):
    return value if isinstance(value, str) else ""
