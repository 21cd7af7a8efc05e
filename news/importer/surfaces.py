"""Build the surface forms of the archive's entities: names, aliases and generated variants."""

import re
from dataclasses import dataclass

from . import names, russian
from .context import CSTO_CONTEXT, GENERIC_POST_WORDS, TITLE_WORDS
from .names import name_key
from .normalize import english_variants, normalize_phrase

ALL_UPPER = re.compile(r"^[^a-zа-яё]*[A-ZА-ЯЁ][^a-zа-яё]*$")
INITIAL = re.compile(r"^[A-ZА-ЯЁ]\.$")
CYRILLIC = re.compile(r"[А-Яа-яЁё]")
OF_BEFORE_NAME = re.compile(r" of (?:the )?(?=[A-Z])")


@dataclass(frozen=True)
class Surface:
    """One way of writing one entity, as stored in the automaton."""

    kind: str  # "body", "official", "state" or "place"
    key: object  # primary key, or the canonical city name for a place
    single_word: bool  # a bare surname needs more evidence than a full name
    upper: bool  # written in capitals in the archive (CSC): must be in capitals in the text
    marked: bool  # names the CSTO itself ("CSTO Secretariat"), so needs no CSTO context


def make_surface(text, kind, key, single_word=None):
    """Return (normalised form, Surface) of one written form, or None if it is too short."""
    normal = normalize_phrase(text)
    if len(normal) < 3 and not (kind == "state" and len(normal) == 2):
        return None  # "PA" or "ОШ" alone would match far too much
    if single_word is None:
        single_word = " " not in normal
    surface = Surface(
        kind=kind,
        key=key,
        single_word=single_word,
        upper=bool(ALL_UPPER.match(text)) and len(text) <= 12,
        marked=bool(CSTO_CONTEXT.search(normal)),
    )
    return normal, surface


@dataclass
class Person:
    """What the linker knows about one official's name and posts."""

    official: object
    first_keys: set  # transliteration keys of the first name and its spellings
    initials: set  # first letters of the first name, Latin and Cyrillic
    latin_surnames: set  # keys of the surname as written in Latin script
    cyrillic_surnames: set  # keys of the Russian surname and its case forms
    posts: list  # (start, end, words near a name that point at the post)


def first_and_last(parts):
    """Return (first name, surname) of a name split in words, inverted forms included."""
    if len(parts) >= 3 and names.looks_like_patronymic(parts[-1]):
        return parts[1], parts[0]  # "Semerikov Valeriy Anatolyevich"
    return parts[0], parts[-1]


def person(official):
    """Collect the name variants and posts of an official."""
    first_keys, initials, latin_surnames, cyrillic_surnames = set(), set(), set(), set()
    for variant in [official.name, official.name_ru, *official.alias_list]:
        parts = variant.replace(",", " ").split()
        if not parts:
            continue
        surnames = cyrillic_surnames if CYRILLIC.search(variant) else latin_surnames
        if len(parts) == 1:
            surnames.add(name_key(parts[0]))
            continue
        first, last = first_and_last(parts)
        if not INITIAL.match(first) and len(first) > 1:
            first_keys.add(name_key(first))
        initials.add(first[0].lower())
        surnames.add(name_key(last))
    if official.name_ru:
        full, single = names.russian_case_forms(official.name_ru)
        first_keys.update(name_key(form.split()[0]) for form in full if "." not in form)
        cyrillic_surnames.update(name_key(form) for form in single)
    initials.update(key[0] for key in first_keys)
    posts = [(post.start, post.end, post_words(post)) for post in official.positions.all()]
    return Person(official, first_keys, initials, latin_surnames, cyrillic_surnames, posts)


def post_words(post):
    """Return normalised words that, near a surname, point at the person holding a post."""
    words = set(TITLE_WORDS.get(post.title, ()))
    for text in (
        post.note,
        post.body.name if post.body_id else "",
        getattr(post.body, "name_ru", ""),
    ):
        words.update(w for w in normalize_phrase(text or "").split() if len(w) >= 5)
    return frozenset(words - GENERIC_POST_WORDS)


def official_forms(official):
    """Return (full-name forms, single-word forms) of an official, case forms included."""
    full, single = set(), set()
    for variant in [official.name, official.name_ru, *official.alias_list]:
        parts = variant.split()
        if not parts:
            continue
        (single if len(parts) == 1 else full).add(" ".join(parts))
        if len(parts) >= 2:
            first, last = first_and_last(parts)
            if not INITIAL.match(last):
                single.add(last)
            if not INITIAL.match(first) and len(first) > 1:
                full.add(f"{first[0]}. {last}")  # "S. Zas", "С. Зась"
    if official.name_ru:
        cases_full, cases_single = names.russian_case_forms(official.name_ru)
        full.update(cases_full)
        single.update(cases_single)
    return sorted(full), sorted(single - full)


def body_forms(body):
    """Return the surface forms of a body: names, abbreviations, aliases, variants."""
    forms = [body.name, body.name_ru, *body.alias_list]
    if body.name:
        forms += [f"CSTO {body.name}", f"{body.name} of the CSTO"]
        # "Council of CSTO Foreign Ministers", "Committee of Secretaries of the CSTO Security
        # Councils": the acronym also turns up inside the name.
        forms += [
            body.name[: m.end()] + "CSTO " + body.name[m.end() :]
            for m in OF_BEFORE_NAME.finditer(body.name)
        ]
    if body.abbreviation:
        abbreviation = body.abbreviation.strip()
        forms += [abbreviation, f"CSTO {abbreviation}", f"{abbreviation} CSTO"]
    if body.name_ru:
        bare = re.sub(r"\s*ОДКБ\s*$", "", body.name_ru)
        forms += [bare, f"{bare} ОДКБ"]
    for form in list(forms):
        if not form:
            continue
        if CYRILLIC.search(form):
            forms.extend(russian.phrase_case_forms(form))
        else:
            forms.extend(english_variants(form))
    return [form for form in dict.fromkeys(forms) if form]


def state_forms(state):
    """Return the surface forms of a member state, Russian case forms included."""
    forms = [state.name, state.name_ru, *state.alias_list]
    for form in list(forms):
        if form and CYRILLIC.search(form):
            forms.extend(russian.phrase_case_forms(form))
    return [form for form in dict.fromkeys(forms) if form]
