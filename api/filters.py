"""Filters of the API lists that have no public page; the others reuse the pages' FilterSets."""

import copy

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from core.filters import ModelChoiceFilter
from news.filters import NewsFilter
from people.filters import DocumentFilter, MeetingFilter, OfficialFilter
from people.models import Body, MemberState, Official, Position


def as_slugs(filterset, name):
    """Return a copy of a page's filter by related records, declared to the schema as slugs
    (the schema generator cannot tell the type of a choice among rows)."""
    return extend_schema_field(OpenApiTypes.STR)(copy.deepcopy(filterset.base_filters[name]))


class NewsApiFilter(NewsFilter):
    """The news page's filters."""

    body = as_slugs(NewsFilter, "body")


class MeetingApiFilter(MeetingFilter):
    """The meetings page's filters (body, year, place, state)."""

    body = as_slugs(MeetingFilter, "body")
    state = as_slugs(MeetingFilter, "state")


class DocumentApiFilter(DocumentFilter):
    """The documents page's filters (kind, year, body, status)."""

    body = as_slugs(DocumentFilter, "body")


class SlugFilterMixin(django_filters.FilterSet):
    slug = django_filters.CharFilter(max_length=200, label=_("Slug"))


class OfficialApiFilter(SlugFilterMixin, OfficialFilter):
    """The officials page's filters (q, state, body, post), and a slug."""

    body = as_slugs(OfficialFilter, "body")

    class Meta(OfficialFilter.Meta):
        fields = [*OfficialFilter.Meta.fields, "slug"]


class BodyFilter(SlugFilterMixin):
    kind = django_filters.ChoiceFilter(choices=Body.Kind.choices, label=_("Kind"))

    class Meta:
        model = Body
        fields = ["kind", "slug"]


class StateFilter(SlugFilterMixin):
    class Meta:
        model = MemberState
        fields = ["slug"]


class PositionFilter(django_filters.FilterSet):
    official = ModelChoiceFilter(
        to_field_name="slug", queryset=Official.objects.all(), label=_("Official")
    )
    body = ModelChoiceFilter(to_field_name="slug", queryset=Body.objects.all(), label=_("Body"))
    state = ModelChoiceFilter(
        to_field_name="slug", queryset=MemberState.objects.all(), label=_("State")
    )
    title = django_filters.ChoiceFilter(choices=Position.Title.choices, label=_("Title"))
    on = django_filters.DateFilter(method="filter_on", label=_("Held on"))

    class Meta:
        model = Position
        fields = ["official", "body", "state", "title", "on"]

    def filter_on(self, queryset, name, value):
        return queryset.on(value)
