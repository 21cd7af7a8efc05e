"""Hostile texts for the importer: long inputs built to find superlinear steps.

Each text is one pattern repeated, or one long run, cut to the size asked for: repeated dates
in three notations, repeated names of officials and bodies taken from the shipped reference
data, one long line, no spaces at all, tens of thousands of short or blank lines, mixed
scripts, quotes and dashes, punctuation, sidebars and credits. They are generated, the same
every time, and never stored.

Used by tests/news/test_hostile_texts.py and bench/hostile.py.
"""

import datetime
import json
import random
from pathlib import Path

from news.importer.linking import AMBIGUOUS_ABBREVIATIONS

ROOT = Path(__file__).resolve().parent.parent.parent
REFERENCE = ROOT / "people" / "reference"
SIZE = 200_000  # the longest text the archive accepts (core.validators.NEWS_TEXT_LIMIT)
ON_DAY = datetime.date(2024, 6, 1)  # whose Secretary General the texts name


def _reference(name):
    return json.loads((REFERENCE / name).read_text(encoding="utf-8"))


def _secretary_general():
    """The reference official who was Secretary General on ON_DAY."""
    for official in _reference("officials.json"):
        for post in official["positions"]:
            start = datetime.date.fromisoformat(post["start"]) if post["start"] else None
            end = datetime.date.fromisoformat(post["end"]) if post["end"] else None
            if (
                post["title"] == "secretary_general"
                and start is not None
                and start <= ON_DAY
                and (end is None or end >= ON_DAY)
            ):
                return official
    raise LookupError(f"no Secretary General on {ON_DAY} in the reference data")


def _body(abbreviation):
    return next(b for b in _reference("bodies.json") if b["abbreviation"] == abbreviation)


def _repeat(unit, size):
    """The unit repeated and cut to exactly `size` characters."""
    return (unit * (size // len(unit) + 1))[:size]


def _framed(head, unit, tail, size):
    """The unit repeated between a head and a tail, `size` characters in all."""
    return head + _repeat(unit, size - len(head) - len(tail)) + tail


def _joined(units, size, separator=" "):
    """Items from an endless iterator joined by the separator, cut to `size` characters."""
    parts, length = [], 0
    for unit in units:
        parts.append(unit)
        length += len(unit) + len(separator)
        if length > size:
            break
    return separator.join(parts)[:size]


def _distinct_names(seed):
    """Endless made-up names after a post, hardly ever twice the same: "Minister Kora Visonov"."""
    rnd = random.Random(seed)
    consonants, vowels = "bdgklmnprstvz", "aeiou"
    while True:
        first = "".join(rnd.choice(consonants) + rnd.choice(vowels) for _ in range(3))
        last = "".join(rnd.choice(consonants) + rnd.choice(vowels) for _ in range(3))
        yield f"Minister {first.capitalize()} {last.capitalize()}ov"


def _distinct_russian_names(seed):
    """The same in Russian: "министр Кора Висонов"."""
    rnd = random.Random(seed)
    consonants, vowels = "бвгдзклмнпрстх", "аеиоу"
    while True:
        first = "".join(rnd.choice(consonants) + rnd.choice(vowels) for _ in range(3))
        last = "".join(rnd.choice(consonants) + rnd.choice(vowels) for _ in range(3))
        yield f"министр {first.capitalize()} {last.capitalize()}ов"


def _misspelt(seed, names):
    """Endless names with one letter of the surname changed: "Imangali Tasmagambatov"."""
    rnd = random.Random(seed)
    while True:
        first, surname = rnd.choice(names)
        position = rnd.randrange(1, len(surname))
        letter = rnd.choice("аеиоуклмнпрст" if "а" <= surname[-1] <= "я" else "aeiouklmnprst")
        yield f"{first} {surname[:position]}{letter}{surname[position + 1 :]}"


def _distinct_words(seed, alphabet):
    rnd = random.Random(seed)
    while True:
        yield "".join(rnd.choice(alphabet) for _ in range(rnd.randint(2, 11)))


def patterns(variant=0):
    """Return {name: function(size) -> text} for every hostile pattern.

    Another `variant` draws other made-up names and words (the repeated patterns stay as they
    are), for timing a text whose words no earlier run has put in a cache.
    """
    seed = 10 * variant
    secretary = _secretary_general()
    name, name_ru = secretary["name"], secretary["name_ru"]
    surname, surname_ru = name.split()[-1], name_ru.split()[-1]
    council, ministers = _body("CSC"), _body("CFM")
    # An abbreviation that counts only where its body is also named in full.
    abbreviation = next(
        alias
        for body in _reference("bodies.json")
        for alias in body["aliases"]
        if alias.lower() in AMBIGUOUS_ABBREVIATIONS
    )
    nested = next(
        alias
        for body in _reference("bodies.json")
        for alias in body["aliases"]
        if " under the " in alias and ministers["name"] in alias
    )
    latin = "abcdefghijklmnopqrstuvwxyz"
    cyrillic = "абвгдежзийклмнопрстуфхцчшщыэюя"
    repeated = {
        "numeric dates": "1.1.2024 ",
        "numeric dates, one a line": "15.05.2024\n",
        "English dates": "12 May 2024 ",
        "Russian dates": "12 мая 2024 г. ",
        "yearless dates": "MOSCOW, June 6 ",
        "wire datelines": "MOSCOW, June 6, 2024 (TASS) - ",
        "one long place word with dates": "A'1.1.2024'",
        "today with dates": "today, 12 May 2024 ",
        "headline and dated headline": (
            "Ministers met in Almaty to talk about security\n"
            "Ministers met in Almaty to talk about security 20.02.2023\n"
        ),
        "official with post": f"Secretary General {name} ",
        "official with post, Russian": f"Генеральный секретарь ОДКБ {name_ru} ",
        "bare surname": f"{surname} ",
        "bare surname, Russian": f"{surname_ru} ",
        "body names": f"CSTO {council['name']} ",
        "body names, Russian": f"{council['name_ru']} ОДКБ ",
        "ambiguous abbreviation": f"ОДКБ {abbreviation} ",
        "nested body names": f"{nested} ",
        "sidebars": f"Read also\nSecretary General {name} met {ministers['name']}\n\n",
        "credits": f"Photo: Anna Petrova\nSecretary General {name}\n",
        "one long line": "the ministers of the member states met and talked about security ",
        "letters without spaces": "a",
        "Cyrillic letters without spaces": "я",
        "digits without spaces": "1",
        "dates without spaces": "1.1.2024",
        "short lines": "Abc\n",
        "mixed scripts": "Moscow Москва CSTO ОДКБ Мinsk Минcк Asтана ",
        "quotes, brackets and dashes": '«Совет» (“Council”) — ‘the’ "CSTO" [x] – - ',
        "lines of punctuation": "-.,;:!?—«»()\n",
        "hyphens at line ends": "security-\ncouncil ",
        "breadcrumbs": "Home / News / Politics | CSTO > ",
    }
    made = {
        label: (lambda size, unit=unit: _repeat(unit, size)) for label, unit in repeated.items()
    }
    # Words above and below, so that the admin's paste form, which strips the text, keeps it.
    made["blank lines"] = lambda size: _framed("Ministers met\n", "   \n", "\nThey talked.", size)
    made["distinct names"] = lambda size: _joined(_distinct_names(seed + 1), size)
    made["distinct names, Russian"] = lambda size: _joined(_distinct_russian_names(seed + 3), size)
    officials = _reference("officials.json")
    made["misspelt surnames"] = lambda size: _joined(
        _misspelt(seed + 4, [o["name"].split(maxsplit=1) for o in officials if " " in o["name"]]),
        size,
    )
    made["misspelt surnames, Russian"] = lambda size: _joined(
        _misspelt(
            seed + 5, [o["name_ru"].split(maxsplit=1) for o in officials if " " in o["name_ru"]]
        ),
        size,
    )
    made["distinct words, mixed scripts"] = lambda size: _joined(
        _distinct_words(seed + 2, latin + cyrillic + latin.upper() + cyrillic.upper()), size
    )
    made["stamped, no sentence ends"] = lambda size: (
        "date 2024-06-06 " + _repeat("the talks will be held on 12 May 2024 ", size - 16)
    )
    return made


def hostile_texts(size=SIZE, variant=0):
    """Yield (name, text) of every hostile pattern at `size` characters."""
    for label, build in patterns(variant).items():
        text = build(size)
        assert len(text) == size, label
        yield label, text
