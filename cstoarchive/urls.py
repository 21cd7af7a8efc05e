from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.http import HttpResponse
from django.urls import include, path
from django.views.generic import TemplateView

from core.parameters import reads
from core.sitemaps import PagesSitemap
from news import sitemaps as news_sitemaps
from news.views import HomeView
from people import sitemaps as people_sitemaps

handler400 = "core.errors.bad_request"
handler403 = "core.errors.permission_denied"
handler404 = "core.errors.page_not_found"
handler500 = "core.errors.server_error"

admin.site.site_header = "CSTO archive: editors"
admin.site.site_title = "CSTO archive"


SITEMAPS = {
    "pages": PagesSitemap(["home", *news_sitemaps.PAGES, *people_sitemaps.PAGES]),
    **news_sitemaps.SITEMAPS,
    **people_sitemaps.SITEMAPS,
}


def healthz(request):
    """Answer "ok": for load balancers, and the benchmark's floor (the cheapest response)."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    # The JSON API has one address for all languages.
    path("api/", include("api.urls")),
    # ?p= is the page of a sitemap over 2,500 addresses.
    path("sitemap.xml", reads("p")(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "robots.txt",
        reads()(TemplateView.as_view(template_name="robots.txt", content_type="text/plain")),
        name="robots",
    ),
]

# English pages at /news/..., Russian ones at /ru/news/...: each address names its language.
urlpatterns += i18n_patterns(
    path("", HomeView.as_view(), name="home"),
    path("", include("news.urls")),
    path("", include("people.urls")),
    path("", include("alerts.urls")),
    prefix_default_language=False,
)
