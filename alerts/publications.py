"""Record the moment each news item becomes public, from its saves.

Whether an item is public is asked of `NewsItem.objects.published()`, the one rule of what
readers see. The moment is written in the saving transaction (so a rolled-back publish
leaves none) and moved to the commit once it happens: a run of send_alerts that started
between the two would otherwise pass the moment before it could see the item.
"""

from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone

from news.models import NewsItem


def record(item_id):
    """Note a change of public state; return the moment written when it became public."""
    from .models import Publication

    public = NewsItem.objects.published().filter(pk=item_id).exists()
    row = Publication.objects.filter(item_id=item_id).first()
    if public and (row is None or not row.is_public):
        now = timezone.now()
        Publication.objects.update_or_create(
            item_id=item_id, defaults={"public_since": now, "is_public": True}
        )
        return now
    if not public and row is not None and row.is_public:
        Publication.objects.filter(item_id=item_id).update(is_public=False)
    return None


def committed(item_id, written):
    from .models import Publication

    Publication.objects.filter(item_id=item_id, is_public=True, public_since=written).update(
        public_since=timezone.now()
    )


def item_saved(sender, instance, raw=False, **kwargs):
    if raw:  # fixtures and archive loads: nothing was made public by a person
        return
    written = record(instance.pk)
    if written is not None:
        item_id = instance.pk
        transaction.on_commit(lambda: committed(item_id, written))


def connect():
    post_save.connect(item_saved, sender=NewsItem, dispatch_uid="alerts-publication")
