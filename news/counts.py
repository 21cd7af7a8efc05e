"""The published items' counts per year, body, language and kind, kept in step with saves.

A list page's total and its body and year facets are sums over `NewsCount` rows whenever
the list's filters are among those the table is cut by (one body at most: an item of two
bodies would be counted twice). Any other list, and every staff reader's (who see drafts),
is counted from the items as before.

A save recounts the years it touches, in its own transaction, so the counts are never
behind what a reader can see: the year before and after the save, and only when the item
is or was published (a draft's edits change no count). A year is a few thousand items, so a
recount is one grouped query over an index range. Bulk loads, which send no signals, call
`rebuild()`.
"""

import datetime

from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models import Count, F, Sum
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from core.functions import Year
from core.signals import bulk_loaded

from .models import NewsCount, NewsItem, Status

# The list filters the table is cut by.
COUNTED = frozenset({"body", "year", "language", "kind"})


@transaction.atomic
def recount(years):
    """Count the published items of these years again."""
    for year in sorted({year for year in years if year}):
        NewsCount.objects.filter(year=year).delete()
        NewsCount.objects.bulk_create(
            NewsCount(items=n, **_named(key)) for key, n in _counted(year=year).items()
        )


def rebuild(using=DEFAULT_DB_ALIAS):
    """Count every year again: after a bulk load, or to repair the table."""
    with transaction.atomic(using=using):
        NewsCount.objects.using(using).all().delete()
        rows = [NewsCount(items=n, **_named(key)) for key, n in _counted(using).items()]
        NewsCount.objects.using(using).bulk_create(rows, batch_size=1000)
    return len(rows)


def _counted(using=DEFAULT_DB_ALIAS, year=None):
    """{(year, body id or None, language, kind): items}, counted from the items (of one
    year, read through the date index, or of all)."""
    items = NewsItem.objects.using(using).published().order_by()
    links = NewsItem.bodies.through.objects.using(using).filter(newsitem__status=Status.PUBLISHED)
    if year is not None:
        span = (datetime.date(year, 1, 1), datetime.date(year, 12, 31))
        items = items.filter(published_on__range=span)
        links = links.filter(newsitem__published_on__range=span)
    totals = items.values("language", "kind", year=Year("published_on")).annotate(n=Count("pk"))
    per_body = links.values(
        "body",
        language=F("newsitem__language"),
        kind=F("newsitem__kind"),
        year=Year("newsitem__published_on"),
    ).annotate(n=Count("pk"))
    return {
        (row["year"], row.get("body"), row["language"], row["kind"]): row["n"]
        for group in (totals, per_body)
        for row in group
    }


def _named(key):
    return dict(zip(("year", "body_id", "language", "kind"), key, strict=True))


def drift(using=DEFAULT_DB_ALIAS):
    """[(row, kept, counted)] where the table differs from a count of the items."""
    fields = ("year", "body_id", "language", "kind")
    kept = {
        row[:-1]: row[-1] for row in NewsCount.objects.using(using).values_list(*fields, "items")
    }
    counted = _counted(using)
    return sorted(
        (
            (_named(key), kept.get(key, 0), counted.get(key, 0))
            for key in kept.keys() | counted.keys()
            if kept.get(key, 0) != counted.get(key, 0)
        ),
        key=repr,
    )


def _given(value):
    """Whether a cleaned filter value narrows the list (a multiple choice may be empty)."""
    if value is None or isinstance(value, str):
        return bool(value)
    return len(value) > 0 if hasattr(value, "__len__") else True


class Summary:
    """The counts of one list, read from the table; `for_filters` says whether it can."""

    def __init__(self, filters):
        self.filters = filters

    @classmethod
    def for_filters(cls, cleaned):
        """A Summary of the public list when its chosen filters are all counted by the
        table, else None."""
        chosen = {name: value for name, value in cleaned.items() if _given(value)}
        if not set(chosen) <= COUNTED or len(chosen.get("body", ())) > 1:
            return None
        return cls(chosen)

    def rows(self, without=None):
        """The rows of the list's filters, one of them left out (for that filter's facet)."""
        rows = NewsCount.objects.order_by()
        for name, value in self.filters.items():
            if name == without:
                continue
            rows = rows.filter(**({"body": value[0]} if name == "body" else {name: value}))
        if without != "body" and "body" not in self.filters:
            rows = rows.filter(body__isnull=True)
        return rows

    def count(self):
        return self.rows().aggregate(n=Sum("items"))["n"] or 0

    def by_body(self):
        """{body id: items} of the list without its body filter."""
        rows = self.rows(without="body").filter(body__isnull=False)
        return dict(rows.values_list("body").annotate(n=Sum("items")).values_list("body", "n"))

    def by_year(self):
        """[(year, items)] of the list without its year filter, newest first."""
        rows = self.rows(without="year").values_list("year").annotate(n=Sum("items"))
        return [(year, n) for year, n in rows.values_list("year", "n").order_by("-year") if n]


# Keeping the table in step with saves.


def _remember(sender, instance, raw=False, **kwargs):
    """Note the year and status an item had before this save, to recount that year too."""
    if raw or instance.pk is None:
        instance._counted_before = None
        return
    instance._counted_before = (
        NewsItem.objects.filter(pk=instance.pk).values_list("published_on", "status").first()
    )


def _item_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    years = set()
    before = getattr(instance, "_counted_before", None)
    if before and before[1] == Status.PUBLISHED:
        years.add(before[0].year)
    if instance.status == Status.PUBLISHED:
        years.add(instance.published_on.year)
    recount(years)


def _item_deleted(sender, instance, **kwargs):
    if instance.status == Status.PUBLISHED:
        recount({instance.published_on.year})


def _bodies_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not action.startswith("post_"):
        return
    if not reverse:
        items = [instance] if instance.status == Status.PUBLISHED else []
    else:
        # A body's side of the links: the items are given by their keys (or, for a
        # clear, are gone already; then recount every year the body had).
        if pk_set:
            items = NewsItem.objects.published().filter(pk__in=pk_set)
        else:
            years = NewsCount.objects.filter(body=instance).values_list("year", flat=True)
            recount(set(years))
            return
    recount({item.published_on.year for item in items})


def _bulk_loaded(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    rebuild(using)


def fill_if_empty(using=DEFAULT_DB_ALIAS):
    """Count a database that has published items but no counts yet (one just migrated)."""
    if (
        not NewsCount.objects.using(using).exists()
        and NewsItem.objects.using(using).published().exists()
    ):
        rebuild(using)


def connect():
    """Keep the counts in step with every save, delete and change of bodies (from ready())."""
    bulk_loaded.connect(_bulk_loaded, dispatch_uid="newscount-bulk")
    pre_save.connect(_remember, sender=NewsItem, dispatch_uid="newscount-remember")
    post_save.connect(_item_saved, sender=NewsItem, dispatch_uid="newscount-saved")
    post_delete.connect(_item_deleted, sender=NewsItem, dispatch_uid="newscount-deleted")
    m2m_changed.connect(
        _bodies_changed, sender=NewsItem.bodies.through, dispatch_uid="newscount-bodies"
    )
