"""One history entry per edit, whoever makes it: the admin, a command or the importer.

simple-history writes a row on every save and another on every many-to-many change, so
one admin save of a news item with bodies, officials and states would leave four rows,
three of them half-finished. `revision()` suppresses those and writes a single row once
the object and all its links are saved, with the editor, the reason and the kind of change.
"""

from contextlib import contextmanager

from django.db import models
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record


class ChangeKind(models.TextChoices):
    MINOR = "minor", _("Minor: typo or formatting")
    SUBSTANTIVE = "substantive", _("Substantive: meaning, attribution or date")


class CorrectionFields(models.Model):
    """Extra history columns of public texts: is the change a correction readers must see."""

    change_kind = models.CharField(
        _("kind of change"), max_length=12, choices=ChangeKind.choices, blank=True
    )

    class Meta:
        abstract = True


class ArchiveHistoricalRecords(HistoricalRecords):
    """HistoricalRecords that the model can reach, so `revision()` can write a row itself."""

    def contribute_to_class(self, cls, name):
        super().contribute_to_class(cls, name)
        cls._history_records = self


@receiver(pre_create_historical_record)
def copy_change_kind(sender, instance, history_instance, **kwargs):
    """Carry the kind of change given with the edit into the history row."""
    if hasattr(history_instance, "change_kind"):
        history_instance.change_kind = getattr(instance, "_change_kind", "")


def record_revision(instance, *, created, user=None, reason="", kind=""):
    """Write one history row for the instance and its links as they are now."""
    instance.__dict__.pop("skip_history_when_saving", None)
    instance._history_user = user
    instance._change_reason = reason
    instance._change_kind = kind
    try:
        type(instance)._history_records.create_historical_record(instance, "+" if created else "~")
    finally:
        # These stick to the instance otherwise and would label the next edit too.
        del instance._change_reason
        del instance._history_user
        del instance._change_kind


@contextmanager
def revision(instance, *, user=None, reason="", kind=""):
    """Record the saves and link changes made inside the block as one history entry.

    Nothing is recorded when the block raises, so a failed edit leaves no trace.
    """
    created = instance._state.adding
    instance.skip_history_when_saving = True
    try:
        yield instance
    finally:
        instance.__dict__.pop("skip_history_when_saving", None)
    record_revision(instance, created=created, user=user, reason=reason, kind=kind)
