"""Page-number pagination with the public lists' paginator: cached counts, rows loaded by key."""

from functools import partial

from rest_framework.pagination import PageNumberPagination

from core.caching import ArchivePaginator
from core.models import ArchiveState


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
