"""The sitemap's news items and statements: the published ones, newest first."""

from core.sitemaps import ArchiveSitemap

from .models import NewsItem, Statement

PAGES = ["news:list", "news:statement_list", "news:corrections"]


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


SITEMAPS = {"news": NewsSitemap, "statements": StatementSitemap}
