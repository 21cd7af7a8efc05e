"""Latin letters for Russian words, so that Russian titles give readable slugs."""

from django.utils.text import slugify

LETTERS = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "e",
            "zh",
            "z",
            "i",
            "y",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "ts",
            "ch",
            "sh",
            "shch",
            "",
            "y",
            "",
            "e",
            "yu",
            "ya",
        ],
        strict=True,
    )
)


def transliterate(text):
    """Spell Cyrillic letters with Latin ones; leave everything else as it is."""
    out = []
    for ch in text:
        latin = LETTERS.get(ch.lower())
        if latin is None:
            out.append(ch)
        else:
            out.append(latin.capitalize() if ch.isupper() else latin)
    return "".join(out)


def slug_for(title, max_length=80):
    """Return an ASCII slug for a title in English or Russian, cut at a word boundary."""
    slug = slugify(transliterate(title))
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0]
    return slug or "item"


def free_slug(title, queryset):
    """Return the slug of a title, numbered -2, -3... if the queryset already uses it."""
    base = slug_for(title)
    taken = set(queryset.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug
