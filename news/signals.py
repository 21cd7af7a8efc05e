"""Keep ArchiveState in step with every change readers can see."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from people.models import Body, Chairmanship, MembershipEvent, MemberState, Official, Position

from .models import ArchiveState, NewsItem, Statement

WATCHED = [
    NewsItem,
    Statement,
    Body,
    Official,
    MemberState,
    MembershipEvent,
    Position,
    Chairmanship,
]


def archive_changed(sender, action="post_save", **kwargs):
    # m2m_changed also reports each change before it happens; count it once, after.
    if action.startswith("post_"):
        ArchiveState.bump()


def connect():
    for model in WATCHED:
        post_save.connect(archive_changed, sender=model, dispatch_uid=f"bump-{model.__name__}")
        post_delete.connect(archive_changed, sender=model, dispatch_uid=f"unbump-{model.__name__}")
    for field in ("bodies", "officials", "states"):
        m2m_changed.connect(
            archive_changed,
            sender=getattr(NewsItem, field).through,
            dispatch_uid=f"bump-links-{field}",
        )
