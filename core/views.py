"""Views every public list and page shares."""

from django.http import Http404
from django_filters.views import FilterView

from .caching import ArchivePaginator
from .exports import ExportMixin, active_filters
from .models import ArchiveState
from .slugs import redirect_to_current


class SlugRedirectMixin:
    """Send an address with a former slug to the object's current page.

    `public_versions`: for a model with drafts, the condition its history rows meet when
    the object was public; only a slug it had then redirects (see `redirect_to_current`).
    """

    query_parameters = ()
    public_versions = None

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            return redirect_to_current(
                self.model, request.user, public=self.public_versions, slug=kwargs["slug"]
            )


class FilteredListView(ExportMixin, FilterView):
    """A filtered, paginated list; an invalid filter shows its error and no results.

    Subclasses give `base_queryset()` (what the reader may see) and `with_related()` (what
    a row shows besides itself); a page's rows are then loaded by their keys alone.
    With ?format=csv or json the list is a download of every row its filters choose.
    """

    paginate_by = 20
    strict = True

    @classmethod
    def query_parameters(cls):
        return {*cls.filterset_class.base_filters, "page", "format"}

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
        filterset = self.get_filterset(self.get_filterset_class()).check()
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
            order=getattr(self, "order", None),
            counter=self.counter(),
        )

    def counter(self):
        """A cheaper way to count the list than counting its rows, if the view has one."""
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = context["filter"]
        context["active_filters"] = filterset.active_filters()
        context["filter_errors"] = filterset.form.errors if filterset.is_bound else {}
        context["query_string"] = filterset.query_without("page") if filterset.is_bound else ""
        return context
