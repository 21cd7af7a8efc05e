"""The read-only JSON API: published records only, the public pages' filters, ETags."""

import copy

from csp.decorators import csp_update
from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from drf_spectacular.renderers import OpenApiJsonRenderer
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import serializers, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from core.filters import FIRST_YEAR, LAST_YEAR, MAX_QUERY_LENGTH
from news.filters import StatementFilter
from news.fulltext import BoundedSearch
from news.models import NewsItem, Statement
from people.models import (
    Body,
    Document,
    DocumentEvent,
    Meeting,
    MeetingAbsence,
    MemberState,
    Official,
    Position,
)

from . import popolo
from .conditional import with_archive_etag
from .filters import (
    BodyFilter,
    DocumentApiFilter,
    MeetingApiFilter,
    NewsApiFilter,
    OfficialApiFilter,
    PositionFilter,
    StateFilter,
)
from .pagination import ArchivePagination
from .serializers import (
    BodySerializer,
    DocumentSerializer,
    MeetingSerializer,
    NewsItemSerializer,
    OfficialSerializer,
    PositionSerializer,
    StatementSerializer,
    StateSerializer,
)


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()


# A refused filter: for each parameter, the reasons (the public pages show the same ones).
FILTER_ERRORS = {
    "type": "object",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}


class ArchiveViewSet(viewsets.ReadOnlyModelViewSet):
    """A list and a detail by id, built from the model's public queryset.

    Subclasses give `base_queryset()` (what anyone may see, in a stable order) and
    `with_related()` (what a record shows besides itself); a page's rows are then loaded
    by their keys alone, with a fixed number of queries whatever the page's size.
    """

    pagination_class = ArchivePagination

    @classmethod
    def query_parameters(cls):
        filterset_class = getattr(cls, "filterset_class", None)
        filters = filterset_class.base_filters if filterset_class else {}
        return {*filters, "page", "page_size", "format"}

    def base_queryset(self):
        raise NotImplementedError

    def with_related(self, queryset):
        return queryset

    def get_queryset(self):
        queryset = self.base_queryset()
        if self.action == "retrieve":
            return self.with_related(queryset)
        return queryset

    def rows(self, ids):
        """Load a page's rows by key: the filtered, public list chose the keys."""
        return self.with_related(self.base_queryset().model._default_manager.filter(pk__in=ids))


def slug_of(noun, many=False):
    """Document a filter by the slug of a related record (the values are not listed: they
    are the archive's data, not the API's)."""
    text = f"Slug of {noun}, as in its page's address"
    if many:
        text += "; repeat the parameter for records of any of several"
    return {"type": str, "many": many, "description": text + "."}


YEAR = {
    "type": {"type": "integer", "minimum": FIRST_YEAR, "maximum": LAST_YEAR},
    "description": "A calendar year.",
}
SEARCH = {"type": str, "description": f"Words that must all occur (at most {MAX_QUERY_LENGTH})."}
# Parameters whose type the filters do not tell the schema generator.
PARAMETERS = {
    "news": {
        "body": slug_of("a body", many=True),
        "official": slug_of("an official"),
        "state": slug_of("a member state"),
        "year": YEAR,
        "q": SEARCH,
    },
    "statements": {
        "speaker": slug_of("the official who spoke"),
        "body": slug_of("the body at whose meeting it was said"),
        "year": YEAR,
        "q": SEARCH,
    },
    "officials": {
        "body": slug_of("a body the official held a post in"),
        "state": slug_of("the official's member state"),
        "q": {"type": str, "description": "Words of the name or an alias."},
    },
    "meetings": {
        "body": slug_of("a body"),
        "year": YEAR,
        "place": {"type": str, "description": "A place, in English, as the records write it."},
        "state": slug_of("a member state that took part"),
    },
    "documents": {
        "body": slug_of("the body whose meeting adopted it"),
        "year": YEAR,
    },
    "positions": {
        "official": slug_of("an official"),
        "body": slug_of("a body"),
        "state": slug_of("a member state"),
        "on": {"type": OpenApiTypes.DATE, "description": "Posts held on this date."},
    },
}


def documented(tag, noun, parameters=None):
    """Document a viewset's list and detail and give them the archive's ETags."""

    def decorate(view_class):
        serializer = view_class.serializer_class
        view_class = extend_schema_view(
            list=extend_schema(
                tags=[tag],
                summary=f"List {noun}",
                parameters=[
                    OpenApiParameter(name, **spec)
                    for name, spec in PARAMETERS.get(parameters, {}).items()
                ],
                responses={200: serializer, 400: FILTER_ERRORS, 404: ErrorSerializer},
            ),
            retrieve=extend_schema(
                tags=[tag],
                summary=f"One of the {noun} by id",
                responses={200: serializer, 404: ErrorSerializer},
            ),
        )(view_class)
        return with_archive_etag(view_class)

    return decorate


def published_news():
    return NewsItem.objects.published().order_by("-published_on", "-id")


@documented("news", "published news items, newest first", "news")
class NewsItemViewSet(ArchiveViewSet):
    serializer_class = NewsItemSerializer
    filterset_class = NewsApiFilter

    def base_queryset(self):
        return published_news()

    def list_count(self, queryset):
        """Count the list as the news page does: from the table of counts when the filters
        allow, and a search up to SEARCH_CAP matches exactly, past it as an estimate.

        Returns (count, exact). A search keeps the date order here; only its count is bounded.
        """
        # The API answers everyone as the public (published items only), so the public's
        # counts apply whoever asks.
        public = copy.copy(self.request._request)
        public.user = AnonymousUser()
        filterset = self.filterset_class(
            self.request.query_params, queryset=self.base_queryset(), request=public
        )
        if not filterset.is_valid():  # the filter backend has answered 400 already
            return None
        query = filterset.form.cleaned_data.get("q")
        if query and query.strip():
            without_words = filterset.summary_without("q")
            search = BoundedSearch(
                queryset,
                query,
                filterset.facet_queryset("q"),
                total=without_words.count if without_words is not None else None,
            )
            return search.count(), search.exact
        summary = filterset.summary
        return (summary.count() if summary is not None else queryset.count()), True

    def with_related(self, queryset):
        return queryset.select_related("translation_of").prefetch_related(
            "bodies",
            "officials",
            "states",
            Prefetch("translations", queryset=NewsItem.objects.published().order_by("id")),
        )


@documented("statements", "published statements, newest first", "statements")
class StatementViewSet(ArchiveViewSet):
    serializer_class = StatementSerializer
    filterset_class = StatementFilter

    def base_queryset(self):
        return Statement.objects.published().order_by("-said_on", "-id")

    def with_related(self, queryset):
        return queryset.select_related("speaker", "body", "news_item")


POSITIONS_WITH_PLACES = Position.objects.select_related("body", "state").order_by("start", "id")


@documented("people", "officials, by name", "officials")
class OfficialViewSet(ArchiveViewSet):
    serializer_class = OfficialSerializer
    filterset_class = OfficialApiFilter

    def base_queryset(self):
        return Official.objects.order_by("name", "id")

    def with_related(self, queryset):
        return queryset.select_related("country").prefetch_related(
            Prefetch("positions", queryset=POSITIONS_WITH_PLACES)
        )


@documented("people", "bodies, by name")
class BodyViewSet(ArchiveViewSet):
    serializer_class = BodySerializer
    filterset_class = BodyFilter

    def base_queryset(self):
        return Body.objects.order_by("name", "id")

    def with_related(self, queryset):
        return queryset.select_related("parent")


@documented("people", "member states, by name")
class StateViewSet(ArchiveViewSet):
    serializer_class = StateSerializer
    filterset_class = StateFilter

    def base_queryset(self):
        return MemberState.objects.order_by("name", "id")

    def with_related(self, queryset):
        return queryset.prefetch_related("events", "chairmanships")


@documented("people", "positions, by official and start", "positions")
class PositionViewSet(ArchiveViewSet):
    serializer_class = PositionSerializer
    filterset_class = PositionFilter

    def base_queryset(self):
        return Position.objects.order_by("official__name", "official_id", "start", "id")

    def with_related(self, queryset):
        return queryset.select_related("official", "body", "state")


@documented("meetings", "meetings of the CSTO's bodies, newest first", "meetings")
class MeetingViewSet(ArchiveViewSet):
    serializer_class = MeetingSerializer
    filterset_class = MeetingApiFilter

    def base_queryset(self):
        return Meeting.objects.order_by("-date", "-id")

    def with_related(self, queryset):
        return queryset.select_related("body", "chair").prefetch_related(
            Prefetch(
                "news_items",
                queryset=NewsItem.objects.published().only("pk", "meeting_id"),
                to_attr="public_news",
            ),
            Prefetch(
                "statements",
                queryset=Statement.objects.published().only("pk", "meeting_id"),
                to_attr="public_statements",
            ),
            Prefetch("documents", queryset=Document.objects.only("pk", "meeting_id")),
            Prefetch("absences", queryset=MeetingAbsence.objects.select_related("state")),
        )


@documented("meetings", "documents adopted or signed at meetings, newest first", "documents")
class DocumentViewSet(ArchiveViewSet):
    serializer_class = DocumentSerializer
    filterset_class = DocumentApiFilter

    def base_queryset(self):
        return Document.objects.order_by("-date", "title", "id")

    def with_related(self, queryset):
        return queryset.select_related("meeting__body").prefetch_related(
            Prefetch("events", queryset=DocumentEvent.objects.select_related("state"))
        )


POPOLO_SCHEMA = {
    "type": "object",
    "description": "A Popolo document: https://www.popoloproject.com/specs/",
    "required": ["persons", "organizations", "posts", "memberships", "events"],
    "properties": {
        name: {"type": "array", "items": {"type": "object"}}
        for name in ["persons", "organizations", "posts", "memberships", "events"]
    },
}


@with_archive_etag
class PopoloView(APIView):
    """Officials, bodies, member states and positions as one Popolo document."""

    query_parameters = ()

    @extend_schema(
        tags=["people"],
        summary="Officials, bodies, states, positions and meetings in the Popolo format",
        responses={200: POPOLO_SCHEMA},
    )
    def get(self, request):
        return Response(popolo.export(request))


@with_archive_etag
class SchemaView(SpectacularAPIView):
    """The OpenAPI 3 schema of the API, in JSON."""

    renderer_classes = [OpenApiJsonRenderer]


# Swagger UI's stylesheet draws two icons as data: images; scripts stay our own files.
@method_decorator(csp_update({"img-src": "data:"}), name="dispatch")
class DocsView(SpectacularSwaggerSplitView):
    """Swagger UI from our own static files; its start-up script is a separate file, so the
    page runs under a Content Security Policy that allows no inline script or style."""

    url_name = "api:schema"
    template_name = "api/swagger_ui.html"
    title = _("CSTO archive API")
