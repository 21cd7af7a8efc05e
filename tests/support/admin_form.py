"""Fill in an admin change form as a browser would: for the tests and the soak test's editors."""

import re
from html.parser import HTMLParser

MARKER = re.compile(r"\s*\[soak [^\]]*\]\Z")


def edited(fields, marker, reason):
    """Return the form's fields with the marker at the end of the text and the reason given."""
    result = []
    for name, value in fields:
        if name == "text":
            value = f"{MARKER.sub('', value)} [soak {marker}]"
        elif name in ("change_reason", "change_kind"):
            continue
        result.append((name, value))
    return [*result, ("change_reason", reason), ("change_kind", "minor")]


def form_fields(html, form_id):
    """Return the (name, value) pairs a browser would submit from the form with this id."""
    parser = FormParser(form_id)
    parser.feed(html)
    parser.close()
    return parser.fields


class FormParser(HTMLParser):
    """Collect a form's successful controls: inputs, checked boxes, selected options, texts."""

    SKIPPED = {"submit", "button", "image", "reset", "file"}

    def __init__(self, form_id):
        super().__init__()
        self.form_id = form_id
        self.inside = False
        self.fields = []
        self.select = None  # [name, multiple, selected values, first value]
        self.textarea = None  # [name, text parts]
        self.option = None  # [value or None, text parts, selected]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text").lower()
            if kind in self.SKIPPED or (kind in ("checkbox", "radio") and "checked" not in attrs):
                return
            self.fields.append((name, attrs.get("value") or ("on" if kind == "checkbox" else "")))
        elif tag == "select" and name:
            self.select = [name, "multiple" in attrs, [], None]
        elif tag == "option" and self.select:
            self.option = [attrs.get("value"), [], "selected" in attrs]
        elif tag == "textarea" and name:
            self.textarea = [name, []]

    def handle_data(self, data):
        if self.textarea:
            self.textarea[1].append(data)
        elif self.option:
            self.option[1].append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "option" and self.option:
            self.close_option()
        elif tag == "select" and self.select:
            self.close_option()
            name, multiple, selected, first = self.select
            if not selected and not multiple and first is not None:
                selected = [first]
            self.fields.extend((name, value) for value in selected)
            self.select = None
        elif tag == "textarea" and self.textarea:
            name, parts = self.textarea
            # A browser drops the newline that follows the opening tag.
            self.fields.append((name, re.sub(r"\A\r?\n", "", "".join(parts))))
            self.textarea = None

    def close_option(self):
        if self.option is None:
            return
        value, parts, selected = self.option
        value = "".join(parts).strip() if value is None else value
        if self.select[3] is None:
            self.select[3] = value
        if selected:
            self.select[2].append(value)
        self.option = None
