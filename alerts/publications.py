"""Record the moment each news item and statement becomes public, from its saves.

Whether a text is public is asked of its model's `published()`, the one rule of what
readers see. The moment is written in the saving transaction (so a rolled-back publish
leaves none) and moved to the commit once it happens: a run of send_alerts that started
between the two would otherwise pass the moment before it could see the text.
"""

from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone

from news.models import NewsItem, Statement


def tracked():
    """Each tracked model with the model of its moments and the name of the key there."""
    from .models import Publication, StatementPublication

    return {NewsItem: (Publication, "item_id"), Statement: (StatementPublication, "statement_id")}


def record(model, pk):
    """Note a change of public state; return the moment written when it became public."""
    moments, key = tracked()[model]
    public = model.objects.published().filter(pk=pk).exists()
    row = moments.objects.filter(**{key: pk}).first()
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


def saved(sender, instance, raw=False, **kwargs):
    if raw:  # fixtures and archive loads: nothing was made public by a person
        return
    written = record(sender, instance.pk)
    if written is not None:
        pk = instance.pk
        transaction.on_commit(lambda: committed(sender, pk, written))


def connect():
    for model in (NewsItem, Statement):
        post_save.connect(saved, sender=model, dispatch_uid=f"alerts-publication-{model.__name__}")
