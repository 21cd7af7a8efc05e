"""Atom feeds: all news, one body's news, one official's news and statements, corrections."""

from heapq import merge
from itertools import islice

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from people.models import Body, Official

from .models import NewsItem, Statement
from .revisions import correction_page

ITEMS = 30


class NewsFeed(Feed):
    feed_type = Atom1Feed

    def title(self):
        return _("CSTO archive: latest news")

    def link(self):
        return reverse("news:list")

    def items(self):
        return NewsItem.objects.published()[:ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return getattr(item, "lead", "") or item.text[:500]

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at


class BodyNewsFeed(NewsFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Body, slug=slug)

    def title(self, body):
        return _("CSTO archive: %(body)s") % {"body": body.display_name}

    def link(self, body):
        return body.get_absolute_url()

    def items(self, body):
        return body.news_items.published()[:ITEMS]


class OfficialFeed(NewsFeed):
    """News items that mention an official and the official's statements, newest first."""

    def get_object(self, request, slug):
        return get_object_or_404(Official, slug=slug)

    def title(self, official):
        return _("CSTO archive: %(name)s") % {"name": official.display_name}

    def link(self, official):
        return official.get_absolute_url()

    def items(self, official):
        news = official.news_items.published()[:ITEMS]
        statements = official.statements.published().select_related("speaker")[:ITEMS]
        newest_first = merge(news, statements, key=self.item_date, reverse=True)
        return list(islice(newest_first, ITEMS))

    @staticmethod
    def item_date(item):
        return item.said_on if isinstance(item, Statement) else item.published_on


class CorrectionsFeed(Feed):
    feed_type = Atom1Feed

    def title(self):
        return _("CSTO archive: corrections")

    def link(self):
        return reverse("news:corrections")

    def items(self):
        return correction_page(1, ITEMS).object_list

    def item_title(self, correction):
        return _("Correction: %(title)s") % {"title": correction.subject.title}

    def item_description(self, correction):
        return correction.record.history_change_reason or ""

    def item_link(self, correction):
        return f"{correction.subject.get_history_url()}#v{correction.record.history_id}"

    def item_pubdate(self, correction):
        return correction.record.history_date
