"""A reader's choice to list only the items in the language of the pages they read.

The choice is a cookie; the lists themselves stay addresses of their own (`?language=ru`),
so a cached page never depends on who asks. A reader who chose it and opens a list with no
language chosen is sent to that list in the page's language; the switch on each list turns
the choice on (going to the filtered list) or off (going to the list in every language).
"""

from urllib.parse import parse_qsl

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import get_language
from django.views import View

from core.errors import bad_request
from core.parameters import canonical_query

COOKIE = "own_language_only"
COOKIE_SECONDS = 365 * 24 * 60 * 60
# The lists with a language filter that the choice applies to, and the pages whose news
# list it filters (OwnLanguageNewsMixin).
LISTS = {
    "news:list",
    "news:year",
    "news:statement_list",
    "people:body_detail",
    "people:official_detail",
    "people:state_detail",
    "people:meeting_detail",
}
# A download is the list its address names: the choice never changes it.
UNTOUCHED = ("language", "format")


def chose_own_language(request):
    return request.COOKIES.get(COOKIE) == "1"


def is_choosable_list(path):
    try:
        return resolve(path).view_name in LISTS
    except Resolver404:
        return False


def read_query(request):
    """The list's query as the list reads it (its filters, in order, no junk, no page)."""
    query = {}
    for name, value in parse_qsl(canonical_query(request) or ""):
        if name != "page":
            query.setdefault(name, []).append(value)
    return query


def with_query(path, query):
    """The path with this query, or alone when the query is empty."""
    encoded = urlencode(query, doseq=True)
    return f"{path}?{encoded}" if encoded else path


def own_language_switch(request):
    """What the switch on a list shows: whether it lists only the page's language, the
    value that turns the choice on or off from here, and the list to go to then."""
    language = get_language()
    query = read_query(request)
    only = query.get("language") == [language]
    query.pop("language", None)
    if only:
        target, turn = with_query(request.path, query), "0"
    else:
        target, turn = with_query(request.path, query | {"language": language}), "1"
    return {"only": only, "turn": turn, "next": target}


class OwnLanguageSwitchMixin:
    """Give a list's template the switch (`own_language`)."""

    def get_context_data(self, **kwargs):
        return super().get_context_data(own_language=own_language_switch(self.request), **kwargs)


class OwnLanguageNewsMixin(OwnLanguageSwitchMixin):
    """A detail page whose news list the switch filters: `?language=en` or `ru` lists only
    that language's items; any other value is a 400."""

    query_parameters = ("language",)

    def get(self, request, *args, **kwargs):
        value = request.GET.get("language")
        if value and value not in dict(settings.LANGUAGES):
            return bad_request(request)
        return super().get(request, *args, **kwargs)

    def news_language(self):
        """The language the page's news list keeps, or None for every language."""
        return self.request.GET.get("language") or None

    def own_language_news(self, news):
        """The news items the page lists, as the reader chose."""
        language = self.news_language()
        return news.filter(language=language) if language else news


class OwnLanguageListsMiddleware:
    """Send a reader who chose their own language to a list in it, when they opened the
    list without a language. Before the page cache, which keys pages on their address."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method in ("GET", "HEAD")
            and chose_own_language(request)
            and not any(name in request.GET for name in UNTOUCHED)
            and is_choosable_list(request.path_info)
        ):
            query = read_query(request)
            response = HttpResponseRedirect(
                with_query(request.path, query | {"language": get_language()})
            )
            patch_cache_control(response, private=True, no_store=True)
            patch_vary_headers(response, ["Cookie"])
            return response
        return self.get_response(request)


class ReadingLanguageView(View):
    """Turn the choice on (?only=1) or off (?only=0), then go back to `next`, a list."""

    query_parameters = ("only", "next")

    def get(self, request):
        only = request.GET.get("only")
        if only not in ("0", "1"):
            return bad_request(request)
        target = request.GET.get("next", "")
        path = target.split("?", 1)[0]
        if not (
            target.startswith("/")
            and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
            and is_choosable_list(path)
        ):
            target = reverse("news:list")
        response = HttpResponseRedirect(target)
        if only == "1":
            response.set_cookie(
                COOKIE, "1", max_age=COOKIE_SECONDS, samesite="Lax", secure=request.is_secure()
            )
        else:
            response.delete_cookie(COOKIE, samesite="Lax")
        patch_cache_control(response, private=True, no_store=True)
        return response
