from django.urls import include, path
from rest_framework.routers import SimpleRouter

from . import views

app_name = "api"

router = SimpleRouter()
router.register("news", views.NewsItemViewSet, basename="news")
router.register("statements", views.StatementViewSet, basename="statement")
router.register("officials", views.OfficialViewSet, basename="official")
router.register("bodies", views.BodyViewSet, basename="body")
router.register("states", views.StateViewSet, basename="state")
router.register("positions", views.PositionViewSet, basename="position")
router.register("meetings", views.MeetingViewSet, basename="meeting")
router.register("documents", views.DocumentViewSet, basename="document")

urlpatterns = [
    path("", include(router.urls)),
    path("popolo.json", views.PopoloView.as_view(), name="popolo"),
    path("schema/", views.SchemaView.as_view(), name="schema"),
    path("docs/", views.DocsView.as_view(), name="docs"),
]
