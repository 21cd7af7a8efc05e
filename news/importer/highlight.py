"""Show an editor which words the importer matched."""

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe


def highlight(text, matches):
    """Return the text as HTML with each matched span in a <mark> naming what it matched."""
    parts, position = [], 0
    for match in sorted(matches, key=lambda m: (m.start, -m.end)):
        if match.start < position:
            continue  # overlapping spans: the earlier, longer one is already shown
        parts.append(escape(text[position : match.start]))
        label = str(match.obj) if match.obj is not None else match.kind.replace("_", " ")
        parts.append(
            format_html(
                '<mark class="match-{}" title="{}">{}</mark>',
                match.kind,
                label,
                text[match.start : match.end],
            )
        )
        position = match.end
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))  # every piece above is escaped
