"""The sitemap's officials, bodies, member states, meetings and documents: all of them are
public (none has a draft state)."""

from core.sitemaps import ArchiveSitemap

from .models import Body, Document, Meeting, MemberState, Official

PAGES = [
    "people:official_list",
    "people:body_list",
    "people:state_list",
    "people:meeting_list",
    "people:document_list",
]


class PeopleSitemap(ArchiveSitemap):
    def __init__(self, model):
        self.model = model

    def items(self):
        return self.model.objects.order_by("pk")


class DatedSitemap(PeopleSitemap):
    """Meetings and documents, whose last change the sitemap tells crawlers."""

    limit = 2500

    def lastmod(self, record):
        return record.updated_at


SITEMAPS = {
    "officials": PeopleSitemap(Official),
    "bodies": PeopleSitemap(Body),
    "states": PeopleSitemap(MemberState),
    "meetings": DatedSitemap(Meeting),
    "documents": DatedSitemap(Document),
}
