"""Filters of the officials list."""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import ArchiveFilterSet, SearchFilter
from core.search import text_query

from .models import Body, MemberState, Official, Position


class OfficialFilter(ArchiveFilterSet):
    q = SearchFilter(label=_("Name"))
    state = django_filters.ModelChoiceFilter(
        field_name="country",
        to_field_name="slug",
        queryset=MemberState.objects.all(),
        label=_("State"),
    )
    body = django_filters.ModelChoiceFilter(
        method="filter_body",
        to_field_name="slug",
        queryset=Body.objects.all(),
        label=_("Body"),
    )
    post = django_filters.ChoiceFilter(
        method="filter_post", choices=Position.Title.choices, label=_("Current post")
    )

    class Meta:
        model = Official
        fields = ["q", "state", "body", "post"]

    def filter_search(self, queryset, name, value):
        # Officials have no full-text index: names and aliases are matched word by word.
        if not value.strip():
            return queryset
        return queryset.filter(text_query(value, ["name", "name_ru", "aliases"]))

    def filter_body(self, queryset, name, value):
        return queryset.filter(positions__body=value).distinct()

    def filter_post(self, queryset, name, value):
        return queryset.filter(
            pk__in=Position.objects.current().filter(title=value).values("official")
        )
