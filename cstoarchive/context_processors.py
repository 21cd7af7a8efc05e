"""Template context shared by every page."""

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
