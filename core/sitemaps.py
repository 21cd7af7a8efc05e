"""The sitemap lists only what anonymous readers can see; each app gives its own sections."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class ArchiveSitemap(Sitemap):
    # Every page exists in English and Russian; list both with their alternates.
    i18n = True
    alternates = True


class PagesSitemap(ArchiveSitemap):
    """Pages that are not records (the home page, the lists), by their URL names."""

    def __init__(self, names):
        self.names = list(names)

    def items(self):
        return self.names

    def location(self, name):
        return reverse(name)
