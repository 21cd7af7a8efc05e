"""Public pages for news items, statements and corrections; querysets start from visible_to()."""

import datetime

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import DetailView, TemplateView

from core.caching import cached_value
from core.reading import OwnLanguageSwitchMixin
from core.slugs import redirect_to_current
from core.views import FilteredListView
from people.models import Body, Chairmanship, Position

from .conditional import last_modified, news_item_changed_at, statement_changed_at
from .exports import NEWS, STATEMENTS
from .filters import NewsFilter, StatementFilter
from .fulltext import SEARCH_CAP, BoundedSearch
from .models import NewsItem, Statement, Status, address_date
from .revisions import compare, correction_page, prepare_diffs, published_revisions

RELATED_WINDOW = datetime.timedelta(days=90)


def withdrawn_note(request, queryset):
    """The page of a withdrawn text's public note (410 Gone), or None when it has none.

    Only the note is shown: nothing of the withdrawn text itself.
    """
    item = queryset.withdrawn_with_note().only("withdrawal_note", "updated_at").first()
    if item is None:
        return None
    return render(request, "news/withdrawn.html", {"note": item.withdrawal_note}, status=410)


RECENT_REVISIONS = 10


class HomeView(TemplateView):
    template_name = "home.html"
    query_parameters = ()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["latest_news"] = NewsItem.objects.published().for_list()[:8]
        context["latest_statements"] = Statement.objects.published().select_related(
            "speaker", "body"
        )[:5]
        context["secretary_general"] = (
            Position.objects.current()
            .filter(title=Position.Title.SECRETARY_GENERAL)
            .select_related("official")
            .first()
        )
        context["chairmanship"] = Chairmanship.for_year()
        context["bodies"] = Body.objects.order_by("kind", "name")
        return context


class NewsListView(OwnLanguageSwitchMixin, FilteredListView):
    filterset_class = NewsFilter
    template_name = "news/newsitem_list.html"
    export_table = NEWS
    order = None  # a search's, when the list is one

    model = NewsItem

    def with_related(self, queryset):
        return queryset.for_list()

    def counter(self):
        summary = self.filterset.summary
        return summary.count if summary is not None else None

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        if "year" in self.kwargs:
            # /news/<year>/ is the list with the year filter set.
            kwargs["data"] = self.request.GET.copy()
            kwargs["data"]["year"] = str(self.kwargs["year"])
        return kwargs

    def get_context_data(self, **kwargs):
        query = self.filterset.form.cleaned_data.get("q") if self.filterset.is_valid() else ""
        if query and query.strip():
            self.unranked = kwargs["object_list"]
            without_words = self.filterset.summary_without("q")
            self.order = BoundedSearch(
                self.unranked,
                query,
                self.filterset.facet_queryset("q"),
                total=without_words.count if without_words is not None else None,
            )
        context = super().get_context_data(**kwargs)
        filterset = context["filter"]
        # Counting a broad search by body and year would read every match: the facets of
        # such a search are left out, with a note (the filters still narrow it).
        context["estimated"] = self.order is not None and not self.order.exact
        context["search_cap"] = SEARCH_CAP
        if not context["filter_errors"] and not context["estimated"]:
            # Facets depend on the filters, on the language (the names shown) and on
            # whether the reader sees drafts: staff counts must never reach the public.
            filters = filterset.chosen()
            key = (filters, get_language(), self.kwargs.get("year"), self.request.user.is_staff)
            for name in ("body_facets", "year_facets"):
                context[name] = cached_value(self.version, (name, key), getattr(filterset, name))
        context["year"] = self.kwargs.get("year")
        return context


@last_modified(news_item_changed_at)
class NewsDetailView(DetailView):
    template_name = "news/newsitem_detail.html"
    context_object_name = "item"
    query_parameters = ()

    def get(self, request, *args, **kwargs):
        day = address_date(kwargs["year"], kwargs["month"], kwargs["day"])
        if day is None:
            raise Http404(_("No such date."))
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            note = withdrawn_note(request, NewsItem.objects.at_address(**kwargs))
            if note is not None:
                return note
            # An address from before a change of slug or date still leads to the item, if
            # the item was published under it.
            return redirect_to_current(
                NewsItem,
                request.user,
                public=Q(status=Status.PUBLISHED),
                published_on=day,
                slug=kwargs["slug"],
            )

    def get_object(self, queryset=None):
        return get_object_or_404(
            NewsItem.objects.visible_to(self.request.user)
            .select_related("translation_of")
            .at_address(**self.kwargs)
        )

    def get_context_data(self, **kwargs):
        item = self.object
        user = self.request.user
        bodies = list(item.bodies.all())
        revisions = published_revisions(item)
        # Ids first: a DISTINCT over whole rows (texts included) would cost a second at 100k.
        related_ids = list(
            NewsItem.objects.visible_to(user)
            .filter(
                bodies__in=bodies,
                published_on__range=(
                    item.published_on - RELATED_WINDOW,
                    item.published_on + RELATED_WINDOW,
                ),
            )
            .exclude(pk=item.pk)
            .exclude(pk=item.translation_of_id)
            .exclude(translation_of=item)
            .order_by("-published_on", "-id")
            .values_list("pk", flat=True)
            .distinct()[:5]
        )
        related = NewsItem.objects.filter(pk__in=related_ids).for_list()
        translation = item.translation_of
        if translation and not translation.is_visible_to(user):
            translation = None
        return super().get_context_data(
            bodies=bodies,
            officials=item.officials.all(),
            states=item.states.all(),
            # A few rows at most: no ORDER BY, so the database looks them up by the item.
            statements=sorted(
                item.statements.visible_to(user).select_related("speaker", "body").order_by(),
                key=lambda statement: (statement.said_on, statement.pk),
            ),
            translation=translation,
            translations=item.translations.visible_to(user).order_by(),
            related=related,
            corrections=revisions[1:],
            **kwargs,
        )


class RevisionHistoryView(DetailView):
    """Every published version of a text, with word-level diffs; any two can be compared."""

    template_name = "news/history.html"
    context_object_name = "object"
    per_page = 20
    query_parameters = ("page", "from", "to")

    def get_context_data(self, **kwargs):
        obj = self.object
        revisions = published_revisions(obj)
        # Diffs are computed for the versions on the page only, and within a budget.
        page = Paginator(revisions[::-1], self.per_page).get_page(self.request.GET.get("page"))
        self.complete = prepare_diffs(page.object_list)
        context = {
            "revisions": page.object_list,
            "page_obj": page,
            "latest": len(revisions),
            "subject": obj,
        }
        first, second = self.request.GET.get("from"), self.request.GET.get("to")
        if first or second:
            try:
                result = compare(revisions, int(first), int(second))
            except (TypeError, ValueError):
                result = None
            if result is None:
                raise Http404(_("No such pair of versions."))
            context["comparison"] = result
        return super().get_context_data(**context, **kwargs)

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if not self.complete:
            # Some diffs are still to be computed: the next reader must not get this page
            # from a cache, but one with more of them (each is kept once computed).
            patch_cache_control(response, no_store=True)
        return response


class NewsHistoryView(RevisionHistoryView):
    def get_object(self, queryset=None):
        return get_object_or_404(
            NewsItem.objects.visible_to(self.request.user).at_address(**self.kwargs)
        )


class StatementListView(OwnLanguageSwitchMixin, FilteredListView):
    filterset_class = StatementFilter
    template_name = "news/statement_list.html"
    export_table = STATEMENTS

    model = Statement

    def with_related(self, queryset):
        return queryset.select_related("speaker", "body")


@last_modified(statement_changed_at)
class StatementDetailView(DetailView):
    template_name = "news/statement_detail.html"
    context_object_name = "statement"
    query_parameters = ()

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            note = withdrawn_note(request, Statement.objects.filter(pk=kwargs["pk"]))
            if note is None:
                raise
            return note

    def get_queryset(self):
        return Statement.objects.visible_to(self.request.user).select_related(
            "speaker", "body", "news_item"
        )

    def get_context_data(self, **kwargs):
        statement = self.object
        news_item = statement.news_item
        if news_item and not news_item.is_visible_to(self.request.user):
            news_item = None  # a published statement must not reveal a draft's title
        return super().get_context_data(
            speaker_post=statement.speaker.position_on(statement.said_on),
            news_item=news_item,
            revisions=list(reversed(published_revisions(statement)))[:RECENT_REVISIONS],
            **kwargs,
        )


class StatementHistoryView(RevisionHistoryView):
    def get_queryset(self):
        return Statement.objects.visible_to(self.request.user).select_related("speaker")


class CorrectionsView(TemplateView):
    """The public errata: substantive corrections to published news items and statements."""

    template_name = "news/corrections.html"
    per_page = 30
    query_parameters = ("page",)

    def get_context_data(self, **kwargs):
        page = correction_page(self.request.GET.get("page"), self.per_page)
        return super().get_context_data(page_obj=page, **kwargs)
