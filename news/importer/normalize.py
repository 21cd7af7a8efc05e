"""Normalise text for alias matching, keeping a map back to the original characters."""

import re

# Every dash and minus sign becomes "-", so "государств – членов" and "государств-членов" meet.
DASHES = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2015\u2212")
SOFT_HYPHEN = "\u00ad"
QUOTES = {
    "\u2018": "'",
    "\u2019": "'",
    "\u02bc": "'",
    "\u00b4": "'",
    "`": "'",
    "\u00ab": '"',
    "\u00bb": '"',
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
}

# Latin letters that look like Cyrillic ones, and back: sources type "ШОC" with a Latin C.
LATIN_TO_CYRILLIC = str.maketrans("aceopxykmthb", "асеорхукмтнв")
CYRILLIC_TO_LATIN = str.maketrans("асеорхукмтнв", "aceopxykmthb")
WORD = re.compile(r"\w+")
CYRILLIC = re.compile(r"[а-яё]")
LATIN = re.compile(r"[a-z]")


def is_word_char(char):
    """Tell whether a character belongs to a word (letters and digits, any script)."""
    return char.isalnum()


def _line_break_hyphen(text, i):
    """Return the index after a hyphen that only splits a word across lines, else None."""
    if i == 0 or not text[i - 1].isalpha():
        return None
    j = i + 1
    while j < len(text) and text[j] in " \t\r":
        j += 1
    if j >= len(text) or text[j] != "\n":
        return None
    j += 1
    while j < len(text) and text[j].isspace():
        j += 1
    # A lower-case continuation means one word was split; "Алма-\nАта" keeps its hyphen.
    if j < len(text) and text[j].isalpha() and text[j].islower():
        return j
    return None


def normalize(text):
    """Return (normalised text, offsets): offsets[i] is the original index of character i.

    Lower-case, ё→е, every run of whitespace (NBSP included) is one space, dashes are "-"
    with no spaces around them, typographic quotes are plain, and a word split by a hyphen
    at a line break is joined again. offsets has one extra entry, len(text), for the end.
    """
    out, offsets = [], []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char == SOFT_HYPHEN:
            i += 1
            continue
        if char in DASHES:
            resume = _line_break_hyphen(text, i) if char == "-" else None
            if resume is not None:
                i = resume
                continue
            if out and out[-1] == " ":
                out.pop()
                offsets.pop()
            out.append("-")
            offsets.append(i)
            i += 1
            while i < n and text[i].isspace():
                i += 1
            continue
        if char.isspace():
            if out and out[-1] not in " -":
                out.append(" ")
                offsets.append(i)
            i += 1
            continue
        char = QUOTES.get(char, char)
        for lowered in char.lower():
            out.append("е" if lowered == "ё" else lowered)
            offsets.append(i)
        i += 1
    if out and out[-1] == " ":
        out.pop()
        offsets.pop()
    offsets.append(n)
    return _fix_mixed_scripts("".join(out)), offsets


def _fix_mixed_scripts(text):
    """Rewrite look-alike letters in words that mix Latin and Cyrillic to the word's main script."""
    if not (CYRILLIC.search(text) and LATIN.search(text)):
        return text

    def fix(match):
        word = match.group()
        cyrillic = len(CYRILLIC.findall(word))
        latin = len(LATIN.findall(word))
        if not cyrillic or not latin:
            return word
        table = LATIN_TO_CYRILLIC if cyrillic >= latin else CYRILLIC_TO_LATIN
        return word.translate(table)

    # The replacement keeps every word's length, so the offsets stay valid.
    return WORD.sub(fix, text)


def normalize_phrase(text):
    """Return only the normalised form of a short phrase such as an alias."""
    return normalize(text)[0].strip()


# British and American spellings, both common in English-language CSTO news.
_SPELLINGS = [("defence", "defense"), ("centre", "center"), ("organisation", "organization")]
_COUNCIL_OF = re.compile(r"^Council of (\w+) Ministers$")


def english_variants(name):
    """Return spelling and word-order variants of an English body name.

    "Council of Defence Ministers" gives "Council of Defense Ministers", "Defence Ministers
    Council", "Council of Ministers of Defence", ...; "of the" and "of" are interchangeable.
    """
    variants = {name}
    council = _COUNCIL_OF.match(name)
    if council:
        topic = council.group(1)
        variants |= {
            f"{topic} Ministers Council",
            f"{topic} Ministers' Council",
            f"Council of Ministers of {topic}",
            f"Council of Ministers of {topic} Affairs",
        }
    for variant in list(variants):
        # "CSTO Security Council" and "Security Council of the CSTO" are the same name.
        if variant.startswith("CSTO ") and " of " not in variant:
            variants.add(f"{variant[5:]} of the CSTO")
        elif variant.endswith(" of the CSTO"):
            variants.add(f"CSTO {variant[: -len(' of the CSTO')]}")
    for variant in list(variants):
        variants |= _toggle_articles(variant)
    for variant in list(variants):
        lower = variant.lower()
        for british, american in _SPELLINGS:
            for old, new in ((british, american), (american, british)):
                start = lower.find(old)
                if start >= 0:
                    variants.add(
                        variant[:start]
                        + _same_case(variant[start : start + len(old)], new)
                        + variant[start + len(old) :]
                    )
    variants.discard(name)
    return sorted(variants)


_OF = re.compile(r" of (?:the )?")


def _toggle_articles(name):
    """Return the name with "the" added or dropped after each "of", one at a time and all."""
    spots = list(_OF.finditer(name))
    if not spots or len(spots) > 3:
        return set()

    def rebuild(flip):
        parts, last = [], 0
        for index, spot in enumerate(spots):
            parts.append(name[last : spot.start()])
            if index in flip:
                parts.append(" of " if spot.group().endswith("the ") else " of the ")
            else:
                parts.append(spot.group())
            last = spot.end()
        parts.append(name[last:])
        return "".join(parts)

    flips = [{index} for index in range(len(spots))] + [set(range(len(spots)))]
    return {rebuild(flip) for flip in flips}


def _same_case(model, word):
    return word.capitalize() if model[:1].isupper() else word
