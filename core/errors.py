"""Error answers: pages in the site's design and language, JSON under /api/.

Django calls these for an exception no view handled (cstoarchive/urls.py names them).
"""

from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _

from .context_processors import error_page_links

API_PREFIX = "/api/"


def wants_json(request):
    """The API answers in JSON whatever happens, as its documented errors do."""
    return request.path.startswith(API_PREFIX)


def error_response(request, status, template, detail, with_context=True):
    if wants_json(request):
        return JsonResponse({"detail": detail}, status=status)
    if with_context:
        body = loader.render_to_string(template, error_page_links(), request=request)
    else:
        # A server error may come from the context processors themselves: render with
        # the request alone (language, addresses) and nothing that reads the database.
        body = loader.get_template(template).render(error_page_links())
    return HttpResponse(body, status=status, content_type="text/html; charset=utf-8")


def bad_request(request, exception=None):
    return error_response(request, 400, "400.html", _("Bad request."))


def permission_denied(request, exception=None):
    return error_response(request, 403, "403.html", _("You do not have permission to do this."))


def page_not_found(request, exception=None):
    return error_response(request, 404, "404.html", _("Not found."))


def too_many_requests(request, exception=None):
    """For a limit on requests: the page (or JSON) a refused reader gets."""
    return error_response(request, 429, "429.html", _("Too many requests. Wait, then try again."))


def server_error(request):
    return error_response(request, 500, "500.html", _("Server error."), with_context=False)
