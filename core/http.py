"""Requests the archive refuses with a reason."""

from django.http import HttpResponse


class RequestError(Exception):
    """A request that cannot be answered as asked: its text says why, in plain words."""

    def response(self):
        """Return the 400 a client gets, with the reason as plain text."""
        return HttpResponse(str(self), status=400, content_type="text/plain; charset=utf-8")
