"""Show an editor which words the importer matched."""

from django.utils.html import escape
from django.utils.safestring import mark_safe


def highlight(text, matches):
    """Return the text as HTML with each matched span in a <mark> naming what it matched."""
    parts, position = [], 0
    labels = {}  # (kind, id of the matched object) -> the escaped title, made once
    for match in sorted(matches, key=lambda m: (m.start, -m.end)):
        if match.start < position:
            continue  # overlapping spans: the earlier, longer one is already shown
        parts.append(escape(text[position : match.start]))
        key = (match.kind, id(match.obj))
        if key not in labels:
            label = str(match.obj) if match.obj is not None else match.kind.replace("_", " ")
            labels[key] = (escape(match.kind), escape(label))
        kind, label = labels[key]
        matched = escape(text[match.start : match.end])
        parts.append(f'<mark class="match-{kind}" title="{label}">{matched}</mark>')
        position = match.end
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))  # every piece above is escaped
