"""Public pages for officials, bodies and member states.

The news items and statements these pages list are reached through the relations the news
app declares (`official.news_items`, `body.statements`), so people imports nothing of news.
"""

from itertools import groupby

from django.db.models import Prefetch
from django.utils.translation import get_language
from django.views.generic import DetailView, ListView

from core.caching import cached_value
from core.exports import ExportMixin
from core.models import ArchiveState
from core.reading import OwnLanguageNewsMixin
from core.views import FilteredListView, SlugRedirectMixin

from . import meetings
from .exports import BODIES, DOCUMENTS, MEETINGS, OFFICIALS, STATES
from .filters import DocumentFilter, MeetingFilter, OfficialFilter
from .models import (
    Body,
    Document,
    DocumentEvent,
    Meeting,
    MeetingAbsence,
    MemberState,
    Official,
    Position,
)

RECENT = 10
MENTIONS = 60
MEETINGS_SHOWN = 20


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


class OfficialDetailView(OwnLanguageNewsMixin, SlugRedirectMixin, DetailView):
    model = Official
    context_object_name = "official"

    def get_queryset(self):
        return Official.objects.select_related("country")

    def get_context_data(self, **kwargs):
        official = self.object
        user = self.request.user
        news = self.own_language_news(official.news_items.visible_to(user)).for_list()
        return super().get_context_data(
            positions=official.positions.select_related("body", "state").order_by("-start"),
            meetings=Meeting.objects.attended_by(official).select_related("body")[:MENTIONS],
            statements=official.statements.visible_to(user).select_related("body").top(RECENT),
            news_by_year=[
                (year, list(items))
                for year, items in groupby(news.top(MENTIONS), key=lambda i: i.published_on.year)
            ],
            news_total=cached_value(
                ArchiveState.version_now(),
                ("mentions", official.pk, user.is_staff, self.news_language()),
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


class BodyDetailView(OwnLanguageNewsMixin, SlugRedirectMixin, DetailView):
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
            meetings=body.meetings.all()[:MEETINGS_SHOWN],
            meetings_total=body.meetings.count(),
            office_holders=body.positions.current().select_related("official", "state"),
            news=self.own_language_news(news).for_list().top(RECENT),
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


class StateDetailView(OwnLanguageNewsMixin, SlugRedirectMixin, DetailView):
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
            news=self.own_language_news(state.news_items.visible_to(user)).for_list().top(RECENT),
            **kwargs,
        )


def public_news():
    """A Prefetch of the keys of a meeting's published news items (as `public_news`).

    The news items are reached through the relation the news app declares, so that people
    imports nothing of news.
    """
    model = Meeting._meta.get_field("news_items").related_model
    published = model.objects.published().only("pk", "meeting_id")
    return Prefetch("news_items", queryset=published, to_attr="public_news")


class FacetedListView(FilteredListView):
    """A list with body and year counts beside it, kept per archive version."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = context["filter"]
        if not context["filter_errors"]:
            key = (type(self).__name__, filterset.chosen(), get_language())
            for name in ("body_facets", "year_facets"):
                context[name] = cached_value(self.version, (name, key), getattr(filterset, name))
        return context


class MeetingListView(FacetedListView):
    filterset_class = MeetingFilter
    template_name = "people/meeting_list.html"
    paginate_by = 50
    export_table = MEETINGS

    model = Meeting

    def base_queryset(self):
        return Meeting.objects.all()

    def with_related(self, queryset):
        return meetings.with_body(queryset).prefetch_related(
            public_news(),
            Prefetch("documents", queryset=Document.objects.only("pk", "meeting_id")),
            Prefetch("absences", queryset=MeetingAbsence.objects.select_related("state")),
        )


class MeetingDetailView(OwnLanguageNewsMixin, SlugRedirectMixin, DetailView):
    model = Meeting
    context_object_name = "meeting"

    def get_queryset(self):
        return Meeting.objects.select_related("body", "chair")

    def get_context_data(self, **kwargs):
        meeting = self.object
        user = self.request.user
        seats = meetings.seats(meeting)
        seated = [seat.official for seat in seats if seat.official is not None]
        previous, following = meeting.neighbours()
        return super().get_context_data(
            seats=seats,
            named=meetings.named_people(meeting, user, besides=seated),
            news=self.own_language_news(meeting.news_items.visible_to(user)).for_list(),
            statements=meeting.statements.visible_to(user).select_related("speaker", "body"),
            documents=meeting.documents.order_by("kind", "title"),
            previous=previous,
            following=following,
            **kwargs,
        )


class DocumentListView(FacetedListView):
    filterset_class = DocumentFilter
    template_name = "people/document_list.html"
    paginate_by = 50
    export_table = DOCUMENTS

    model = Document

    def base_queryset(self):
        return Document.objects.all()

    def with_related(self, queryset):
        return queryset.select_related("meeting__body").prefetch_related(
            Prefetch("events", queryset=DocumentEvent.objects.select_related("state"))
        )


class DocumentDetailView(SlugRedirectMixin, DetailView):
    model = Document
    context_object_name = "document"
    query_parameters = ()

    def get_queryset(self):
        return Document.objects.select_related("meeting__body")

    def get_context_data(self, **kwargs):
        document = self.object
        return super().get_context_data(
            events=document.events.select_related("state").order_by("date", "id"),
            siblings=(
                document.meeting.documents.exclude(pk=document.pk).order_by("title")
                if document.meeting_id
                else []
            ),
            **kwargs,
        )
