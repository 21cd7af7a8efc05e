"""Filters of the officials, meetings and documents lists."""

import django_filters
from django.db.models import Count, Exists, OuterRef
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.filters import (
    ArchiveFilterSet,
    Facet,
    ModelChoiceFilter,
    SearchFilter,
    YearFilter,
)
from core.functions import Year
from core.search import text_query

from .meetings import took_part
from .models import Body, Document, DocumentEvent, Meeting, MemberState, Official, Position


class OfficialFilter(ArchiveFilterSet):
    q = SearchFilter(label=_("Name"))
    state = ModelChoiceFilter(
        field_name="country",
        to_field_name="slug",
        queryset=MemberState.objects.all(),
        label=_("State"),
    )
    body = ModelChoiceFilter(
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
        # EXISTS, not a join and DISTINCT: an official with several posts there is one row.
        return queryset.filter(Exists(Position.objects.filter(official=OuterRef("pk"), body=value)))

    def filter_post(self, queryset, name, value):
        return queryset.filter(
            pk__in=Position.objects.current().filter(title=value).values("official")
        )


class FacetedFilterSet(ArchiveFilterSet):
    """Counts per body and per year of the list without the facet's own filter."""

    facet_date = "date"
    facet_body = "body"

    def facet_queryset(self, without):
        """Return the rows matching every filter except one, for that filter's counts."""
        if not self.is_bound:
            return self.queryset
        if not self.is_valid():
            return self.queryset.none()
        queryset = self.queryset
        for name, value in self.form.cleaned_data.items():
            if name != without:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def facet(self, name, value, label, count):
        """Build a Facet whose link selects the value, or removes it when already chosen."""
        active = value in self.data.getlist(name)
        query = self.query_without(name, value) if active else self.query_with(name, value)
        return Facet(label, count, query, active)

    def body_facets(self):
        rows = (
            self.facet_queryset("body")
            .order_by()
            .values_list(self.facet_body)
            .annotate(n=Count("pk", distinct=True))
        )
        counts = {body: n for body, n in rows if body is not None}
        bodies = sorted(Body.objects.filter(pk__in=counts), key=lambda b: b.display_name)
        return [self.facet("body", b.slug, b.display_name, counts[b.pk]) for b in bodies]

    def year_facets(self):
        rows = (
            self.facet_queryset("year")
            .order_by()
            .annotate(y=Year(self.facet_date))
            .values_list("y")
            .annotate(n=Count("pk", distinct=True))
            .values_list("y", "n")
            .order_by("-y")
        )
        return [self.facet("year", str(year), str(year), n) for year, n in rows]


def meeting_places():
    """The places meetings were held in, as choices (English values, the reader's names)."""
    rows = Meeting.objects.exclude(place="").order_by("place").values_list("place", "place_ru")
    seen = {}
    for place, place_ru in rows:
        seen.setdefault(place, place_ru or place)
    return list(seen.items())


class PlaceChoiceFilter(django_filters.ChoiceFilter):
    """A place among those meetings were held in; the Russian name on Russian pages."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, choices=self.reader_places, **kwargs)

    @staticmethod
    def reader_places():
        russian = get_language() == "ru"
        return [(place, name if russian else place) for place, name in meeting_places()]


class MeetingFilter(FacetedFilterSet):
    body = ModelChoiceFilter(
        field_name="body",
        to_field_name="slug",
        queryset=Body.objects.all(),
        label=_("Body"),
    )
    year = YearFilter(field_name="date", label=_("Year"))
    place = PlaceChoiceFilter(field_name="place", label=_("Place"))
    state = ModelChoiceFilter(
        method="filter_state",
        to_field_name="slug",
        queryset=MemberState.objects.all(),
        label=_("State taking part"),
    )

    class Meta:
        model = Meeting
        fields = ["body", "year", "place", "state"]

    def filter_state(self, queryset, name, value):
        return queryset.filter(took_part(value)).distinct()


class DocumentFilter(FacetedFilterSet):
    facet_body = "meeting__body"

    kind = django_filters.ChoiceFilter(choices=Document.Kind.choices, label=_("Kind"))
    year = YearFilter(field_name="date", label=_("Year"))
    body = ModelChoiceFilter(
        field_name="meeting__body",
        to_field_name="slug",
        queryset=Body.objects.filter(meetings__documents__isnull=False).distinct(),
        label=_("Body"),
    )
    status = django_filters.ChoiceFilter(
        method="filter_status", choices=DocumentEvent.Kind.choices, label=_("Status reached")
    )

    class Meta:
        model = Document
        fields = ["kind", "year", "body", "status"]

    def filter_status(self, queryset, name, value):
        return queryset.with_status(value)
