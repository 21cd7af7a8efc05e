"""Context rules of the linker: CSTO context, foreign organisations, credits and sidebars."""

import re

# The text is about the CSTO at all; generic names ("Secretariat") need this.
CSTO_CONTEXT = re.compile(
    r"(?<!\w)(?:csto|одкб|odkb|collective security treaty|"
    r"договора? о коллективной безопасности)(?!\w)"
)

# Organisations whose councils, secretariats and assemblies share names with the CSTO's.
_FOREIGN_EN = (
    r"cis|commonwealth of independent states|sco|shanghai cooperation organi[sz]ation|un|"
    r"united nations|osce|nato|eu|european union|union state|brics|eaeu|eeu|"
    r"eurasian economic union|council of europe|arab league|african union|asean|gcc|oic|"
    r"interparliamentary assembly|ipa"
)
_FOREIGN_RU = (
    r"снг|содружества независимых государств|шос|шанхайской организации сотрудничества|"
    r"оон|обсе|нато|ес|евросоюза|европейского союза|союзного государства|брикс|еаэс|"
    r"евразийского экономического союза|совета европы|мпа"
)
_FOREIGN = rf"(?:{_FOREIGN_EN}|{_FOREIGN_RU})"
FOREIGN_BEFORE = re.compile(rf"(?:^|[^\w])(?:the )?{_FOREIGN}(?:'s|')? ?$")
FOREIGN_AFTER_NORMAL = re.compile(
    rf"^ ?(?:(?:of|at|under|in) (?:the )?|"
    rf"(?:государств|стран)-?(?:участников|членов|участниц)? ?)?"
    rf"(?:(?:member|participating) (?:states|countries|nations) of (?:the )?)?{_FOREIGN}(?!\w)"
)
# "Joint Staff of the Armed Forces": a generic English name owned by something else.
OF_SOMETHING = re.compile(r"^\s+of\s+(?:the\s+)?([A-Z][\w'’-]*)(?:\s+(\w+))?")
CSTO_OWNERS = {
    "csto",
    "collective",
    "organization",
    "organisation",
    "organization's",
    "organization’s",
    "member",
    "members",
    "participating",
    "treaty",
    "odkb",
    "ctso",
}

# Posts -> words near a name that point at the person holding them (normalised text).
TITLE_WORDS = {
    "secretary_general": ("secretary general", "secretary-general", "генеральн", "генсек"),
    "acting_secretary_general": ("acting secretary", "исполняющ", "и.о."),
    "deputy_secretary_general": ("deputy secretary", "заместител"),
    "chief_of_joint_staff": ("joint staff", "объединенн", "штаб", "chief of staff"),
    "president": ("president", "президент", "head of state", "глава государства"),
    "prime_minister": ("prime minister", "premier", "премьер"),
    "foreign_minister": ("foreign minister", "foreign affairs", "иностранных дел", "глава мид"),
    "defence_minister": (
        "defence minister",
        "defense minister",
        "minister of defen",
        "министр обороны",
        "министра обороны",
        "минобороны",
        "defence ministry",
        "defense ministry",
    ),
    "security_council_secretary": ("security council", "совета безопасности", "совбез"),
    "pa_chairman": ("parliamentary assembly", "парламентской ассамбле", "speaker", "спикер"),
    "permanent_representative": ("permanent representative", "постоянный представител"),
    "press_secretary": ("press secretary", "spokesman", "пресс-секретар"),
}

# Words of post notes and body names too common to tell two people apart.
GENERIC_POST_WORDS = frozenset(
    """
    russia russian federation council organization collective security treaty member states
    state chairman deputy first minister ministry national assembly republic
    """.split()
)

# Lines that introduce unrelated teasers: what follows them up to a blank line is skipped.
SIDEBAR_MARKERS = {
    "важно",
    "главное",
    "читайте также",
    "читайте еще",
    "по теме",
    "новости по теме",
    "материалы по теме",
    "еще по теме",
    "другие новости",
    "последние новости",
    "популярное",
    "новости партнеров",
    "выбор читателей",
    "статьи",
    "рекомендуем",
    "read also",
    "also read",
    "read more",
    "see also",
    "related",
    "related news",
    "related articles",
    "most read",
    "most popular",
    "popular",
    "latest news",
    "more news",
    "top news",
    "you may also like",
}
# "Read also: <headline>" on one line.
SIDEBAR_PREFIXES = {
    "read also",
    "also read",
    "read more",
    "see also",
    "related",
    "читайте также",
    "читайте еще",
    "по теме",
}

# Credits and bylines: the people in them are journalists and photographers, not officials.
CREDIT_LINE = re.compile(
    r"^\s*(?:(?i:photos?|фото|photographer|фотограф|author|автор|text|текст|source|источник|"
    r"editor|редактор|перевод)\s*[:©/]|"
    r"(?i:photo|translation|translated|editing|edited|text|written|reported)\s+(?i:by)\s|"
    r"(?:By|BY|Автор)\s+[A-ZА-ЯЁ]|©|@)"
)
CREDIT_INLINE = re.compile(
    r"(?:photo|фото|photograph|©)\s*(?:by\s*)?[:/©][^\n]*|@\w+/[^\n]*", re.IGNORECASE
)
# "Caption / Photographer, Outlet" at the end of a short line.
CREDIT_AFTER_SLASH = re.compile(r" / [A-ZА-ЯЁ][^\n/]{0,60}$", re.MULTILINE)
LINE = re.compile(r"[^\n]*\n?")
SIDEBAR_PREFIX = re.compile(r"^\s*[^:\n]{3,25}:\s*\S")


def foreign_before(normal, start):
    """Tell whether another organisation's name stands right before a match."""
    return bool(FOREIGN_BEFORE.search(normal[max(0, start - 50) : start]))


def foreign_after(text, end):
    """Tell whether a match is followed by another owner ("of the CIS", "СНГ", "of the Army")."""
    from .normalize import normalize_phrase

    after = text[end : end + 80]
    if FOREIGN_AFTER_NORMAL.search(" " + normalize_phrase(after)):
        return True
    owner = OF_SOMETHING.match(after)
    if not owner:
        return False
    if owner.group(1).lower() not in CSTO_OWNERS:
        return True
    # "of the Organization for Security and Co-operation in Europe" is the OSCE.
    return owner.group(1).lower().startswith("organi") and owner.group(2) in ("for", "of")


# Words that may stand capitalised right before a generic body name without owning it.
NEUTRAL_BEFORE = {
    "the", "a", "an", "this", "that", "its", "their", "our", "next", "new", "last", "first",
    "regular", "extraordinary", "upcoming", "enlarged", "expanded", "informal", "online",
    "at", "in", "of", "by", "from", "with", "to", "for", "and", "on", "under", "meeting",
    "session", "sessions", "members", "member", "today", "yesterday", "earlier", "later",
    "meanwhile", "also", "then", "now", "however", "moreover", "besides", "thus", "when",
    "while", "after", "before", "during", "if", "as", "since", "where", "whereas",
}  # fmt: skip
WORD_BEFORE = re.compile(r"([\w'’.()-]+)[ \u00a0]+$")
OWNER_SHAPE = re.compile(r"^[A-Z][a-z]+(?:an|ese|ish|ic|ab|kh|yz|ik|ek|i)$|^[A-Z]{2,6}$|['’]s$")
CSTO_OWNER_WORD = re.compile(r"(?i)organi[sz]ation|treaty|csto|odkb|одкб")
RU_OWNERS_OK = re.compile(r"^(?:одкб|организаци|договор)", re.IGNORECASE)
RU_NEXT_WORD = re.compile(r"^[ \u00a0]+([А-ЯЁ][а-яё]+)")
SECRETARY_BEFORE = re.compile(r"(?:secretar(?:y|ies)|секретар[а-я]*)(?: of)?(?: the)? $")
SECRETARY_AFTER = re.compile(r"^(?:'s)? ?(?:secretar(?:y|ies)\b|секретар)")


def owner_before(text, start):
    """Tell whether an English word that owns the name stands before it ("Asian", "PACE")."""
    found = WORD_BEFORE.search(text[max(0, start - 60) : start])
    if not found:
        return False
    word = found.group(1).strip("()")
    if not word or not word[0].isupper() or word.lower() in NEUTRAL_BEFORE:
        return False
    if CSTO_OWNER_WORD.search(word):
        return False
    # Only words that look like an owner: a nationality or region, an acronym, a possessive.
    # Title-case headlines ("Lavrov Addresses Permanent Council") must not count.
    return bool(OWNER_SHAPE.search(word))


def owner_after_ru(text, end, budget=None):
    """Tell whether a Russian generic name is followed by its owner in the genitive.

    A word past the text's morphology budget (see russian.Budget) is taken for an owner:
    unread, the generic name is not claimed for the CSTO.
    """
    found = RU_NEXT_WORD.match(text[end : end + 40])
    if not found:
        return False
    word = found.group(1)
    if RU_OWNERS_OK.match(word):
        return False
    from .russian import word_tags

    if budget is not None and not budget.allows(word):
        return True
    return "gent" in word_tags(word)


def next_to_secretary(normal, start, end):
    """Tell whether a council name is part of "Secretary of the Security Council"."""
    return bool(
        SECURITY_COUNCIL.search(normal[start:end])
        and (
            SECRETARY_BEFORE.search(normal[max(0, start - 30) : start])
            or SECRETARY_AFTER.search(normal[end : end + 20])
        )
    )


SECURITY_COUNCIL = re.compile(r"security council|совет[а-я]* безопасности")


def masked_spans(text):
    """Return (sidebar spans, credit spans) of a text as (start, end) pairs.

    Sidebar teasers are skipped for everything; credits only for people.
    """
    sidebars, credits = [], []
    lines = [(m.start(), m.end(), m.group()) for m in LINE.finditer(text) if m.group()]
    i = 0
    while i < len(lines):
        start, end, line = lines[i]
        stripped = line.strip().rstrip(":").strip().lower()
        if stripped in SIDEBAR_MARKERS:
            j = i + 1
            while j < len(lines) and not lines[j][2].strip():
                j += 1  # blank lines after the marker
            k = j
            while k < len(lines) and lines[k][2].strip():
                k += 1  # the teaser block itself
            if k > j:
                sidebars.append((lines[j][0], lines[k - 1][1]))
            i = k
            continue
        if SIDEBAR_PREFIX.match(line) and stripped.split(":")[0] in SIDEBAR_PREFIXES:
            sidebars.append((start, end))  # "Read also: <headline>" on one line
            i += 1
            continue
        if CREDIT_LINE.match(line):
            credits.append((start, end))
        else:
            for found in CREDIT_INLINE.finditer(line):
                credits.append((start + found.start(), start + found.end()))
            if len(line.split()) <= 16:
                for found in CREDIT_AFTER_SLASH.finditer(line.rstrip("\n")):
                    credits.append((start + found.start(), start + found.end()))
        i += 1
    return sidebars, credits


NAME_LINE = re.compile(
    r"^[ \t]*[A-ZА-ЯЁ][a-zа-яё]+(?:-[A-ZА-ЯЁ][a-zа-яё]+)? [A-ZА-ЯЁ][a-zа-яё]+"
    r"(?: [A-Z][a-z]+)?[ \t]*$",
    re.MULTILINE,
)


def short_name_lines(text):
    """Return spans of lines that hold nothing but a name and maybe a section: bylines."""
    return [m.span() for m in NAME_LINE.finditer(text)]
