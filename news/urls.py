from django.urls import path

from . import views

app_name = "news"

urlpatterns = [
    path("news/", views.NewsListView.as_view(), name="list"),
    path("news/<int:year>/", views.NewsYearView.as_view(), name="year"),
    path(
        "news/<int:year>/<int:month>/<int:day>/<slug:slug>/",
        views.NewsDetailView.as_view(),
        name="detail",
    ),
    path("statements/", views.StatementListView.as_view(), name="statement_list"),
    path("statements/<int:pk>/", views.StatementDetailView.as_view(), name="statement_detail"),
]
