"""Filters of the news and statements lists, with facet counts."""

from functools import cached_property

import django_filters
from django.db.models import Count, Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from core.filters import (
    ArchiveFilterSet,
    Facet,
    ModelChoiceFilter,
    ModelMultipleChoiceFilter,
    SearchFilter,
    YearFilter,
)
from core.functions import Year
from people.models import Body, MemberState, Official

from .counts import Summary
from .models import Language, NewsItem, Statement


class NewsFilter(ArchiveFilterSet):
    body = ModelMultipleChoiceFilter(
        field_name="bodies__slug",
        to_field_name="slug",
        queryset=Body.objects.all(),
        label=_("Body"),
    )
    year = YearFilter(field_name="published_on", label=_("Year"))
    official = ModelChoiceFilter(
        field_name="officials",
        to_field_name="slug",
        queryset=Official.objects.all(),
        label=_("Official"),
    )
    state = ModelChoiceFilter(
        field_name="states",
        to_field_name="slug",
        queryset=MemberState.objects.all(),
        label=_("State"),
    )
    language = django_filters.ChoiceFilter(choices=Language.choices, label=_("Language"))
    kind = django_filters.ChoiceFilter(choices=NewsItem.Kind.choices, label=_("Kind"))
    q = SearchFilter()

    class Meta:
        model = NewsItem
        fields = ["body", "year", "official", "state", "language", "kind", "q"]

    def facet_queryset(self, without):
        """Return the items matching every filter except one, for that filter's counts.

        Applies the values the form already cleaned, as FilterSet.filter_queryset does,
        rather than validating the same data again in a second filterset.
        """
        if not self.is_bound:  # no filter at all: every visible item counts
            return self.queryset
        if not self.is_valid():
            return self.queryset.none()
        queryset = self.queryset
        for name, value in self.form.cleaned_data.items():
            if name != without:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    @cached_property
    def summary(self):
        """The list's counts from the table of counts, or None when it cannot give them."""
        return self.summary_without(None)

    def summary_without(self, name):
        """The counts of the list without one of its filters (e.g. a search's words)."""
        if self.is_bound and not self.is_valid():
            return None
        user = getattr(self.request, "user", None)
        if user is None or user.is_staff:  # the table counts what the public sees
            return None
        cleaned = self.form.cleaned_data if self.is_bound else {}
        return Summary.for_filters({k: v for k, v in cleaned.items() if k != name})

    def body_facets(self):
        """Return a Facet per body with matching items, counted in one grouped query."""
        if self.summary is not None:
            counts = self.summary.by_body()
        else:
            links = NewsItem.bodies.through.objects.filter(
                newsitem__in=self.facet_queryset("body").order_by().values("pk")
            )
            counts = dict(
                links.values_list("body").annotate(n=Count("pk")).values_list("body", "n")
            )
        chosen = self.data.getlist("body")
        return [
            self.facet("body", body.slug, body.display_name, counts[body.pk], chosen)
            for body in sorted(Body.objects.filter(pk__in=counts), key=lambda b: b.display_name)
        ]

    def year_facets(self):
        """Return a Facet per year with matching items, newest first, in one grouped query."""
        summary = self.summary
        counts = summary.by_year() if summary is not None else self.live_year_counts()
        chosen = self.data.getlist("year")
        return [self.facet("year", str(year), str(year), n, chosen) for year, n in counts]

    def live_year_counts(self):
        return (
            self.facet_queryset("year")
            .order_by()
            .annotate(y=Year("published_on"))
            .values_list("y")
            .annotate(n=Count("pk", distinct=True))
            .values_list("y", "n")
            .order_by("-y")
        )

    def facet(self, name, value, label, count, chosen):
        """Build a Facet whose link selects the value, or removes it when already chosen."""
        active = value in chosen
        query = self.query_without(name, value) if active else self.query_with(name, value)
        return Facet(label, count, query, active)


class StatementFilter(ArchiveFilterSet):
    speaker = ModelChoiceFilter(
        field_name="speaker",
        to_field_name="slug",
        # Speakers of published statements only: a draft must not show who it quotes. An
        # EXISTS probes the speaker index once per official; a DISTINCT over the join would
        # sort every published statement's speaker row on each list built anew.
        queryset=Official.objects.filter(
            Exists(Statement.objects.published().filter(speaker=OuterRef("pk")))
        ),
        label=_("Speaker"),
    )
    body = ModelChoiceFilter(
        field_name="body",
        to_field_name="slug",
        queryset=Body.objects.all(),
        label=_("Body"),
    )
    year = YearFilter(field_name="said_on", label=_("Year"))
    language = django_filters.ChoiceFilter(choices=Language.choices, label=_("Language"))
    q = SearchFilter()

    class Meta:
        model = Statement
        fields = ["speaker", "body", "year", "language", "q"]
