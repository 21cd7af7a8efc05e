"""Page-number pagination with the public lists' paginator: cached counts, rows loaded by key."""

from functools import partial

from rest_framework.pagination import PageNumberPagination

from core.caching import ArchivePaginator, cached_value, query_key
from core.models import ArchiveState
from core.parameters import without_unread
from news.fulltext import SEARCH_CAP


class ArchivePagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def paginate_queryset(self, queryset, request, view=None):
        # Page 4,000 costs what page 1 does, and the count is computed once per version.
        version = ArchiveState.version_now()
        self.count_exact = True
        counter = None
        list_count = getattr(view, "list_count", None)
        if list_count is not None:
            # A list that counts itself the way its page does (a table of counts, a
            # bounded search): the count may be an estimate, and the answer says so.
            def counter():
                key = ("api-count", query_key(queryset.query))
                count, self.count_exact = cached_value(version, key, lambda: list_count(queryset))
                return count

        self.django_paginator_class = partial(
            ArchivePaginator,
            version=version,
            rows=getattr(view, "rows", None),
            counter=counter,
        )
        return super().paginate_queryset(queryset, request, view)

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        response.data = {"count_exact": self.count_exact, **response.data}
        return response

    def get_paginated_response_schema(self, schema):
        schema = super().get_paginated_response_schema(schema)
        schema["required"] = ["count", "count_exact", "results"]
        schema["properties"] = {
            "count_exact": {
                "type": "boolean",
                "description": (
                    "Whether `count` is exact. A search matching more than "
                    f"{SEARCH_CAP:,} items counts its newest {SEARCH_CAP:,} and estimates "
                    "the rest from how far back in the list they reach (two significant "
                    "digits): then false, and the last pages may end early or be empty."
                ),
            },
            **schema["properties"],
        }
        return schema

    # The links leave out what the list does not read, so that a page asked for with junk
    # parameters is the page without them, and can be cached as one.
    def get_next_link(self):
        return without_unread(self.request, super().get_next_link())

    def get_previous_link(self):
        return without_unread(self.request, super().get_previous_link())
