"""Link a text to the archive's bodies, officials and states through their names and aliases.

Everything the linker knows comes from the database: names, Russian names, abbreviations,
aliases and posts, plus variants generated from them (Russian case forms, British and American
spellings), so an alias an editor adds in the admin is matched by the next import. All surface
forms go into one Aho-Corasick automaton; a text is normalised and scanned once, and the
longest non-overlapping matches on word boundaries are kept. Context rules then drop what only
looks like a CSTO body or a known person.
"""

import datetime
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

import ahocorasick
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from . import names, russian
from .context import (
    CSTO_CONTEXT,
    foreign_after,
    foreign_before,
    masked_spans,
    next_to_secretary,
    owner_after_ru,
    owner_before,
    short_name_lines,
)
from .names import name_key
from .normalize import DASHES, normalize, normalize_phrase
from .people import find_unknown_people
from .places import city_forms
from .spans import Occupied, Spans
from .surfaces import (
    CYRILLIC,
    INITIAL,
    body_forms,
    make_surface,
    official_forms,
    person,
    state_forms,
)


@dataclass
class Match:
    start: int
    end: int
    kind: str  # "body", "official", "state", "place" or "unknown_person"
    obj: object = None  # the Body, Official or MemberState
    text: str = ""


@dataclass
class Links:
    bodies: list = field(default_factory=list)
    officials: list = field(default_factory=list)
    states: list = field(default_factory=list)
    places: list = field(default_factory=list)
    unknown_people: list = field(default_factory=list)
    matches: list = field(default_factory=list)  # every Match, for highlighting


@dataclass
class _Candidate:
    start: int  # in the original text
    end: int
    surfaces: list


KIND_ORDER = {"body": 0, "official": 1, "state": 2, "place": 3}
CAPITALISED_WORD = re.compile(r"[A-ZА-ЯЁ][\w'’]*(?:-[A-ZА-ЯЁ]?[\w'’]+)*")
# "Working Group on Afghanistan under the CSTO Council of Foreign Ministers" names both.
UNDER = re.compile(r"(?:\bunder|\bat|\bпри)(?: the)? $")
UNDER_LONGEST = len("under the ")
REGION_AFTER = re.compile(r"[ \u00a0]+(?:[Rr]egion|[Oo]blast|област|кра[йяюе]\b)")
# Abbreviations that just as often mean something else (СМО is also Russia's "special military
# operation"): they count only when the body is also named in full.
AMBIGUOUS_ABBREVIATIONS = {"смо", "ош", "пс"}
SHORT_SURNAME = 5  # letters of a surname in which one wrong letter, after its first name, is a typo
DATE_WINDOW = 160  # characters around a surname searched for words naming a post


# The linker of the current archive version, per process (see Linker.current).
_BUILT = {}


class Linker:
    """Everything needed to link texts, read once from the database."""

    def __init__(self, bodies=(), officials=(), states=(), meetings=None):
        self.bodies = {body.pk: body for body in bodies}
        # The archive's meetings by body (meetings.meetings_by_body), or None: then each
        # proposal looks its meeting up in the database.
        self.meetings = meetings
        self.states = {state.pk: state for state in states}
        self.people = {}
        forms = {}  # normalised form -> set of Surface

        def add(text, kind, key, single_word=None):
            made = make_surface(text, kind, key, single_word)
            if made:
                forms.setdefault(made[0], set()).add(made[1])

        for body in bodies:
            for text in body_forms(body):
                add(text, "body", body.pk)
        for official in officials:
            self.people[official.pk] = person(official)
            full, single = official_forms(official)
            for text in full:
                add(text, "official", official.pk, single_word=False)
            for text in single:
                add(text, "official", official.pk, single_word=True)
        for state in states:
            for text in state_forms(state):
                add(text, "state", state.pk)
        for text, city in city_forms():
            add(text, "place", city)

        self.automaton = ahocorasick.Automaton()
        for normal, surfaces in forms.items():
            ordered = sorted(surfaces, key=lambda s: (KIND_ORDER[s.kind], str(s.key)))
            self.automaton.add_word(normal, (len(normal), tuple(ordered)))
        self.empty = not forms
        if not self.empty:
            self.automaton.make_automaton()

        # A surname that is also somebody's first name proves nothing alone (Rustam Emomali).
        self.first_name_keys = set()
        for known in self.people.values():
            self.first_name_keys |= known.first_keys
        self.known_first_names = self.first_name_keys | {
            name_key(first) for first in names.COMMON_FIRST_NAMES
        }
        self.known_first_list = sorted(self.known_first_names)
        self.latin_index = _surname_index(self.people, "latin_surnames")
        self.cyrillic_index = _surname_index(self.people, "cyrillic_surnames")
        # Surnames short enough for one wrong letter to count as a typo (see _fuzzy_surname).
        self.short_surnames = {
            script: [key for key in index[0] if len(key) <= SHORT_SURNAME]
            for script, index in (("latin", self.latin_index), ("cyrillic", self.cyrillic_index))
        }
        self._first_name_cache = {}
        self._fuzzy_cache = {}
        self._near_surname_cache = {}
        self.first_index = _surname_index(self.people, "first_keys")
        self._agreeing_cache = {}

    @classmethod
    def from_db(cls):
        """Read bodies, officials with their posts, member states and meetings from the
        database."""
        from people.models import Body, MemberState, Official

        from .meetings import meetings_by_body

        return cls(
            bodies=list(Body.objects.all()),
            officials=list(Official.objects.prefetch_related("positions__body")),
            states=list(MemberState.objects.all()),
            meetings=meetings_by_body(),
        )

    @classmethod
    def current(cls):
        """Return a linker for the archive as it is now, built again only after a change.

        Building one takes a third of a second; the admin's import page would pay it on
        every proposal otherwise. A new alias or official changes the archive's version.
        """
        from core.models import ArchiveState

        state = ArchiveState.current()
        stamp = (state.version, state.changed_at)
        if _BUILT.get("stamp") != stamp:
            _BUILT.update(stamp=stamp, linker=cls.from_db())
        return _BUILT["linker"]

    def link(self, text, *, language="en", published=None):
        """Return the Links found in a text."""
        links = Links()
        if not text or self.empty:
            return links
        if isinstance(published, str):
            published = _parse_date(published)
        elif isinstance(published, datetime.datetime):
            published = published.date()
        scan = _Scan(text, self, published)
        candidates = scan.candidates()
        chosen = _longest(candidates)
        by_kind = {"body": [], "official": [], "state": [], "place": []}
        for candidate in chosen:
            by_kind[candidate.surfaces[0].kind].append(candidate)

        matches = []
        bodies = by_kind["body"] + _nested_bodies(scan, candidates, by_kind["body"])
        for candidate in bodies:
            body = self.bodies[candidate.surfaces[0].key]
            matches.append(_match(text, candidate, "body", body))
        for candidate, pk in scan.resolve_officials(by_kind["official"]):
            matches.append(_match(text, candidate, "official", self.people[pk].official))
        for candidate in by_kind["state"]:
            state = self.states[candidate.surfaces[0].key]
            matches.append(_match(text, candidate, "state", state))
        for candidate in by_kind["place"]:
            if REGION_AFTER.match(text, candidate.end):
                continue  # "Nizhny Novgorod Region" is a region, not the city
            written = text[candidate.start : candidate.end]
            if len(written) <= 3 and written.isupper():
                continue  # "ОШ" is an abbreviation (of the Joint Staff), not Osh
            matches.append(_match(text, candidate, "place", None))
            city = candidate.surfaces[0].key
            if city not in links.places:
                links.places.append(city)

        taken = Spans((m.start, m.end) for m in matches)
        masks = Spans(scan.people_masks + short_name_lines(text))
        unknown = scan.namesakes + find_unknown_people(text, taken, masks, self, scan.morphology)
        named = set()
        for start, end, name in sorted(unknown):
            if name not in named:
                named.add(name)
                links.unknown_people.append(name)
            matches.append(Match(start, end, "unknown_person", None, text[start:end]))

        matches.sort(key=lambda m: (m.start, -m.end))
        links.matches = matches
        buckets = {"body": links.bodies, "official": links.officials, "state": links.states}
        listed = {kind: set() for kind in buckets}  # the linker's objects, one per pk
        for match in matches:
            bucket = buckets.get(match.kind)
            if bucket is not None and match.obj not in listed[match.kind]:
                listed[match.kind].add(match.obj)
                bucket.append(match.obj)
        return links

    # -- names ----------------------------------------------------------------------------

    def is_first_name(self, word, budget=None):
        """Tell whether a capitalised word is somebody's first name.

        A Cyrillic word past the text's morphology budget (russian.Budget) is not.
        """
        if budget is not None and CYRILLIC.search(word) and not budget.allows(word):
            return False
        if word not in self._first_name_cache:
            self._first_name_cache[word] = self._is_first_name(word)
        return self._first_name_cache[word]

    def _is_first_name(self, word):
        if CYRILLIC.search(word):
            return russian.is_first_name(word)
        key = name_key(word)
        if key in self.known_first_names:
            return True
        if len(key) < 4:
            return False
        # A stricter cutoff than for agreeing first names: this decides what is a name at all.
        found = process.extractOne(key, self.known_first_list, scorer=fuzz.ratio, score_cutoff=85)
        return found is not None

    def first_name_agrees(self, pk, word):
        """Tell whether a first name (or an initial) can be the given official's."""
        return pk in self.agreeing(word)

    def agreeing(self, word):
        """Return the pks of the officials a first name (or an initial) can belong to."""
        if word not in self._agreeing_cache:
            if INITIAL.match(word):
                initial = word[0].lower()
                pks = {pk for pk, known in self.people.items() if initial in known.initials}
            else:
                keys, owners = self.first_index
                found = process.extract(
                    name_key(word),
                    keys,
                    scorer=fuzz.ratio,
                    score_cutoff=names.FIRST_NAME_THRESHOLD,
                    limit=None,
                )
                pks = {owners[index] for _, _, index in found}
            self._agreeing_cache[word] = frozenset(pks)
        return self._agreeing_cache[word]

    def may_be_surname(self, word):
        """Tell whether fuzzy_surname could take the word for a known surname, with any first
        name or none: it comes near one of the surnames written in its script.

        A cheap test in front of the first-name and morphology look-ups, which cost far more
        and would otherwise run for every capitalised word of a text.
        """
        if word not in self._near_surname_cache:
            key = name_key(word)
            script = "cyrillic" if CYRILLIC.search(word) else "latin"
            keys = self.cyrillic_index[0] if script == "cyrillic" else self.latin_index[0]
            cutoff = min(names.SURNAME_THRESHOLD, names.SURNAME_WITH_FIRST_THRESHOLD)
            near = process.extractOne(key, keys, scorer=fuzz.ratio, score_cutoff=cutoff)
            # One letter off a surname of SHORT_SURNAME letters at most, so one letter longer.
            typo = len(key) <= SHORT_SURNAME + 1 and process.extractOne(
                key, self.short_surnames[script], scorer=Levenshtein.distance, score_cutoff=1
            )
            self._near_surname_cache[word] = near is not None or bool(typo)
        return self._near_surname_cache[word]

    def fuzzy_surname(self, word, first=None):
        """Return the pk of the official whose surname a misspelt word most likely is."""
        cache_key = (word, first)
        if cache_key not in self._fuzzy_cache:
            self._fuzzy_cache[cache_key] = self._fuzzy_surname(word, first)
        return self._fuzzy_cache[cache_key]

    def _fuzzy_surname(self, word, first):
        key = name_key(word)
        keys, owners = self.cyrillic_index if CYRILLIC.search(word) else self.latin_index
        if first is None:
            if len(key) < 6 or key in self.first_name_keys:
                return None
            found = process.extract(key, keys, scorer=fuzz.ratio, score_cutoff=80, limit=12)
            scored = {}
            for known, score, index in found:
                if not _truncated(key, known):
                    pk = owners[index]
                    scored[pk] = max(scored.get(pk, 0), score)
            return _best(scored, names.SURNAME_THRESHOLD)
        scored = {}
        exact_first = name_key(first)
        agreeing = self.agreeing(first)
        for pk, known in self.people.items():
            if pk not in agreeing:
                continue
            surnames = known.cyrillic_surnames if CYRILLIC.search(word) else known.latin_surnames
            for surname in surnames:
                if _truncated(key, surname):
                    continue
                score = fuzz.ratio(key, surname)
                # One wrong letter in a short surname (Was for Zas) scores low, but with the
                # exact first name in front it is still a typo.
                short_typo = (
                    len(surname) <= SHORT_SURNAME and Levenshtein.distance(key, surname) <= 1
                )
                if short_typo and exact_first in known.first_keys:
                    score = 100.0
                scored[pk] = max(scored.get(pk, 0), score)
        return _best(scored, names.SURNAME_WITH_FIRST_THRESHOLD)


class _Scan:
    """The state of linking one text."""

    def __init__(self, text, linker, published):
        self.text = text
        self.normal, self.offsets = normalize(text)
        self.linker = linker
        self.published = published
        self.csto = bool(CSTO_CONTEXT.search(self.normal))
        sidebar_masks, credits = masked_spans(text)
        self.people_masks = credits + sidebar_masks
        self.sidebars = Spans(sidebar_masks)
        self.people_masked = Spans(self.people_masks)
        self.namesakes = []  # (start, end, name) of other people with an official's surname
        self._in_full = {}  # body pk -> named by more than an abbreviation
        self.morphology = russian.Budget()  # what this text may have analysed

    def normal_index(self, orig_index):
        """Return the index in the normalised text of an index in the original text."""
        return bisect_left(self.offsets, orig_index)

    # -- automaton hits -------------------------------------------------------------------

    def candidates(self):
        """Return every automaton hit on word boundaries with the surfaces that pass checks."""
        found = []
        normal, offsets = self.normal, self.offsets
        for end, (length, surfaces) in self.linker.automaton.iter(normal):
            start = end - length + 1
            if start > 0 and normal[start - 1].isalnum():
                continue  # "засе" inside "заседание"
            if end + 1 < len(normal) and normal[end + 1].isalnum():
                continue
            orig_start, orig_end = offsets[start], offsets[end] + 1
            if self.sidebars.covers(orig_start):
                continue
            valid = [s for s in surfaces if self._valid(s, orig_start, orig_end, start, end + 1)]
            if valid:
                found.append(_Candidate(orig_start, orig_end, valid))
        return found

    def _valid(self, surface, orig_start, orig_end, start, end):
        written = self.text[orig_start:orig_end]
        if surface.upper and written.upper() != written:
            return False  # "CSC" is an abbreviation, "csc" is not
        if surface.kind == "body":
            return self._valid_body(surface, written, orig_start, orig_end, start, end)
        initial = next((char for char in written if char.isalpha()), "")
        if not initial.isupper():
            return False  # names are capitalised: "путина" is not Putin
        if surface.kind == "official":
            return not self.people_masked.covers(orig_start)
        return True

    def _valid_body(self, surface, written, orig_start, orig_end, start, end):
        text = self.text
        # "Inter-Parliamentary Assembly" is not the Parliamentary Assembly.
        if orig_start > 1 and text[orig_start - 1] in DASHES and text[orig_start - 2].isalnum():
            return False
        if orig_end + 1 < len(text) and text[orig_end] in DASHES and text[orig_end + 1].isalnum():
            return False
        if next_to_secretary(self.normal, start, end):
            return False  # "Secretary of the Security Council" is a national post
        if surface.marked:
            return not foreign_before(self.normal, start)
        if not self.csto:
            return False  # a generic name ("Permanent Council") in a text not about the CSTO
        if surface.upper:
            if normalize_phrase(written) in AMBIGUOUS_ABBREVIATIONS:
                return self._named_in_full(surface.key)
            return True
        return not (
            foreign_before(self.normal, start)
            or foreign_after(text, orig_end)
            or owner_before(text, orig_start)
            or owner_after_ru(text, orig_end, self.morphology)
        )

    def _named_in_full(self, pk):
        """Tell whether a body is named in the text by more than an abbreviation."""
        # Asked for every abbreviation: the text is scanned once per body, not once per ask.
        if pk not in self._in_full:
            self._in_full[pk] = any(
                s.kind == "body" and s.key == pk and not s.upper
                for _, (_, surfaces) in self.linker.automaton.iter(self.normal)
                for s in surfaces
            )
        return self._in_full[pk]

    # -- officials ------------------------------------------------------------------------

    def resolve_officials(self, candidates):
        """Decide which official each name candidate is; return (candidate, pk) pairs."""
        linker = self.linker
        named = set()  # officials named in full somewhere in the text
        resolved, surnames = [], []
        for candidate in candidates:
            full = {s.key for s in candidate.surfaces if not s.single_word}
            if len(full) == 1:
                named |= full
                resolved.append((candidate, full.pop()))
            else:
                pks = list(dict.fromkeys(s.key for s in candidate.surfaces))
                surnames.append((candidate, pks, self._first_name_before(candidate.start)))

        # Somebody else with an official's surname ("Игорь Медведев") makes later bare mentions
        # of that surname his, unless the official is also named in full.
        others = set()
        for candidate, pks, first in surnames:
            if first and not any(linker.first_name_agrees(pk, first[0]) for pk in pks):
                others.update(pk for pk in pks if pk not in named)
                written = self.text[first[1] : candidate.end]
                self.namesakes.append((first[1], candidate.end, " ".join(written.split())))

        for candidate, pks, first in surnames:
            pk = self._resolve_surname(candidate, pks, named, first, others)
            if pk is not None:
                resolved.append((candidate, pk))
        resolved.extend(self._misspelt_people(candidates))
        return sorted(resolved, key=lambda pair: pair[0].start)

    def _resolve_surname(self, candidate, pks, named, first, others):
        linker = self.linker
        if first:
            pks = [pk for pk in pks if linker.first_name_agrees(pk, first[0])]
            if len(pks) <= 1:
                return pks[0] if pks else None
        else:
            pks = [pk for pk in pks if pk not in others]
        if len(pks) > 1:
            in_text = [pk for pk in pks if pk in named]
            return in_text[0] if len(in_text) == 1 else self._disambiguate(candidate, pks)
        if not pks:
            return None
        pk = pks[0]
        if pk in named:
            return pk
        written = self.text[candidate.start : candidate.end]
        if name_key(written) in linker.first_name_keys:
            return None  # "Emomali" alone may be Emomali Rahmon as well as Rustam Emomali
        return pk

    def _disambiguate(self, candidate, pks):
        """Choose between officials sharing a surname: by posts held on the text's date,
        else by words near the name that name one of their posts ("Joint Staff")."""
        people = self.linker.people
        if self.published is not None:
            holding = [
                pk
                for pk in pks
                if any(_held(start, end, self.published) for start, end, _ in people[pk].posts)
            ]
            if len(holding) == 1:
                return holding[0]
            pks = holding or pks
        start = max(0, self.normal_index(candidate.start) - DATE_WINDOW)
        window = self.normal[start : self.normal_index(candidate.end) + DATE_WINDOW]
        scores = {}
        for pk in pks:
            words = {word for _, _, post in people[pk].posts for word in post}
            scores[pk] = sum(1 for word in words if word in window)
        best = max(scores.values(), default=0)
        winners = [pk for pk, score in scores.items() if score == best]
        return winners[0] if best > 0 and len(winners) == 1 else None

    def _first_name_before(self, start):
        """Return (first name or initial, its start) written right before a surname, or None."""
        words = _words_before(self.text, start, 2)
        if not words:
            return None
        word, begin = words[-1]
        if names.looks_like_patronymic(word) and len(words) > 1:
            word, begin = words[-2]  # "Андрей Николаевич Сердюков"
        if INITIAL.match(word) or self.linker.is_first_name(word, self.morphology):
            return word, begin
        return None

    def _misspelt_people(self, candidates):
        """Find misspelt names of known officials among the capitalised words left over."""
        linker = self.linker
        taken = Spans((c.start, c.end) for c in candidates)
        found = []
        for match in CAPITALISED_WORD.finditer(self.text):
            start, end = match.span()
            word = match.group().rstrip("'’")
            if len(word) < 3 or taken.overlaps(start, end):
                continue
            if self.people_masked.covers(start) or (word.isupper() and len(word) < 6):
                continue  # credits; abbreviations
            if not linker.may_be_surname(word):
                continue  # no known surname is near it, whatever name stands before it
            first = self._first_name_before(start)
            if first and taken.overlaps(first[1], start):
                first = None  # the word before belongs to another match
            if first is None:
                if CYRILLIC.search(word) and not russian.is_surname(word, self.morphology):
                    continue
                pk = linker.fuzzy_surname(word)
                if pk is not None:
                    found.append((_Candidate(start, start + len(word), []), pk))
                continue
            pk = linker.fuzzy_surname(word, first[0])
            if pk is not None:
                found.append((_Candidate(first[1], start + len(word), []), pk))
        return found


def _surname_index(people, attribute):
    """Return (keys, owners): every key of a name part (surnames, first names) and the pk of
    the official it belongs to."""
    pairs = sorted({(key, pk) for pk, known in people.items() for key in getattr(known, attribute)})
    return [key for key, _ in pairs], [pk for _, pk in pairs]


def _truncated(key, known):
    """Tell whether one surname is the other plus an ending: Serdyuk/Serdyukov, Ivanov/Ivanova.

    Those are different people (or a woman of the family), not a misspelling.
    """
    if key == known:
        return False
    shorter, longer = sorted((key, known), key=len)
    return longer.startswith(shorter) and len(longer) - len(shorter) >= 1


def _best(scored, threshold):
    """Return the best-scoring pk if it passes the threshold and clearly beats the next one."""
    ranked = sorted(scored.items(), key=lambda item: -item[1])
    if not ranked or ranked[0][1] < threshold:
        return None
    if len(ranked) > 1 and ranked[0][1] - ranked[1][1] < names.SURNAME_MARGIN:
        return None
    return ranked[0][0]


def _nested_bodies(scan, candidates, chosen):
    """Return bodies named inside a longer body's name after "under"/"при"."""
    # The candidates by start, so that each outer name looks only at those starting inside it.
    order = sorted(range(len(candidates)), key=lambda index: candidates[index].start)
    starts = [candidates[index].start for index in order]
    nested = []
    for outer in chosen:
        outer_key = outer.surfaces[0].key
        first = bisect_right(starts, outer.start)
        inside = []
        for position in range(first, bisect_left(starts, outer.end)):
            if candidates[order[position]].end <= outer.end:
                inside.append(order[position])
        for inner in (candidates[index] for index in sorted(inside)):
            surfaces = [s for s in inner.surfaces if s.kind == "body" and s.key != outer_key]
            if surfaces and _under_before(scan.normal, scan.normal_index(inner.start)):
                nested.append(_Candidate(inner.start, inner.end, surfaces))
    return nested


def _under_before(normal, end):
    """Tell whether "under"/"at"/"при" (and "the") end right before `end` in the normal text."""
    # In the normal text spaces are single, so a match is at most UNDER_LONGEST long (the
    # word boundary it opens with still sees the character before the window).
    return bool(UNDER.search(normal, max(0, end - UNDER_LONGEST), end))


def _longest(candidates):
    """Keep the longest candidates that do not overlap, in text order."""
    chosen = []
    taken = Occupied(max((c.end for c in candidates), default=0))
    for candidate in sorted(candidates, key=lambda c: (c.start - c.end, c.start)):
        if not taken.overlaps(candidate.start, candidate.end):
            taken.add(candidate.start, candidate.end)
            chosen.append(candidate)
    return sorted(chosen, key=lambda c: c.start)


def _held(start, end, day):
    return start is not None and start <= day and (end is None or day <= end)


def _match(text, candidate, kind, obj):
    return Match(candidate.start, candidate.end, kind, obj, text[candidate.start : candidate.end])


def _words_before(text, index, count):
    """Return up to `count` capitalised (word, start) pairs right before an index."""
    words = []
    position = index
    while len(words) < count:
        gap = position
        while gap > 0 and text[gap - 1] in " \u00a0":
            gap -= 1
        if gap == position or position - gap > 2 or gap == 0:
            break
        begin = gap
        while begin > 0 and (text[begin - 1].isalnum() or text[begin - 1] in ".-'’"):
            begin -= 1
        word = text[begin:gap]
        if not word or not word[0].isupper():
            break
        words.insert(0, (word, begin))
        position = begin
    return words


def _parse_date(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None
