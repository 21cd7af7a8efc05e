"""Last-Modified dates for conditional GET, computed before a page is built.

A reader (or a feed reader) that already has the page gets a 304 without the page being
rendered. Detail pages use their own update time; feeds and lists the archive's.
"""

from django.utils.decorators import method_decorator
from django.views.decorators.http import condition

from core.models import ArchiveState

from .models import NewsItem, Statement


def archive_changed_at(request, *args, **kwargs):
    return ArchiveState.current().changed_at


def news_item_changed_at(request, year, month, day, slug):
    return (
        NewsItem.objects.visible_to(request.user)
        .at_address(year, month, day, slug)
        .values_list("updated_at", flat=True)
        .first()
    )


def statement_changed_at(request, pk):
    return (
        Statement.objects.visible_to(request.user)
        .filter(pk=pk)
        .values_list("updated_at", flat=True)
        .first()
    )


def last_modified(func):
    """Decorate a class-based view's dispatch with a Last-Modified function."""
    return method_decorator(condition(last_modified_func=func), name="dispatch")


def feed_last_modified(feed):
    """Wrap a feed so that it answers conditional requests by the archive's last change."""
    return condition(last_modified_func=archive_changed_at)(feed)
