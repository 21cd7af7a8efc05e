"""Spot names of people the archive does not know yet, to propose them to the editor."""

import re

from . import russian
from .normalize import normalize_phrase

NAME_WORD = re.compile(r"[A-ZА-ЯЁ][a-zа-яё'’]+(?:-[A-ZА-ЯЁ]?[a-zа-яё]+)?")
CYRILLIC = re.compile(r"[А-Яа-яЁё]")
POSSESSIVE = re.compile(r"['’]s?$")

# A title right before two capitalised words makes them a name even if the first name is rare.
TITLE_BEFORE = re.compile(
    r"(?:\b(?:President|Premier|Minister|Secretary[- ]General|Secretary|Chairman|Chairwoman|"
    r"Speaker|Ambassador|Commander|[Ss]pokes(?:man|woman|person)|Deputy|General|Colonel|"
    r"Lieutenant|Admiral|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Director|Governor|Mayor|Senator)|"
    r"(?i:президент|премьер-министр|министр|глава|генсек|генеральный секретарь|секретарь|"
    r"председатель|спикер|посол|командующий|пресс-секретарь|заместитель|генерал-полковник|"
    r"генерал-лейтенант|генерал-майор|генерал|полковник|директор|губернатор|мэр|депутат|"
    r"начальник|руководитель)[а-яё]*)\s+$"
)

# Capitalised words that are not surnames, whatever precedes them.
NOT_SURNAMES = set(
    """
    Minister Ministry President Presidency Secretary General Council Security State States
    Republic Federation Assembly Office Forces Force Staff Treaty Organization Organisation
    Union Party News Agency Committee University Street Region Province District Airport
    Square Palace Hall Army Navy Guard Service Services Government Parliament Duma Senate
    Chairman Speaker Deputy Foreign Defence Defense Affairs Prime Head Director Commander
    Collective Peacekeeping Rapid Reaction Joint Permanent Military International National
    Central Eastern Western Northern Southern East West North South Day Week Year Summit
    January February March April May June July August September October November December
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday Telegram Photo Special
    Representative Representatives Plenipotentiary Ambassador Envoy
    """.split()
)


def find_unknown_people(text, taken, masks, linker, budget=None):
    """Return (start, end, name) of person-like names that no match already covers.

    `taken` holds the matches' spans and `masks` the credits and bylines, as Spans; `budget`
    is the text's russian.Budget.
    """
    words = [(m.start(), m.end(), m.group()) for m in NAME_WORD.finditer(text)]
    found, seen = [], set()
    for (start, first_end, first), (second_start, end, second) in zip(
        words, words[1:], strict=False
    ):
        if text[first_end:second_start] != " ":
            continue
        if taken.overlaps(start, end) or masks.covers(start):
            continue
        if _possessive(first):
            continue  # "Secretary General's Special Representative"
        second = POSSESSIVE.sub("", second)
        end = second_start + len(second)
        if second in NOT_SURNAMES or first in NOT_SURNAMES:
            continue
        if bool(CYRILLIC.search(first)) != bool(CYRILLIC.search(second)):
            continue
        if _is_known_entity(linker, second) or _is_known_entity(linker, first):
            continue
        titled = bool(TITLE_BEFORE.search(text[max(0, start - 40) : start]))
        if CYRILLIC.search(first):
            is_name = russian.is_first_name(first, budget) and russian.is_surname(second, budget)
            if not is_name and titled:
                is_name = russian.is_surname(second, budget) and not _is_common_word(first, budget)
        else:
            is_name = linker.is_first_name(first) and not linker.is_first_name(second)
            is_name = is_name or (titled and not linker.is_first_name(second))
        if not is_name:
            continue
        name = f"{first} {second}"
        if name in seen:
            continue
        seen.add(name)
        found.append((start, end, name))
    return found


def _possessive(word):
    return bool(POSSESSIVE.search(word))


def _is_common_word(word, budget=None):
    tags = russian.word_tags(word, budget)
    return "Name" not in tags and "Surn" not in tags and "UNKN" not in tags


def _is_known_entity(linker, word):
    """Tell whether a word alone is a known place, state or body (Moscow, Armenia)."""
    return linker.automaton.exists(normalize_phrase(word)) if not linker.empty else False
