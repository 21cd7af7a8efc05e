from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from .fulltext import ensure_sqlite_index, restore_sqlite_statistics


class NewsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "news"
    verbose_name = _("News and statements")

    def ready(self):
        from core.signals import watch, watch_links

        from . import counts
        from .models import NewsItem, Statement

        watch(NewsItem, Statement)
        watch_links(NewsItem.bodies.through, NewsItem.officials.through, NewsItem.states.through)
        counts.connect()
        post_migrate.connect(keep_search_index, sender=self)


def keep_search_index(using, **kwargs):
    """Restore what SQLite loses when a migration rebuilds a table: triggers and figures;
    count the items of a database migrated from before the table of counts."""
    ensure_sqlite_index(connections[using])
    restore_sqlite_statistics(connections[using])
    from .counts import fill_if_empty

    fill_if_empty(using)
