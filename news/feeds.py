"""Atom feeds: news (of any search of the list), one body's news, one official's news and
statements, corrections."""

import re
from heapq import merge
from itertools import islice

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from core.filters import FilterError
from core.models import ArchiveState
from core.text import script_language
from people.models import Body, Document, Meeting, Official

from .filters import NewsFilter
from .models import NewsItem, Statement
from .revisions import correction_page

ITEMS = 30
# Characters XML 1.0 cannot hold; texts pasted from documents sometimes carry them.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def xml_text(text):
    """Return the text with the characters XML cannot hold turned into spaces."""
    return CONTROL_CHARACTERS.sub(" ", str(text))


class ArchiveAtomFeed(Atom1Feed):
    """An Atom feed that writes any title and summary, whatever characters they hold."""

    def __init__(self, title, link, description, *args, **kwargs):
        super().__init__(xml_text(title), link, description, *args, **kwargs)

    def add_item(self, title, link, description, *args, **kwargs):
        description = xml_text(description) if description else description
        super().add_item(xml_text(title), link, description, *args, **kwargs)

    # An entry, or its summary, written in another language than the feed's says so with
    # xml:lang (RFC 4287 section 2), as its row on a page carries lang="en": readers then
    # pronounce it right. A statement's title is ours, in the feed's language; its text is not.
    def item_attributes(self, item):
        language = item.get("title_language")
        if language and language != self.feed["language"]:
            return {"xml:lang": language}
        return {}

    def add_item_elements(self, handler, item):
        summary = item["description"]
        super().add_item_elements(handler, {**item, "description": None})
        if summary is not None:
            attributes = {"type": "html"}
            around = item.get("title_language") or self.feed["language"]
            language = item.get("summary_language")
            if language and language != around:
                attributes["xml:lang"] = language
            handler.addQuickElement("summary", summary, attributes)


class ArchiveFeed(Feed):
    """What every feed of the archive carries for RFC 4287: an author on the feed and on
    each entry (section 4.1.1), and an id and an updated date on each (4.1.2; Django writes
    the ids from the links and the feed's date from its newest entry)."""

    feed_type = ArchiveAtomFeed
    query_parameters = ()

    def author_name(self):
        return _("CSTO archive")

    def item_author_name(self, item):
        return _("CSTO archive")

    def item_extra_kwargs(self, item):
        # News items and statements know their language; other entries are in the feed's.
        if isinstance(item, NewsItem):
            return {"title_language": item.language, "summary_language": item.language}
        if isinstance(item, Statement):
            return {"summary_language": item.language}
        # A reason or a summary that editors typed without saying its language: its script.
        return {
            "summary_language": script_language(self._get_dynamic_attr("item_description", item))
        }


def not_empty(items):
    """Return the items, or answer 404: a person or body with nothing yet has no feed
    (their page does not link one), rather than a feed a validator reads as empty."""
    if not items:
        raise Http404(_("Nothing published yet."))
    return items


class NewsItemsFeed(ArchiveFeed):
    """How a news item reads in a feed."""

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Atom summaries are HTML (type="html"): plain text must be escaped to stay text.
        return escape(getattr(item, "lead", "") or item.text[:500])

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at


class NewsFeed(NewsItemsFeed):
    """The latest published news; with the filters of /news/ (?body=…&year=…), of that search."""

    query_parameters = tuple(NewsFilter.base_filters)

    def __call__(self, request, *args, **kwargs):
        try:
            return super().__call__(request, *args, **kwargs)
        except FilterError as error:
            return error.response()

    def get_object(self, request):
        return NewsFilter(
            request.GET or None,
            queryset=NewsItem.objects.published(),
            version=ArchiveState.version_now(),
        ).check()

    def title(self, filterset):
        chosen = filterset.active_filters()
        if not chosen:
            return _("CSTO archive: latest news")
        return _("CSTO archive: news, %(filters)s") % {
            "filters": "; ".join(f"{label}: {shown}" for label, shown, _rest in chosen)
        }

    def link(self, filterset):
        return reverse("news:list") + self.search(filterset)

    def feed_url(self, filterset):
        return reverse("news:feed") + self.search(filterset)

    @staticmethod
    def search(filterset):
        """Return '?' and the filters of a search, or nothing for all news."""
        query = filterset.query_without("format") if filterset.is_bound else ""
        return f"?{query}" if query else ""

    def items(self, filterset):
        # Keys first: the filters' joins and DISTINCT then never touch whole rows.
        ids = list(filterset.qs.values_list("pk", flat=True)[:ITEMS])
        rows = NewsItem.objects.in_bulk(ids)
        return [rows[pk] for pk in ids]


class BodyNewsFeed(NewsItemsFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Body, slug=slug)

    def title(self, body):
        return _("CSTO archive: %(body)s") % {"body": body.display_name}

    def link(self, body):
        return body.get_absolute_url()

    def items(self, body):
        return not_empty(list(body.news_items.published()[:ITEMS]))


class OfficialFeed(NewsItemsFeed):
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
        return not_empty(list(islice(newest_first, ITEMS)))

    @staticmethod
    def item_date(item):
        return item.said_on if isinstance(item, Statement) else item.published_on


class MeetingsFeed(ArchiveFeed):
    """Meetings and documents as the archive adds them, newest first."""

    def title(self):
        return _("CSTO archive: new meetings and documents")

    def link(self):
        return reverse("people:meeting_list")

    def items(self):
        meetings = Meeting.objects.select_related("body").order_by("-created_at", "-id")[:ITEMS]
        documents = Document.objects.order_by("-created_at", "-id")[:ITEMS]
        newest_first = merge(meetings, documents, key=lambda row: row.created_at, reverse=True)
        return list(islice(newest_first, ITEMS))

    def item_title(self, item):
        if isinstance(item, Meeting):
            return _("Meeting: %(title)s") % {"title": item.title}
        return _("Document: %(title)s") % {"title": item.display_title}

    def item_description(self, item):
        return escape(item.display_summary)

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at


class CorrectionsFeed(ArchiveFeed):
    def title(self):
        return _("CSTO archive: corrections")

    def link(self):
        return reverse("news:corrections")

    def items(self):
        return correction_page(1, ITEMS).object_list

    def item_title(self, correction):
        return _("Correction: %(title)s") % {"title": correction.subject.title}

    def item_description(self, correction):
        return escape(correction.record.history_change_reason or "")

    def item_link(self, correction):
        return f"{correction.subject.get_history_url()}#v{correction.record.history_id}"

    def item_pubdate(self, correction):
        return correction.record.history_date

    def item_updateddate(self, correction):
        return correction.record.history_date
