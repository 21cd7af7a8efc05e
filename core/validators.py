"""Limits on what the archive stores, set on the model fields so that every path that
validates (the admin, the loaders, the importer) refuses the same input."""

from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

# Sources and archived copies are web pages: a reader's browser opens http and https
# only, and a javascript: address would run in the reader's page.
web_url = URLValidator(
    schemes=["http", "https"],
    message=_("Enter a web address that starts with http:// or https://."),
)

# Far above any real article, low enough that a pasted file cannot fill the database;
# the news text limit is also the admin importer's.
NEWS_TEXT_LIMIT = 200_000
STATEMENT_TEXT_LIMIT = 50_000
LEAD_LIMIT = 2_000
DESCRIPTION_LIMIT = 20_000
ALIASES_LIMIT = 10_000
