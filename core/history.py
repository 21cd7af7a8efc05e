"""One history entry per edit, whoever makes it: the admin, a command or the importer.

simple-history writes a row on every save and another on every many-to-many change, so
one admin save of a news item with bodies, officials and states would leave four rows,
three of them half-finished. `revision()` suppresses those and writes a single row once
the object and all its links are saved, with the editor, the reason and the kind of change.
"""

from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import models, transaction
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

    def get_meta_options(self, model):
        meta = super().get_meta_options(model)
        if CorrectionFields in self.bases:
            # The public errata list the substantive corrections newest first: a partial
            # index holds just those, in that order, where the date index would walk
            # every version (a quarter of a second at 100,000 items).
            meta["indexes"] = [
                *meta.get("indexes", ()),
                models.Index(
                    fields=["-history_date", "-history_id"],
                    condition=models.Q(change_kind=ChangeKind.SUBSTANTIVE),
                    name=f"{model._meta.model_name}_corrections_idx",
                ),
            ]
        return meta


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


RESTORED_REASON = "Restored"


class RestoreError(Exception):
    """The deleted record cannot come back as it was; the message says why."""


def link_relation(history_model, name):
    """Return the accessor of the link rows simple-history keeps for one version."""
    field = history_model._meta.get_field(f"{history_model._meta.model_name}_{name}")
    return field.get_accessor_name()


def deleted_records(model):
    """Return the last history row of each deleted object of the model, newest first."""
    history = model.history.model
    pk = model._meta.pk.attname
    latest = history.objects.filter(**{pk: models.OuterRef(pk)}).order_by(
        "-history_date", "-history_id"
    )
    return (
        history.objects.filter(history_type="-")
        .exclude(**{f"{pk}__in": model._default_manager.values("pk")})
        .filter(history_id=models.Subquery(latest.values("history_id")[:1]))
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
    )


def restore_deleted(model, pk, *, user, reason=RESTORED_REASON, prepare=None):
    """Bring a deleted object back with its fields and its many-to-many links as they were.

    simple-history's own revert sets the fields of a version but keeps today's links; here
    the links come from the last version saved before the deletion. `prepare(instance)` may
    adjust the instance first (a draft instead of a published item, say). Raise RestoreError
    when the object exists, was never deleted, or would break a rule of the archive now (a
    speaker deleted since, a slug taken since).
    """
    history = model.history.filter(**{model._meta.pk.attname: pk}).order_by(
        "-history_date", "-history_id"
    )
    deletion = history.first()
    if deletion is None or deletion.history_type != "-":
        raise RestoreError(_("This record was not deleted, or has been restored already."))
    if model._default_manager.filter(pk=pk).exists():
        raise RestoreError(_("A record with this number exists already."))
    instance = deletion.instance
    saved = history.exclude(history_type="-").first()
    links = {}
    for field in model._meta.many_to_many:
        if saved is None or not hasattr(saved, link_relation(type(saved), field.name)):
            continue
        target = field.m2m_reverse_field_name()
        rows = getattr(saved, link_relation(type(saved), field.name)).all()
        links[field] = [getattr(row, f"{target}_id") for row in rows]
    if prepare is not None:
        prepare(instance)
    try:
        instance.full_clean()
    except ValidationError as error:
        raise RestoreError(" ".join(error.messages)) from error
    for field, ids in links.items():
        targets = field.related_model._default_manager.filter(pk__in=ids)
        if targets.count() != len(set(ids)):
            raise RestoreError(
                _("Some of its %(links)s were deleted since; restore those first.")
                % {"links": field.verbose_name}
            )
    # A creation date set on insert would become today's; it is the original's.
    created = {
        field.attname: getattr(instance, field.attname)
        for field in model._meta.concrete_fields
        if getattr(field, "auto_now_add", False) and getattr(instance, field.attname)
    }
    with transaction.atomic(), revision(instance, user=user, reason=reason):
        instance.save(force_insert=True)
        if created:
            model._default_manager.filter(pk=instance.pk).update(**created)
            for name, value in created.items():
                setattr(instance, name, value)
        for field, ids in links.items():
            getattr(instance, field.name).set(ids)
    return instance
