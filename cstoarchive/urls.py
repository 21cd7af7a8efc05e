from django.contrib import admin
from django.urls import include, path

from news.views import HomeView

admin.site.site_header = "CSTO archive: editors"
admin.site.site_title = "CSTO archive"

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("", include("news.urls")),
    path("", include("people.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
