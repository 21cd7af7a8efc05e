from django.urls import path

from core import reading

from . import feeds, views
from .conditional import feed_last_modified

app_name = "news"

NEWS_ITEM = "news/<int:year>/<int:month>/<int:day>/<slug:slug>/"

urlpatterns = [
    path("reading-language/", reading.ReadingLanguageView.as_view(), name="reading_language"),
    path("news/", views.NewsListView.as_view(), name="list"),
    path("news/<int:year>/", views.NewsListView.as_view(), name="year"),
    path(NEWS_ITEM, views.NewsDetailView.as_view(), name="detail"),
    path(f"{NEWS_ITEM}history/", views.NewsHistoryView.as_view(), name="history"),
    path("statements/", views.StatementListView.as_view(), name="statement_list"),
    path("statements/<int:pk>/", views.StatementDetailView.as_view(), name="statement_detail"),
    path(
        "statements/<int:pk>/history/",
        views.StatementHistoryView.as_view(),
        name="statement_history",
    ),
    path("corrections/", views.CorrectionsView.as_view(), name="corrections"),
    path("corrections/feed/", feed_last_modified(feeds.CorrectionsFeed()), name="corrections_feed"),
    path("feeds/news/", feed_last_modified(feeds.NewsFeed()), name="feed"),
    path("feeds/meetings/", feed_last_modified(feeds.MeetingsFeed()), name="meetings_feed"),
    path("bodies/<slug:slug>/feed/", feed_last_modified(feeds.BodyNewsFeed()), name="body_feed"),
    path(
        "officials/<slug:slug>/feed/",
        feed_last_modified(feeds.OfficialFeed()),
        name="official_feed",
    ),
]
