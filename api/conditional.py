"""ETags of API responses, known before a response is built.

A response depends only on the archive's content (its version changes on every save and
delete), the full address asked for and, through `is_current` and the `post` filter, on
today's date; a client that sends the ETag back gets a 304 without any serialising.
"""

import hashlib

from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.http import condition

from core.models import ArchiveState


def archive_etag(request, *args, **kwargs):
    """Return the ETag of the response to this request in the archive's current state."""
    parts = (ArchiveState.version_now(), request.build_absolute_uri(), timezone.localdate())
    return hashlib.sha1(repr(parts).encode()).hexdigest()


def with_archive_etag(view_class):
    """Make a class-based view answer conditional requests by the archive's ETag."""
    return method_decorator(condition(etag_func=archive_etag), name="dispatch")(view_class)
