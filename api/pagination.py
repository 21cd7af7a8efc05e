"""Page-number pagination with the public lists' paginator: cached counts, rows loaded by key."""

from functools import partial

from rest_framework.pagination import PageNumberPagination

from core.caching import ArchivePaginator
from core.models import ArchiveState
from core.parameters import without_unread


class ArchivePagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def paginate_queryset(self, queryset, request, view=None):
        # Page 4,000 costs what page 1 does, and the count is computed once per version.
        self.django_paginator_class = partial(
            ArchivePaginator,
            version=ArchiveState.version_now(),
            rows=getattr(view, "rows", None),
        )
        return super().paginate_queryset(queryset, request, view)

    # The links leave out what the list does not read, so that a page asked for with junk
    # parameters is the page without them, and can be cached as one.
    def get_next_link(self):
        return without_unread(self.request, super().get_next_link())

    def get_previous_link(self):
        return without_unread(self.request, super().get_previous_link())
