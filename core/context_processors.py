"""Template context shared by every page."""

from django.conf import settings
from django.urls import translate_url

from .parameters import canonical_path

SECTIONS = {
    "statement": "statements",
    "official": "officials",
    "body": "bodies",
    "state": "states",
    "corrections": "corrections",
}


def section(request):
    """Name the part of the site a page belongs to, so the menu can mark it."""
    match = getattr(request, "resolver_match", None)
    if match is None or match.app_name not in ("news", "people"):
        return {"section": ""}
    prefix = match.url_name.split("_")[0]
    return {"section": SECTIONS.get(prefix, "news")}


def language_links(request):
    """Give the address of this very page in each interface language, for the switcher."""
    path = canonical_path(request)  # what the page reads, without junk parameters
    return {
        "language_links": [(code, translate_url(path, code)) for code, _name in settings.LANGUAGES]
    }
