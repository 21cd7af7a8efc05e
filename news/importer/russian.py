"""Russian morphology for the linker: case forms of names and cached word tags (pymorphy3)."""

from functools import lru_cache

CASES = ("gent", "datv", "accs", "ablt", "loct")


@lru_cache(maxsize=1)
def morph():
    """Return the shared pymorphy3 analyser; loading the dictionaries takes a moment."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


# Analysing a word the dictionary does not know takes a fraction of a millisecond; a text of
# 200,000 characters can hold tens of thousands of distinct capitalised words. One text has at
# most this many distinct words analysed: no real article comes near it (the annotated corpus
# asks about two at most, all of it together about ten), and a text past it
# gets the conservative answers below for the rest (no name, no surname, no case), so a
# hostile text costs bounded time and proposes nothing from words it was not read for.
MORPHOLOGY_WORDS = 500


class Budget:
    """The distinct words one text has had analysed, and how many more it may."""

    def __init__(self, words=MORPHOLOGY_WORDS):
        self.words = words
        self.asked = set()

    def allows(self, word):
        """Tell whether the word may be analysed: it was already, or the budget has room."""
        key = word.lower()
        if key in self.asked:
            return True
        if len(self.asked) >= self.words:
            return False
        self.asked.add(key)
        return True


def _allowed(word, budget):
    return budget is None or budget.allows(word)


@lru_cache(maxsize=10_000)
def _parses(lowered):
    """Return pymorphy3's parses of a lower-case word, shared by the questions below."""
    return tuple(morph().parse(lowered))


def word_tags(word, budget=None):
    """Return the set of grammemes of a word's most likely parse (empty past the budget)."""
    if not _allowed(word, budget):
        return frozenset()
    return _word_tags(word)


@lru_cache(maxsize=50_000)
def _word_tags(word):
    parses = _parses(word.lower())
    if not parses:
        return frozenset()
    return frozenset(parses[0].tag.grammemes)


def is_first_name(word, budget=None):
    """Tell whether a Cyrillic word is a first name (pymorphy3 tags them "Name")."""
    return _allowed(word, budget) and _is_first_name(word)


@lru_cache(maxsize=50_000)
def _is_first_name(word):
    return any("Name" in parse.tag and parse.score >= 0.1 for parse in _parses(word.lower()))


def is_surname(word, budget=None):
    """Tell whether a Cyrillic word is a surname or unknown to the dictionary."""
    return _allowed(word, budget) and _is_surname(word)


@lru_cache(maxsize=50_000)
def _is_surname(word):
    parses = _parses(word.lower())
    if not parses:
        return True
    best = parses[0]
    return "Surn" in best.tag or not best.is_known or "UNKN" in best.tag


def is_female_first_name(word):
    """Tell whether a Cyrillic first name is a woman's."""
    for parse in morph().parse(word.lower()):
        if "Name" in parse.tag:
            return "femn" in parse.tag
    return False


def _nominative_head(words):
    """Return the parses of the leading adjectives and the head noun, or None."""
    parsed = []
    for word in words:
        parse = next(
            (
                p
                for p in morph().parse(word)
                if "nomn" in p.tag and p.tag.POS in ("ADJF", "PRTF", "NOUN")
            ),
            None,
        )
        if parse is None:
            return None
        parsed.append(parse)
        if parse.tag.POS == "NOUN":
            return parsed
    return None


@lru_cache(maxsize=4096)
def phrase_case_forms(phrase):
    """Return the oblique case forms of a nominative noun phrase, lower case.

    Only the leading adjectives and the head noun change; the tail stays as it is:
    "Совет министров иностранных дел" → "совета министров иностранных дел", ...
    """
    words = phrase.split()
    if not words or not any("а" <= ch <= "я" or ch == "ё" for ch in phrase.lower()):
        return ()
    head = _nominative_head([w.lower() for w in words])
    if head is None:
        return ()
    noun = head[-1]
    tail = [w.lower() for w in words[len(head) :]]
    forms = []
    for case in CASES:
        inflected = []
        for parse in head:
            if parse is noun:
                form = parse.inflect({case})
            else:
                wanted = {case, noun.tag.number or "sing"}
                if noun.tag.number != "plur" and noun.tag.gender:
                    wanted.add(noun.tag.gender)
                if (
                    case == "accs"
                    and noun.tag.animacy
                    and (noun.tag.gender == "masc" or noun.tag.number == "plur")
                ):
                    wanted.add(noun.tag.animacy)
                form = parse.inflect(wanted)
            if form is None:
                break
            inflected.append(form.word)
        else:
            forms.append(" ".join(inflected + tail))
    return tuple(dict.fromkeys(forms))
