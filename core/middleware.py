"""Whole public pages served from the cache until anything in the archive changes."""

import hashlib

from django.core.cache import cache
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

from .models import ArchiveState
from .parameters import canonical_path

TIMEOUT = 60 * 60
SKIPPED_PREFIXES = ("/admin/", "/healthz", "/static/")


class ArchivePageCacheMiddleware:
    """Cache anonymous readers' GET pages under the archive version.

    Any save or delete increases ArchiveState.version, and the key holds the date, so a
    cached page is never stale.
    Staff (who may see drafts) and requests with a query the page refused are not cached.
    Placed last in MIDDLEWARE, so that every other middleware still adds its headers to a
    page served from the cache.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self.cacheable_request(request):
            return self.get_response(request)
        version = ArchiveState.version_now()
        key = self.key(request, version)
        response = cache.get(key)
        if response is None:
            response = self.get_response(request)
            if self.cacheable_response(response):
                if hasattr(response, "render") and callable(response.render):
                    response.add_post_render_callback(lambda r: self.store(key, r))
                else:
                    self.store(key, response)
        patch_vary_headers(response, ["Cookie"])
        return response

    @staticmethod
    def store(key, response):
        # One body chunk: a feed is written in hundreds of pieces, and a server sending
        # them one by one stalls on the network far longer than it took to build them.
        response.content = response.content
        cache.set(key, response, TIMEOUT)

    @staticmethod
    def cacheable_request(request):
        return (
            request.method in ("GET", "HEAD")
            and not request.path.startswith(SKIPPED_PREFIXES)
            and not request.user.is_authenticated
        )

    @staticmethod
    def cacheable_response(response):
        return (
            response.status_code in (200, 301, 404)
            and not response.streaming
            and not response.cookies
            and not {"private", "no-store"}
            & {part.strip() for part in response.get("Cache-Control", "").split(",")}
        )

    @staticmethod
    def key(request, version):
        # The host too: feeds and the sitemap write absolute addresses. And today's date:
        # who holds a post "now" changes at midnight without any save.
        # Only the parameters the page reads count (see core.parameters).
        page = request.build_absolute_uri(canonical_path(request))
        address = f"{request.method}:{page}:{get_language()}"
        day = timezone.localdate().isoformat()
        return f"page:{version}:{day}:{hashlib.sha1(address.encode()).hexdigest()}"
