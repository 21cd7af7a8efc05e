"""Read importer input files: JSON records like the annotated corpus, or plain .txt files."""

import json
from pathlib import Path

from .record import Record

MAX_BYTES = 2 * 1024 * 1024  # far above any article; a bigger file is not one text


class InputError(ValueError):
    """A file that cannot be read as a text; the message says why in one line."""


def read_record(path):
    """Read one file into a Record, or raise InputError."""
    path = Path(path)
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
        return _from_json(content, path)
    return Record(id=path.name, text=content)


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
