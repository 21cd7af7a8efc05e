from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What every app of the archive shares: the archive's version and the caches keyed by
    it, history, lists, filters, downloads, loading, archive files and backups."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "core"
    verbose_name = _("Archive")

    def ready(self):
        from . import (
            history,  # noqa: F401  (copies the kind of change into history rows)
            search,  # noqa: F401  (registers the `searchable` lookup)
        )
