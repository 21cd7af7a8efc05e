"""Counts and facets that cost a scan of the archive are computed once per archive version.

The key of every cached value holds ArchiveState.version, which every save and delete
increases, so a cached count is never stale, whatever process or server made the change,
and the cache backend can be per-process memory (the default) or a shared Redis.
"""

import hashlib

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.utils.functional import cached_property

TIMEOUT = 60 * 60


def cached_value(version, parts, compute):
    """Return compute(), remembered under the archive version and the given key parts."""
    digest = hashlib.sha1(repr((version, *parts)).encode()).hexdigest()
    key = f"archive:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT)
    return value


def query_key(query):
    """Return a query's SQL as a cache key part, or None when it can match nothing.

    A filter on an empty list (`pk__in=[]`, a state with no membership on record) makes a
    query Django answers without SQL, and whose SQL therefore cannot be written out.
    """
    if query.is_empty():
        return None
    try:
        return str(query)
    except EmptyResultSet:
        return None


class ArchivePaginator(Paginator):
    """A paginator whose count is cached and whose pages cost the same at any depth.

    A page first reads the primary keys of its rows, which the list indexes cover, and
    then only those rows; so page 4,000 does not load the 80,000 rows before it.
    """

    def __init__(
        self,
        object_list,
        per_page,
        *,
        version,
        plain=None,
        rows=None,
        order=None,
        counter=None,
        **kwargs,
    ):
        super().__init__(object_list, per_page, **kwargs)
        # The count from somewhere cheaper than the rows (a table of counts), when known.
        self.counter = counter
        self.version = version
        self.load_rows = rows
        # An order kept outside the database (a bounded search's): it gives the keys of a
        # stretch of the list with `ids(bottom, top)`, and the count with `count()`.
        self.order = order
        # The same rows without a costly ordering (a relevance ranking), to count them and
        # to load a page's rows once their order is known.
        self.plain = object_list if plain is None else plain

    @cached_property
    def count(self):
        key = query_key(self.plain.query)
        if key is None:  # an invalid filter or an empty list: nothing to count
            return 0
        if self.order is not None:
            return cached_value(self.version, ("count", key), self.order.count)
        if self.counter is not None:
            return self.counter()
        return cached_value(self.version, ("count", key), self.plain.count)

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        if self.order is not None:
            ids = self.order.ids(bottom, top)
        else:
            ids = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        # The keys give the order; looked up by key alone, the rows cost the same on any
        # page (repeating the list's filters may lead the database to walk a whole index).
        if not ids:
            rows = []
        elif self.load_rows is not None:
            rows = self.load_rows(ids)
        else:
            rows = self.plain.order_by().filter(pk__in=ids)
        by_id = {row.pk: row for row in rows}
        return self._get_page([by_id[pk] for pk in ids], number, self)
