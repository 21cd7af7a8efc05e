"""The sitemap lists only what anonymous readers can see."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from news.models import NewsItem, Statement
from people.models import Body, MemberState, Official


class ArchiveSitemap(Sitemap):
    # Every page exists in English and Russian; list both with their alternates.
    i18n = True
    alternates = True


class StaticSitemap(ArchiveSitemap):
    def items(self):
        return [
            "home",
            "news:list",
            "news:statement_list",
            "news:corrections",
            "people:official_list",
            "people:body_list",
            "people:state_list",
        ]

    def location(self, name):
        return reverse(name)


class NewsSitemap(ArchiveSitemap):
    limit = 2500

    def items(self):
        return NewsItem.objects.published().order_by("-published_on", "-id")

    def lastmod(self, item):
        return item.updated_at


class StatementSitemap(ArchiveSitemap):
    limit = 2500

    def items(self):
        return Statement.objects.published().order_by("-said_on", "-id")

    def lastmod(self, statement):
        return statement.updated_at


class PeopleSitemap(ArchiveSitemap):
    def __init__(self, model):
        self.model = model

    def items(self):
        return self.model.objects.order_by("pk")


SITEMAPS = {
    "pages": StaticSitemap,
    "news": NewsSitemap,
    "statements": StatementSitemap,
    "officials": PeopleSitemap(Official),
    "bodies": PeopleSitemap(Body),
    "states": PeopleSitemap(MemberState),
}
