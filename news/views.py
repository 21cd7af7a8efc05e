"""Public pages for news items, statements and corrections; querysets start from visible_to()."""

import datetime

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import DetailView, TemplateView
from django_filters.views import FilterView

from cstoarchive.slugs import redirect_to_current
from people.models import Body, Chairmanship, Position

from .caching import ArchivePaginator, cached_value
from .conditional import last_modified, news_item_changed_at, statement_changed_at
from .exports import NEWS, STATEMENTS, ExportError, ExportMixin, active_filters, filter_errors
from .filters import NewsFilter, StatementFilter
from .models import ArchiveState, NewsItem, Statement, address_date
from .revisions import compare, correction_page, published_revisions

NEWS_LIST_RELATED = ["bodies"]
RELATED_WINDOW = datetime.timedelta(days=90)
RECENT_REVISIONS = 10


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["latest_news"] = NewsItem.objects.published().prefetch_related(*NEWS_LIST_RELATED)[
            :8
        ]
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


class FilteredListView(ExportMixin, FilterView):
    """A filtered, paginated list; an invalid filter shows its error and no results.

    Subclasses give `base_queryset()` (what the reader may see) and `with_related()` (what
    a row shows besides itself); a page's rows are then loaded by their keys alone.
    With ?format=csv or json the list is a download of every row its filters choose.
    """

    paginate_by = 20
    strict = True

    def get_queryset(self):
        return self.with_related(self.base_queryset())

    def base_queryset(self):
        return self.model.objects.visible_to(self.request.user)

    def with_related(self, queryset):
        return queryset

    def rows(self, ids):
        """Load a page's rows by key: the keys were chosen by the filtered, visible list."""
        return self.with_related(self.model._default_manager.filter(pk__in=ids))

    def get(self, request, *args, **kwargs):
        self.version = ArchiveState.version_now()
        return super().get(request, *args, **kwargs)

    def export_rows(self):
        """Return the rows of every page of the list, and the filters that chose them."""
        filterset = self.get_filterset(self.get_filterset_class())
        if filterset.is_bound and not filterset.is_valid():
            raise ExportError(filter_errors(filterset.form.errors))
        # Keys first, as for a page: the rows are then read by key, without the filters' joins.
        return self.rows(filterset.qs.order_by().values("pk")), active_filters(filterset)

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "version": self.version}

    def get_paginator(self, queryset, per_page, orphans=0, allow_empty_first_page=True, **kwargs):
        return ArchivePaginator(
            queryset,
            per_page,
            orphans=orphans,
            allow_empty_first_page=allow_empty_first_page,
            version=self.version,
            plain=getattr(self, "unranked", None),
            rows=self.rows,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = context["filter"]
        context["active_filters"] = filterset.active_filters()
        context["filter_errors"] = filterset.form.errors if filterset.is_bound else {}
        context["query_string"] = filterset.query_without("page") if filterset.is_bound else ""
        return context


class NewsListView(FilteredListView):
    filterset_class = NewsFilter
    template_name = "news/newsitem_list.html"
    export_table = NEWS

    model = NewsItem

    def with_related(self, queryset):
        return queryset.prefetch_related(*NEWS_LIST_RELATED)

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
            kwargs["object_list"] = self.unranked.by_relevance(query)
        context = super().get_context_data(**kwargs)
        filterset = context["filter"]
        if not context["filter_errors"]:
            # Facets depend on the filters, on the language (the names shown) and on
            # whether the reader sees drafts: staff counts must never reach the public.
            filters = sorted((k, v) for k, v in filterset.data.lists() if k != "page")
            key = (filters, get_language(), self.kwargs.get("year"), self.request.user.is_staff)
            for name in ("body_facets", "year_facets"):
                context[name] = cached_value(self.version, (name, key), getattr(filterset, name))
        context["year"] = self.kwargs.get("year")
        return context


@last_modified(news_item_changed_at)
class NewsDetailView(DetailView):
    template_name = "news/newsitem_detail.html"
    context_object_name = "item"

    def get(self, request, *args, **kwargs):
        day = address_date(kwargs["year"], kwargs["month"], kwargs["day"])
        if day is None:
            raise Http404(_("No such date."))
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            # An address from before a change of slug or date still leads to the item.
            return redirect_to_current(
                NewsItem, request.user, published_on=day, slug=kwargs["slug"]
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
        related = NewsItem.objects.filter(pk__in=related_ids).prefetch_related(*NEWS_LIST_RELATED)
        translation = item.translation_of
        if translation and not (translation.is_published or user.is_staff):
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

    def get_context_data(self, **kwargs):
        obj = self.object
        revisions = published_revisions(obj)
        # Diffs are computed for the versions on the page only.
        page = Paginator(revisions[::-1], self.per_page).get_page(self.request.GET.get("page"))
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


class NewsHistoryView(RevisionHistoryView):
    def get_object(self, queryset=None):
        return get_object_or_404(
            NewsItem.objects.visible_to(self.request.user).at_address(**self.kwargs)
        )


class StatementListView(FilteredListView):
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

    def get_queryset(self):
        return Statement.objects.visible_to(self.request.user).select_related(
            "speaker", "body", "news_item"
        )

    def get_context_data(self, **kwargs):
        statement = self.object
        news_item = statement.news_item
        if news_item and not (news_item.is_published or self.request.user.is_staff):
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

    def get_context_data(self, **kwargs):
        page = correction_page(self.request.GET.get("page"), self.per_page)
        return super().get_context_data(page_obj=page, **kwargs)
