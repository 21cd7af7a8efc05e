"""Record the moment each news item, statement and meeting becomes public, from its saves.

Whether a text is public is asked of its model's `published()`, the one rule of what
readers see (a meeting has no drafts: every saved meeting is public). The moment is
written in the saving transaction (so a rolled-back publish leaves none) and moved to the
commit once it happens: a run of send_alerts that started between the two would otherwise
pass the moment before it could see the text.

A row that was public before its save and has no moment yet (loaded by an archive import,
or public before alerts existed) is given its creation as its moment: editing it does not
make it new.
"""

from django.db import transaction
from django.db.models.signals import post_save, pre_save
from django.utils import timezone

from news.models import NewsItem, Statement
from people.models import Meeting


def tracked():
    """Each tracked model with the model of its moments and the name of the key there."""
    from .models import MeetingPublication, Publication, StatementPublication

    return {
        NewsItem: (Publication, "item_id"),
        Statement: (StatementPublication, "statement_id"),
        Meeting: (MeetingPublication, "meeting_id"),
    }


def public_rows(model):
    return model.objects.published() if hasattr(model.objects, "published") else model.objects


def record(model, pk, was_public=False, created_at=None):
    """Note a change of public state; return the moment written when it became public."""
    moments, key = tracked()[model]
    public = public_rows(model).filter(pk=pk).exists()
    row = moments.objects.filter(**{key: pk}).first()
    if public and row is None and was_public:
        moments.objects.create(**{key: pk}, public_since=created_at or timezone.now())
        return None
    if public and (row is None or not row.is_public):
        now = timezone.now()
        moments.objects.update_or_create(
            **{key: pk}, defaults={"public_since": now, "is_public": True}
        )
        return now
    if not public and row is not None and row.is_public:
        moments.objects.filter(**{key: pk}).update(is_public=False)
    return None


def committed(model, pk, written):
    moments, key = tracked()[model]
    moments.objects.filter(**{key: pk}, is_public=True, public_since=written).update(
        public_since=timezone.now()
    )


def saving(sender, instance, raw=False, **kwargs):
    """Note whether the row was public before this save (one query, on saves only)."""
    if not raw and instance.pk is not None:
        instance._alerts_was_public = public_rows(sender).filter(pk=instance.pk).exists()


def saved(sender, instance, raw=False, **kwargs):
    if raw:  # fixtures and archive loads: nothing was made public by a person
        return
    was_public = getattr(instance, "_alerts_was_public", False)
    written = record(sender, instance.pk, was_public, getattr(instance, "created_at", None))
    if written is not None:
        pk = instance.pk
        transaction.on_commit(lambda: committed(sender, pk, written))


def connect():
    for model in tracked():
        pre_save.connect(saving, sender=model, dispatch_uid=f"alerts-was-public-{model.__name__}")
        post_save.connect(saved, sender=model, dispatch_uid=f"alerts-publication-{model.__name__}")
