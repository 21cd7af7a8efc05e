"""The sitemap's officials, bodies and member states: all of them are public."""

from core.sitemaps import ArchiveSitemap

from .models import Body, MemberState, Official

PAGES = ["people:official_list", "people:body_list", "people:state_list"]


class PeopleSitemap(ArchiveSitemap):
    def __init__(self, model):
        self.model = model

    def items(self):
        return self.model.objects.order_by("pk")


SITEMAPS = {
    "officials": PeopleSitemap(Official),
    "bodies": PeopleSitemap(Body),
    "states": PeopleSitemap(MemberState),
}
