"""Public pages for officials, bodies and member states.

The news items and statements these pages list are reached through the relations the news
app declares (`official.news_items`, `body.statements`), so people imports nothing of news.
"""

from itertools import groupby

from django.db.models import Prefetch
from django.views.generic import DetailView, ListView

from core.caching import cached_value
from core.exports import ExportMixin
from core.models import ArchiveState
from core.views import FilteredListView, SlugRedirectMixin

from .exports import BODIES, OFFICIALS, STATES
from .filters import OfficialFilter
from .models import Body, MemberState, Official, Position

RECENT = 10
MENTIONS = 60


class OfficialListView(FilteredListView):
    filterset_class = OfficialFilter
    template_name = "people/official_list.html"
    paginate_by = 60
    export_table = OFFICIALS

    model = Official

    def base_queryset(self):
        return Official.objects.all()

    def with_related(self, queryset):
        return queryset.select_related("country").prefetch_related(
            Prefetch(
                "positions",
                queryset=Position.objects.current().select_related("body", "state"),
                to_attr="current_positions",
            )
        )


class OfficialDetailView(SlugRedirectMixin, DetailView):
    model = Official
    context_object_name = "official"

    def get_queryset(self):
        return Official.objects.select_related("country")

    def get_context_data(self, **kwargs):
        official = self.object
        user = self.request.user
        news = official.news_items.visible_to(user).for_list()
        return super().get_context_data(
            positions=official.positions.select_related("body", "state").order_by("-start"),
            statements=official.statements.visible_to(user).select_related("body").top(RECENT),
            news_by_year=[
                (year, list(items))
                for year, items in groupby(news.top(MENTIONS), key=lambda i: i.published_on.year)
            ],
            news_total=cached_value(
                ArchiveState.version_now(),
                ("mentions", official.pk, user.is_staff),
                news.count,
            ),
            **kwargs,
        )


class BodyListView(ExportMixin, ListView):
    model = Body
    export_table = BODIES
    queryset = Body.objects.select_related("parent").order_by("kind", "name")


def news_per_year(counts):
    """Return [(year, count, percent of the busiest year)] for a bar chart, oldest first,
    from [(year, count)] oldest first."""
    if not counts:
        return []
    years = dict(counts)
    peak = max(years.values())
    first, last = counts[0][0], counts[-1][0]
    return [
        (year, years.get(year, 0), round(100 * years.get(year, 0) / peak))
        for year in range(first, last + 1)
    ]


class BodyDetailView(SlugRedirectMixin, DetailView):
    model = Body
    context_object_name = "body"

    def get_queryset(self):
        return Body.objects.select_related("parent")

    def get_context_data(self, **kwargs):
        body = self.object
        user = self.request.user
        news = body.news_items.visible_to(user)
        return super().get_context_data(
            children=body.children.all(),
            office_holders=body.positions.current().select_related("official", "state"),
            news=news.for_list().top(RECENT),
            chart=cached_value(
                ArchiveState.version_now(),
                ("chart", body.pk, user.is_staff),
                # The public's figures come from the table of counts news keeps.
                lambda: news_per_year(news.per_year(body=body, counted=not user.is_staff)),
            ),
            statements=body.statements.visible_to(user)
            .select_related("speaker", "body")
            .top(RECENT),
            **kwargs,
        )


class StateListView(ExportMixin, ListView):
    model = MemberState
    export_table = STATES
    queryset = MemberState.objects.prefetch_related("events")


class StateDetailView(SlugRedirectMixin, DetailView):
    model = MemberState
    context_object_name = "state"

    def get_context_data(self, **kwargs):
        state = self.object
        user = self.request.user
        return super().get_context_data(
            events=state.events.all(),
            chairmanships=state.chairmanships.all(),
            officials=Official.objects.filter(country=state).prefetch_related(
                Prefetch(
                    "positions",
                    queryset=Position.objects.current().select_related("body"),
                    to_attr="current_positions",
                )
            ),
            news=state.news_items.visible_to(user).for_list().top(RECENT),
            **kwargs,
        )
