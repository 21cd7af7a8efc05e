"""What every filtered public list shares: the filter-set base with search, the year and
search filters, quick selects, and the rule that a refused filter is a 400 for feeds and
downloads."""

import re
from dataclasses import dataclass

import django_filters
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.forms.models import ModelChoiceIterator
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from .caching import cached_value
from .http import RequestError

FIRST_YEAR, LAST_YEAR = 1992, 2100
MAX_QUERY_LENGTH = 200
NO_CONTROL_CHARACTERS = RegexValidator(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f]",
    inverse_match=True,
    message=_("Remove the control characters from the search."),
)


@dataclass
class Facet:
    label: str
    count: int
    query: str  # the query string of the list with this value toggled
    active: bool


class YearInput(forms.NumberInput):
    """A number input that never writes back a refused value such as "abc": HTML allows
    only a number in an input of type number. The error message names what was refused."""

    def format_value(self, value):
        value = super().format_value(value)
        if value is None or re.fullmatch(r"-?[0-9]+", str(value).strip()):
            return value
        return None


class YearFilter(django_filters.NumberFilter):
    """A calendar year; anything outside the archive's range is a form error, not a 500."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, lookup_expr="year", **kwargs)
        self.extra["validators"] = [MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
        self.extra["widget"] = YearInput


class SearchFilter(django_filters.CharFilter):
    """Words that must all occur in the searchable fields."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Search"))
        super().__init__(*args, method="filter_search", max_length=MAX_QUERY_LENGTH, **kwargs)
        # Control characters mean nothing in a search, and XML (the feed of a search) cannot
        # hold them.
        self.extra["validators"] = [NO_CONTROL_CHARACTERS]


class QuickSelect(forms.Select):
    """A select rendered in Python: Django renders each option through a template, which
    for the officials list costs a reader more than the search itself."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = {str(v) for v in (value if isinstance(value, (list, tuple)) else [value])}
        attrs = self.build_attrs(self.attrs, attrs)
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (key, mark_safe(" selected") if str(key) in chosen else "", label)
                for key, label in self.choices
            ),
        )
        return format_html(
            '<select name="{}"{}{}>{}</select>',
            name,
            flatatt(attrs),
            mark_safe(" multiple") if self.allow_multiple_selected else "",
            options,
        )


class QuickSelectMultiple(QuickSelect, forms.SelectMultiple):
    allow_multiple_selected = True


def reader_choices(field):
    """Return a model field's choices as the reader's language names them (Russian names on
    Russian pages), in that language's alphabetical order, the empty choice first."""
    field.label_from_instance = lambda obj: getattr(obj, "display_name", None) or str(obj)
    choices = [(str(value), str(label)) for value, label in field.choices]
    empty = [choice for choice in choices if choice[0] == ""]
    named = sorted((c for c in choices if c[0] != ""), key=lambda c: c[1].casefold())
    return empty + named


class FilterError(RequestError):
    """Filters a list refused: a feed or a download of them is a 400 saying which and why."""


class ArchiveFilterSet(django_filters.FilterSet):
    """Shared behaviour: text search and the list of active filters with removal links."""

    def __init__(self, *args, version=None, **kwargs):
        # The archive version, when the caller knows it, lets the choices of people and
        # bodies be read once per version instead of on every page.
        self.version = version
        super().__init__(*args, **kwargs)

    @property
    def form(self):
        form = super().form
        if not getattr(form, "quick_selects", False):
            for name, field in form.fields.items():
                widget = field.widget
                if isinstance(widget, forms.Select) and not isinstance(widget, QuickSelect):
                    quick = QuickSelectMultiple if widget.allow_multiple_selected else QuickSelect
                    field.widget = quick(attrs=widget.attrs, choices=self.choices(name, field))
            form.quick_selects = True
        return form

    def choices(self, name, field):
        """Return the field's choices; those read from the database, once per version."""
        if not isinstance(field, forms.ModelChoiceField):
            return field.widget.choices
        if self.version is None:
            return reader_choices(field)
        key = ("choices", type(self).__name__, name, get_language())
        return cached_value(self.version, key, lambda: reader_choices(field))

    def check(self):
        """Raise FilterError, one line per filter, when the filters given are refused.

        A page shows the refusal in its form; a feed or download has no form to show it in.
        """
        if self.is_bound and not self.is_valid():
            lines = [gettext("These filters could not be used:")]
            lines += [f"{name}: {' '.join(errors)}" for name, errors in self.form.errors.items()]
            raise FilterError("\n".join(lines) + "\n")
        return self

    def filter_search(self, queryset, name, value):
        return queryset.search(value) if value.strip() else queryset

    def active_filters(self):
        """Return (label, value shown, query string without it) for each active filter value."""
        if not self.is_bound or not self.is_valid():
            return []
        active = []
        for name, field in self.form.fields.items():
            # The values the form read, validated: a single-value filter given twice reads
            # its last value only, and the others may be anything (a NUL, say).
            used = field.widget.value_from_datadict(self.data, {}, self.form.add_prefix(name))
            for raw in used if isinstance(used, list) else [used]:
                if raw is None or not raw.strip():
                    continue  # blank (spaces and control characters are blank to the form)
                shown = self.describe(name, raw.strip())
                active.append((field.label, shown, self.query_without(name, raw)))
        return active

    def describe(self, name, raw):
        """Return how a raw filter value reads on the page (a body's name for its slug...)."""
        field = self.form.fields[name]
        queryset = getattr(field, "queryset", None)
        if queryset is not None:
            obj = queryset.filter(slug=raw).first()
            return obj.display_name if obj else raw
        choices = dict(getattr(field, "choices", []))
        return str(choices.get(raw, raw))

    def chosen(self):
        """Return the filters given, as a key: names the set reads, sorted, blanks left out."""
        return sorted(
            (name, sorted(value for value in self.data.getlist(name) if value.strip()))
            for name in self.filters
            if any(value.strip() for value in self.data.getlist(name))
        )

    def query_without(self, name, value=None):
        """Return the query string of the current filters minus one value (or one filter)."""
        pairs = [
            (key, item)
            for key in self.data
            if key != "page" and key in self.filters  # a parameter no filter reads is junk
            for item in self.data.getlist(key)
            if not (key == name and (value is None or item == value))
        ]
        return urlencode(pairs)

    def query_with(self, name, value):
        """Return the query string of the current filters with one value set in place of others."""
        pairs = [
            (key, item)
            for key in self.data
            if key not in ("page", name) and key in self.filters
            for item in self.data.getlist(key)
        ]
        return urlencode([*pairs, (name, value)])


class ListedChoiceIterator(ModelChoiceIterator):
    """A choice list read in one query.

    Django reads a model choice field's options with `.iterator()`, which on PostgreSQL is
    a server-side cursor: DECLARE, FETCH and CLOSE, three round trips for a few dozen bodies
    or officials, on every list page built anew.
    """

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:
            yield self.choice(obj)


class ListedModelChoiceField(forms.ModelChoiceField):
    iterator = ListedChoiceIterator


class ListedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    iterator = ListedChoiceIterator


class ModelChoiceFilter(django_filters.ModelChoiceFilter):
    """django-filter's, with its options read in one query (`ListedChoiceIterator`)."""

    field_class = ListedModelChoiceField


class ModelMultipleChoiceFilter(django_filters.ModelMultipleChoiceFilter):
    """django-filter's, with its options read in one query (`ListedChoiceIterator`)."""

    field_class = ListedModelMultipleChoiceField
