"""Helpers for people's names: transliteration keys, first names, Russian case forms."""

import re
from functools import lru_cache

from rapidfuzz import fuzz

# Fuzzy thresholds on name keys (rapidfuzz ratio, 0-100), measured on the archive's officials
# and their stored spellings. A surname on its own: variants of one person score 90 or more
# (Lukashenka 90, Tleuberdi 95; Masadikov, Ordabaev, Zaynetdinov and Toqaev fold to the same
# key), while the surnames of two different people reach 87.5 (Sultanov/Sultonov) and even 93
# (Kosanov/Koshanov): an exact surname always wins, and a fuzzy one must beat the runner-up
# by SURNAME_MARGIN.
SURNAME_THRESHOLD = 90
SURNAME_MARGIN = 5
# With an agreeing first name in front, variants score 82-88 (Zhuravlev, Sarkisian, Mirziyaev),
# and two different people whose first names agree never pass 77 (Bakiyev/Shakiyev).
SURNAME_WITH_FIRST_THRESHOLD = 80
# First names agree from 75: Aleksandr/Alexander 95, Stanislau/Stanislav 89, Alyakasndr 90;
# different names score far lower (Andrei/Anatoly 46, Igor/Dmitry 40).
FIRST_NAME_THRESHOLD = 75

CYRILLIC_TO_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "і": "i", "ў": "u", "ә": "a", "ғ": "g", "қ": "k", "ң": "n", "ө": "o",
    "ұ": "u", "ү": "u", "һ": "h", "ҳ": "h", "ҷ": "j", "ӣ": "i", "ӯ": "u",
}  # fmt: skip

# Spelling differences between transliteration systems, folded before names are compared.
_KEY_RULES = [
    (re.compile(r"[^a-z]"), ""),
    (re.compile(r"kh"), "h"),
    (re.compile(r"dzh|dj|zh"), "j"),  # Japarov / Zhaparov / Dzhaparov
    (re.compile(r"q"), "k"),  # Toqaev / Tokayev
    (re.compile(r"x"), "ks"),
    (re.compile(r"ou"), "u"),
    (re.compile(r"(?<=[bcdfghjklmnpqrstvwxz])yo"), "e"),  # Zhuravlyov / Zhuravlev
    (re.compile(r"(?<=[aeiou])y(?=e)"), ""),  # Ordabayev / Ordabaev
    (re.compile(r"y"), "i"),
    (re.compile(r"w"), "v"),
    (re.compile(r"ii"), "i"),
    (re.compile(r"(.)\1"), r"\1"),
]

# Common first names of the region in Latin script, beyond those of the archive's officials:
# a capitalised word from this list before a known surname names somebody else.
COMMON_FIRST_NAMES = """
Aleksei Alexei Alexey Anastasia Andrei Anna Anton Arkady Arsen Artur Askar Azamat Bakhtiyor
Bolat Boris Daniyar Denis Dmitry Dmitri Elena Eldar Evgeny Yevgeny Farkhod Gennady Georgy
Grigory Igor Ilya Irina Ivan Kairat Konstantin Leonid Lyudmila Marat Maria Maxim Mikhail
Nadezhda Natalia Nikita Nurlan Oleg Olga Pavel Petr Pyotr Raman Roman Ruslan Rustam Sergei
Sergey Svetlana Tatiana Timur Vadim Valentina Vasily Viktor Vitaly Vladimir Vladislav Yaroslav
Yelena Yuri Zarina Siarhei Aliaksandr Uladzimir Viktar Dzmitry Mikalai Sviatlana Maryia
""".split()

PATRONYMIC = re.compile(
    r"(ovich|evich|ovna|evna|ich|ович|евич|овна|евна|ич|кызы|улы|uly|kyzy)$", re.I
)


def latin(text):
    """Transliterate Cyrillic letters to Latin, leaving the rest as it is (lower case)."""
    return "".join(CYRILLIC_TO_LATIN.get(char, char) for char in text.lower())


@lru_cache(maxsize=20_000)
def name_key(text):
    """Return a key of a name that ignores common transliteration differences."""
    key = latin(text)
    for pattern, replacement in _KEY_RULES:
        key = pattern.sub(replacement, key)
    return key


def similarity(a, b):
    """Return the rapidfuzz ratio (0-100) of two names' keys."""
    return fuzz.ratio(name_key(a), name_key(b))


def looks_like_patronymic(word):
    """Tell whether a word looks like a patronymic (Nikolayevich, Николаевич)."""
    return len(word) > 5 and bool(PATRONYMIC.search(word))


def split_name(name):
    """Return (first name, surname) of "First [Middle] Last"; one-word names are surnames."""
    parts = name.split()
    if not parts:
        return "", ""
    if len(parts) == 1:
        return "", parts[0]
    return parts[0], parts[-1]


@lru_cache(maxsize=1)
def _petrovich():
    from pytrovich.enums import Case, Gender, NamePart
    from pytrovich.maker import PetrovichDeclinationMaker

    return PetrovichDeclinationMaker(), Case, Gender, NamePart


def guess_female(first_ru, last_ru):
    """Guess whether a Russian-written name is a woman's, from the surname or first name."""
    if re.search(r"(ова|ева|ёва|ина|ына|ская|цкая)$", last_ru):
        return True
    from .russian import is_female_first_name

    return bool(first_ru) and is_female_first_name(first_ru)


def russian_case_forms(name_ru):
    """Return the oblique case forms of a Russian name: (full-name forms, surname forms).

    pytrovich declines first names and surnames by rule (Зась → Зася, Засю, Засем, Засе),
    which is what dictionary lemmatisers get wrong for rare surnames.
    """
    first, last = split_name(name_ru)
    if not last or not re.fullmatch(r"[А-Яа-яЁё\-]+", last):
        return [], []
    maker, case_enum, gender_enum, part = _petrovich()
    gender = gender_enum.FEMALE if guess_female(first, last) else gender_enum.MALE
    full, surnames = [], []
    for case in case_enum:
        try:
            last_form = maker.make(part.LASTNAME, gender, case, last)
            first_form = maker.make(part.FIRSTNAME, gender, case, first) if first else ""
        except (KeyError, ValueError, IndexError):
            continue
        surnames.append(last_form)
        if first_form:
            full.append(f"{first_form} {last_form}")
            full.append(f"{first_form[0]}. {last_form}")
    return full, surnames
