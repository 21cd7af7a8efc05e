from django.urls import path

from . import calendars, views

app_name = "people"

urlpatterns = [
    path("officials/", views.OfficialListView.as_view(), name="official_list"),
    path("officials/<slug:slug>/", views.OfficialDetailView.as_view(), name="official_detail"),
    path("bodies/", views.BodyListView.as_view(), name="body_list"),
    path("bodies/<slug:slug>/", views.BodyDetailView.as_view(), name="body_detail"),
    path(
        "bodies/<slug:slug>/calendar.ics",
        calendars.BodyCalendarView.as_view(),
        name="body_calendar",
    ),
    path("states/", views.StateListView.as_view(), name="state_list"),
    path("states/<slug:slug>/", views.StateDetailView.as_view(), name="state_detail"),
    path("meetings/", views.MeetingListView.as_view(), name="meeting_list"),
    path("meetings/calendar.ics", calendars.MeetingsCalendarView.as_view(), name="calendar"),
    path("meetings/<slug:slug>/", views.MeetingDetailView.as_view(), name="meeting_detail"),
    path("documents/", views.DocumentListView.as_view(), name="document_list"),
    path("documents/<slug:slug>/", views.DocumentDetailView.as_view(), name="document_detail"),
]
