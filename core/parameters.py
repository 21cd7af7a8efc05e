"""Which query parameters a page reads; the rest of a query string changes nothing.

A view says what it reads with `query_parameters`: a tuple of names, or a classmethod
returning them (a filtered list reads its filters, `page` and `format`). The page cache
keys a page on those parameters only, sorted and without blank values, and the language
switcher links carry only them: `?q=meeting&zz=1` is the page `?q=meeting` is, so junk
parameters cannot make every request a new computation. A view that does not say keeps
its whole query string.
"""

from functools import wraps
from urllib.parse import parse_qsl, urlsplit, urlunsplit

from django.urls import Resolver404, resolve
from django.utils.http import urlencode

DEFAULTS = {"page": "1"}


def reads(*names):
    """Mark a view function as reading only these query parameters."""

    def mark(view):
        @wraps(view)
        def marked(*args, **kwargs):
            return view(*args, **kwargs)

        marked.query_parameters = names
        return marked

    return mark


def declared_parameters(view):
    """Return the names a view function (or the class or feed behind it) reads, or None."""
    while view is not None:
        for owner in (getattr(view, "view_class", None), getattr(view, "cls", None), view):
            declared = getattr(owner, "query_parameters", None)
            if declared is not None:
                return frozenset(declared() if callable(declared) else declared)
        view = getattr(view, "__wrapped__", None)  # under a decorator
    return None


def page_parameters(request):
    """Return the names the page at this request's address reads, None when it does not say."""
    if not hasattr(request, "_page_parameters"):
        try:
            view = resolve(request.path_info).func
        except Resolver404:
            request._page_parameters = frozenset()  # a 404 reads nothing
        else:
            request._page_parameters = declared_parameters(view)
    return request._page_parameters


def canonical_query(request):
    """Return the query string as the page reads it: its parameters, sorted, blanks dropped.

    Return None for a page that does not say what it reads.
    """
    names = page_parameters(request)
    if names is None:
        return None
    pairs = sorted(
        (name, value)
        for name in names
        for value in request.GET.getlist(name)
        if value.strip() and DEFAULTS.get(name) != value
    )
    return urlencode(pairs)


def without_unread(request, link):
    """Return a link to a page like this one, without the parameters the page does not read."""
    names = page_parameters(request)
    if link is None or names is None:
        return link
    parts = urlsplit(link)
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    return urlunsplit(parts._replace(query=urlencode([(k, v) for k, v in pairs if k in names])))


def canonical_path(request):
    """Return the path with the canonical query string, as a link to this page."""
    query = canonical_query(request)
    if query is None:
        return request.get_full_path()
    return f"{request.path}?{query}" if query else request.path
