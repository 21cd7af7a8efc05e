"""Template context shared by every page."""

from django.conf import settings
from django.urls import reverse, translate_url
from django.utils.translation import get_language, override

from .parameters import canonical_path

SECTIONS = {
    "statement": "statements",
    "official": "officials",
    "body": "bodies",
    "state": "states",
    "corrections": "corrections",
    "meeting": "meetings",
    "document": "meetings",
    "calendar": "meetings",
}


def section(request):
    """Name the part of the site a page belongs to, so the menu can mark it."""
    match = getattr(request, "resolver_match", None)
    if match is None or match.app_name not in ("news", "people"):
        return {"section": ""}
    prefix = match.url_name.split("_")[0]
    return {"section": SECTIONS.get(prefix, "news")}


def error_page_links():
    """The head and switcher of an error page: the switcher leads home in each language,
    and nothing names the refused address (a draft's, say) or asks to index it."""
    links = []
    for code, _name in settings.LANGUAGES:
        with override(code):
            links.append((code, reverse("home")))
    return {"language_links": links, "alternate_links": [], "canonical_url": ""}


def language_links(request):
    """Give the address of this very page in each interface language, for the switcher,
    and the same as full addresses for the head: search engines want absolute hreflang
    alternates and canonical link (the page itself, in its language, without junk)."""
    if getattr(request, "resolver_match", None) is None:
        return error_page_links()
    path = canonical_path(request)  # what the page reads, without junk parameters
    links = [(code, translate_url(path, code)) for code, _name in settings.LANGUAGES]
    alternates = [(code, request.build_absolute_uri(url)) for code, url in links]
    current = get_language()
    return {
        "language_links": links,
        "alternate_links": alternates,
        "canonical_url": next(
            (url for code, url in alternates if code == current), request.build_absolute_uri(path)
        ),
    }
