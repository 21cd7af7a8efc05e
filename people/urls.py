from django.urls import path

from . import views

app_name = "people"

urlpatterns = [
    path("officials/", views.OfficialListView.as_view(), name="official_list"),
    path("officials/<slug:slug>/", views.OfficialDetailView.as_view(), name="official_detail"),
    path("bodies/", views.BodyListView.as_view(), name="body_list"),
    path("bodies/<slug:slug>/", views.BodyDetailView.as_view(), name="body_detail"),
    path("states/", views.StateListView.as_view(), name="state_list"),
    path("states/<slug:slug>/", views.StateDetailView.as_view(), name="state_detail"),
]
