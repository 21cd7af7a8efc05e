"""Keep ArchiveState in step with every change readers can see.

Each app names the models and links whose changes readers see, from its `ready()`:
`watch(Official, Position, ...)`, `watch_links(NewsItem.bodies.through, ...)`.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import Signal

from .models import ArchiveState

# Sent (with `using`) after rows went into the archive without save(), as an archive import
# or a generated archive writes them: apps rebuild what they derive from those rows.
bulk_loaded = Signal()


def archive_changed(sender, action="post_save", **kwargs):
    # m2m_changed also reports each change before it happens; count it once, after.
    if action.startswith("post_"):
        ArchiveState.bump()


def watch(*models):
    """Raise the archive version whenever one of these models is saved or deleted."""
    for model in models:
        label = model._meta.label
        post_save.connect(archive_changed, sender=model, dispatch_uid=f"bump-{label}")
        post_delete.connect(archive_changed, sender=model, dispatch_uid=f"unbump-{label}")


def watch_links(*throughs):
    """Raise the archive version whenever links in these many-to-many tables change."""
    for through in throughs:
        m2m_changed.connect(
            archive_changed, sender=through, dispatch_uid=f"bump-links-{through._meta.label}"
        )
