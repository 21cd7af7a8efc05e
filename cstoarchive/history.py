"""One history entry per edit, whoever makes it: the admin, a command or the importer.

simple-history writes a row on every save and another on every many-to-many change, so
one admin save of a news item with bodies, officials and states would leave four rows,
three of them half-finished. `revision()` suppresses those and writes a single row once
the object and all its links are saved, with the editor and the reason.
"""

from contextlib import contextmanager

from simple_history.models import HistoricalRecords


class ArchiveHistoricalRecords(HistoricalRecords):
    """HistoricalRecords that the model can reach, so `revision()` can write a row itself."""

    def contribute_to_class(self, cls, name):
        super().contribute_to_class(cls, name)
        cls._history_records = self


def record_revision(instance, *, created, user=None, reason=""):
    """Write one history row for the instance and its links as they are now."""
    instance.__dict__.pop("skip_history_when_saving", None)
    instance._history_user = user
    instance._change_reason = reason
    try:
        type(instance)._history_records.create_historical_record(instance, "+" if created else "~")
    finally:
        # The reason sticks to the instance otherwise and would label the next edit too.
        del instance._change_reason
        del instance._history_user


@contextmanager
def revision(instance, *, user=None, reason=""):
    """Record the saves and link changes made inside the block as one history entry.

    Nothing is recorded when the block raises, so a failed edit leaves no trace.
    """
    created = instance._state.adding
    instance.skip_history_when_saving = True
    try:
        yield instance
    finally:
        instance.__dict__.pop("skip_history_when_saving", None)
    record_revision(instance, created=created, user=user, reason=reason)
