"""The one record every app shares: the archive's version."""

from django.db import connection, models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ArchiveState(models.Model):
    """One row that changes whenever anything public changes.

    Cached counts and facets are keyed by `version`, so every process of every server
    sees a save at once without a shared cache; feeds and lists use `changed_at` as their
    Last-Modified date. The apps say which of their models count (`core.signals.watch`).
    """

    version = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        # The table was made by the news app, where the model lived first.
        db_table = "news_archivestate"
        verbose_name = _("archive state")
        constraints = [models.CheckConstraint(condition=Q(pk=1), name="archivestate_single_row")]

    def __str__(self):
        return f"version {self.version} of {self.changed_at:%Y-%m-%d %H:%M}"

    @classmethod
    def current(cls):
        """Return the state, creating it on first use."""
        state, _created = cls.objects.get_or_create(pk=1)
        return state

    @classmethod
    def version_now(cls):
        """Return the current version with one plain query.

        Every page served from the cache asks for it; through the ORM the question costs
        more than answering the rest of the request.
        """
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT version FROM {cls._meta.db_table} WHERE id = 1")
            row = cursor.fetchone()
        return row[0] if row else cls.current().version

    @classmethod
    def bump(cls):
        """Record that something changed: invalidates every cached count."""
        if not cls.objects.filter(pk=1).update(version=F("version") + 1, changed_at=timezone.now()):
            cls.objects.get_or_create(pk=1)
