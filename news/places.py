"""Place names in the reader's language, from the importer's gazetteer (one list of places:
what the importer recognises is what the pages can name in Russian)."""

import re
from functools import lru_cache

from django.utils.translation import get_language

CYRILLIC = re.compile(r"[А-Яа-яЁё]")


@lru_cache(maxsize=1)
def russian_names():
    """Return {English name or spelling: Russian name} (the first Cyrillic variant listed)."""
    # Imported here: the importer's modules load its morphology, which pages never need.
    from .importer.places import CITIES

    names = {}
    for canonical, variants in CITIES.items():
        russian = next((v for v in variants if CYRILLIC.search(v)), None)
        if russian:
            for spelling in [canonical, *variants]:
                if not CYRILLIC.search(spelling):
                    names[spelling.casefold()] = russian
    return names


def place_name(place):
    """Return the place as the reader's language writes it; a place the gazetteer does not
    know stays as the editor typed it."""
    if place and get_language() == "ru":
        return russian_names().get(place.strip().casefold(), place)
    return place
