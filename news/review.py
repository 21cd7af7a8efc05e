"""Editorial review: Editors propose, Publishers publish.

The one owner of the rules of a text's way to readers, called by the admin and commands:

- states: draft → in review → published, and withdrawn (with an optional public note);
- who may move a text between them (`may_move`): an Editor submits a draft (or a withdrawn
  text) for review and takes it back; a Publisher may make every move;
- an Editor's save of a published text becomes a `PendingChange`: the published row stays
  as it is, so `published()` remains the one gate readers go through, until a Publisher
  approves the change (it becomes the published version) or sends it back;
- every step is a `ReviewStep` (who, when, comment), and the people concerned get an email.
"""

import datetime
import logging

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.history import revision

from .models import NewsItem, PendingChange, ReviewStep, Statement, Status

log = logging.getLogger(__name__)

Action = ReviewStep.Action

# The moves an Editor may make; a Publisher may make every move.
EDITOR_MOVES = {
    (Status.DRAFT, Status.IN_REVIEW),
    (Status.WITHDRAWN, Status.IN_REVIEW),
    (Status.IN_REVIEW, Status.DRAFT),
}
# The reason each move leaves in the text's version history.
REASONS = {
    Action.SUBMITTED: "Submitted for review",
    Action.TAKEN_BACK: "Taken back from review",
    Action.PUBLISHED: "Published",
    Action.SENT_BACK: "Sent back by a publisher",
    Action.WITHDRAWN: "Unpublished",
    Action.STATUS: "Status changed",
}
# Steps a Publisher must explain.
COMMENT_REQUIRED = {Action.SENT_BACK, Action.REJECTED}


class ReviewError(Exception):
    """The step cannot be taken now; the message says why. Nothing was changed."""


def can_publish(user, model):
    return model.user_can_publish(user)


def may_move(user, model, old, new):
    """Tell whether a user may move a text of this model from one status to another."""
    if old == new:
        return True
    if can_publish(user, model):
        return True
    perm = f"{model._meta.app_label}.change_{model._meta.model_name}"
    return user.has_perm(perm) and (old, new) in EDITOR_MOVES


def action_of(user, model, old, new):
    """Name the step that moves a text from `old` to `new`."""
    if new == Status.IN_REVIEW:
        return Action.SUBMITTED
    if new == Status.PUBLISHED:
        return Action.PUBLISHED
    if new == Status.WITHDRAWN:
        return Action.WITHDRAWN
    if old == Status.IN_REVIEW and new == Status.DRAFT:
        return Action.SENT_BACK if can_publish(user, model) else Action.TAKEN_BACK
    return Action.STATUS


def moves_for(user, obj):
    """The steps the user may take on a text now, as [(action, new status)], for buttons."""
    model, status = type(obj), obj.status
    options = []
    if status in (Status.DRAFT, Status.WITHDRAWN):
        options.append((Action.SUBMITTED, Status.IN_REVIEW))
    if status == Status.IN_REVIEW:
        if can_publish(user, model):
            options.append((Action.SENT_BACK, Status.DRAFT))
        else:
            options.append((Action.TAKEN_BACK, Status.DRAFT))
    if status != Status.PUBLISHED:
        options.append((Action.PUBLISHED, Status.PUBLISHED))
    else:
        options.append((Action.WITHDRAWN, Status.WITHDRAWN))
    return [(a, s) for a, s in options if may_move(user, model, status, s)]


def move(obj, status, *, user, comment="", note=None, link_base=""):
    """Move a text to a status, as one version in its history and one review step.

    Raise PermissionDenied when the user may not, ReviewError when a comment is missing.
    `note` is the public withdrawal note (kept as it is when None).
    """
    model = type(obj)
    old = obj.status
    if not may_move(user, model, old, status):
        raise PermissionDenied(
            _("You may not move this text from “%(old)s” to “%(new)s”.")
            % {
                "old": Status(old).label,
                "new": Status(status).label,
            }
        )
    action = action_of(user, model, old, status)
    comment = (comment or "").strip()
    if action in COMMENT_REQUIRED and not comment:
        raise ReviewError(_("Say what the editor should change."))
    if old == status and note is None:
        return None
    with transaction.atomic():
        with revision(obj, user=user, reason=REASONS[action]):
            obj.status = status
            fields = ["status", "updated_at"]
            if note is not None:
                obj.withdrawal_note = note.strip()
                fields.append("withdrawal_note")
            obj.save(update_fields=fields)
        step = add_step(obj, action, user=user, comment=comment, link_base=link_base)
    return step


def record_move(obj, old, *, user, link_base=""):
    """Record the review step of a status change the admin form has saved itself."""
    if obj.status == old:
        return None
    return add_step(
        obj, action_of(user, type(obj), old, obj.status), user=user, link_base=link_base
    )


def add_step(obj, action, *, user, comment="", change=None, link_base=""):
    """Write one review step and send its notices once the transaction commits."""
    step = ReviewStep.objects.create(
        action=action,
        user=user,
        comment=comment,
        status=obj.status,
        change=change,
        **ReviewStep.subject_filter(obj),
    )
    # robust: a notice that fails is logged, never turned into an error of the step.
    transaction.on_commit(lambda: notify(step, link_base), robust=True)
    return step


def steps_of(obj):
    """The review steps of a text, oldest first."""
    return ReviewStep.objects.filter(**ReviewStep.subject_filter(obj)).select_related("user")


# --- Changes to published texts -------------------------------------------------------------


def needs_review(obj, user):
    """Tell whether a user's save of this text must wait for a Publisher."""
    return bool(obj.pk) and obj.is_published and not can_publish(user, type(obj))


def pending_change(obj, lock=False):
    """The change waiting for review on a text, or None."""
    rows = PendingChange.objects.filter(
        state=PendingChange.State.PENDING, **PendingChange.subject_filter(obj)
    )
    if lock:
        rows = rows.select_for_update(of=("self",))
    return rows.select_related("author").first()


def _plain(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def proposed_values(live, edited, links):
    """The fields and links where the edited instance differs from the published row.

    `links` maps many-to-many field names to the ids the editor chose.
    """
    values = {}
    for field in type(live)._meta.concrete_fields:
        if not field.editable or field.primary_key or field.name in ("status", "version"):
            continue
        new = field.value_from_object(edited)
        if new != field.value_from_object(live):
            values[field.attname] = _plain(new)
    for name, ids in links.items():
        current = set(getattr(live, name).values_list("pk", flat=True))
        if set(ids) != current:
            values[name] = sorted(ids)
    return values


def propose(live, edited, links, *, user, reason, kind="", link_base=""):
    """Keep an Editor's change to a published text as its pending change; return it.

    A second save replaces the proposed values (one pending change per text). A save
    that leaves the text as published takes the pending change back. Return None then.
    """
    values = proposed_values(live, edited, links)
    with transaction.atomic():
        change = pending_change(live, lock=True)
        if not values:
            if change is not None:
                change.delete()
            return None
        if change is None:
            change = PendingChange.objects.create(
                values=values,
                base_version=live.version,
                reason=reason,
                kind=kind,
                author=user,
                **PendingChange.subject_filter(live),
            )
            add_step(
                live, Action.PROPOSED, user=user, comment=reason, change=change, link_base=link_base
            )
        else:
            change.values = values
            change.base_version = live.version
            change.reason = reason
            change.kind = kind
            change.author = user
            change.edits += 1
            change.save()
    return change


def proposed_instance(change):
    """A copy of the published text with the change's values set, never saved."""
    obj = type(change.subject)._default_manager.get(pk=change.subject.pk)
    for attname, value in change.values.items():
        field = _field(obj, attname)
        if field is not None and not field.many_to_many:
            setattr(obj, attname, None if value is None else field.to_python(value))
    return obj


def proposed_links(change):
    """{many-to-many field name: ids} the change sets."""
    obj = change.subject
    return {
        name: ids
        for name, ids in change.values.items()
        if (field := _field(obj, name)) is not None and field.many_to_many
    }


def _field(obj, name):
    meta = type(obj)._meta
    for field in [*meta.concrete_fields, *meta.many_to_many]:
        if name in (field.name, field.attname):
            return field
    return None


def approve(change, *, user, link_base=""):
    """Publish a pending change: it becomes the text's published version."""
    model = type(change.subject)
    if not can_publish(user, model):
        raise PermissionDenied(_("Only a publisher can approve a change."))
    with transaction.atomic():
        live = model._default_manager.select_for_update(of=("self",)).get(pk=change.subject.pk)
        change = PendingChange.objects.select_for_update(of=("self",)).get(pk=change.pk)
        if change.state != PendingChange.State.PENDING:
            raise ReviewError(_("This change has been reviewed already."))
        if live.version != change.base_version:
            raise ReviewError(
                _(
                    "The published text was changed after this change was proposed. Send "
                    "it back, so that the editor makes it again on the newer version."
                )
            )
        obj = proposed_instance(change)
        links = proposed_links(change)
        try:
            obj.full_clean()
        except ValidationError as error:
            raise ReviewError(" ".join(error.messages)) from error
        for name, ids in links.items():
            related = getattr(model, name).field.related_model
            if related._default_manager.filter(pk__in=ids).count() != len(set(ids)):
                raise ReviewError(_("Some of its links were deleted since; send it back."))
        with revision(obj, user=change.author, reason=change.reason, kind=change.kind):
            obj.save()
            for name, ids in links.items():
                getattr(obj, name).set(ids)
        change.state = PendingChange.State.APPROVED
        change.save(update_fields=["state", "updated_at"])
        add_step(obj, Action.APPROVED, user=user, change=change, link_base=link_base)
    return obj


def reject(change, *, user, comment, link_base=""):
    """Send a pending change back to its editor with a comment; the text stays as published."""
    model = type(change.subject)
    if not can_publish(user, model):
        raise PermissionDenied(_("Only a publisher can send a change back."))
    comment = (comment or "").strip()
    if not comment:
        raise ReviewError(_("Say what the editor should change."))
    with transaction.atomic():
        change = PendingChange.objects.select_for_update(of=("self",)).get(pk=change.pk)
        if change.state != PendingChange.State.PENDING:
            raise ReviewError(_("This change has been reviewed already."))
        change.state = PendingChange.State.REJECTED
        change.save(update_fields=["state", "updated_at"])
        add_step(
            change.subject,
            Action.REJECTED,
            user=user,
            comment=comment,
            change=change,
            link_base=link_base,
        )
    return change


# --- The queue -------------------------------------------------------------------------------


class Waiting:
    """One entry of the review queue: a text in review, or a pending change."""

    def __init__(self, subject, since, who, change=None):
        self.subject = subject
        self.since = since
        self.who = who
        self.change = change

    @property
    def is_change(self):
        return self.change is not None

    @property
    def anchor(self):
        """The entry's id on the queue page."""
        if self.change is not None:
            return f"change-{self.change.pk}"
        return f"{self.subject._meta.model_name}-{self.subject.pk}"


def queue():
    """What waits for a publisher, oldest first: texts in review and pending changes."""
    entries = []
    for model in (NewsItem, Statement):
        key = "news_item" if model is NewsItem else "statement"
        submitted = ReviewStep.objects.filter(
            **{key: models.OuterRef("pk")}, action=Action.SUBMITTED
        ).order_by("-at", "-id")
        rows = model._default_manager.filter(status=Status.IN_REVIEW).annotate(
            submitted_at=models.Subquery(submitted.values("at")[:1]),
            submitted_by=models.Subquery(submitted.values("user")[:1]),
        )
        if model is Statement:
            rows = rows.select_related("speaker")
        users = get_user_model()._default_manager.in_bulk(
            [row.submitted_by for row in rows if row.submitted_by]
        )
        for row in rows:
            entries.append(
                Waiting(row, row.submitted_at or row.updated_at, users.get(row.submitted_by))
            )
    changes = PendingChange.objects.filter(state=PendingChange.State.PENDING).select_related(
        "author", "news_item", "statement__speaker"
    )
    for change in changes:
        entries.append(Waiting(change.subject, change.created_at, change.author, change))
    entries.sort(key=lambda entry: entry.since)
    return entries


def waiting_count():
    """How many texts and changes wait for a publisher."""
    return (
        NewsItem.objects.filter(status=Status.IN_REVIEW).count()
        + Statement.objects.filter(status=Status.IN_REVIEW).count()
        + PendingChange.objects.filter(state=PendingChange.State.PENDING).count()
    )


# --- Notices ---------------------------------------------------------------------------------

TO_PUBLISHERS = {Action.SUBMITTED, Action.PROPOSED}
TO_EDITOR = {Action.PUBLISHED, Action.SENT_BACK, Action.APPROVED, Action.REJECTED}

SUBJECTS = {
    Action.SUBMITTED: gettext_lazy("Waiting for review: %(title)s"),
    Action.PROPOSED: gettext_lazy("A change waits for review: %(title)s"),
    Action.PUBLISHED: gettext_lazy("Published: %(title)s"),
    Action.SENT_BACK: gettext_lazy("Sent back: %(title)s"),
    Action.APPROVED: gettext_lazy("Your change is published: %(title)s"),
    Action.REJECTED: gettext_lazy("Your change was sent back: %(title)s"),
}


def recipients(step):
    """The addresses a step's notice goes to: publishers, or the editor concerned."""
    subject = step.subject
    model = type(subject)
    if step.action in TO_PUBLISHERS:
        users = get_user_model()._default_manager.with_perm(
            model.publish_permission(), backend="django.contrib.auth.backends.ModelBackend"
        )
    elif step.action in TO_EDITOR:
        if step.change is not None:
            editor = step.change.author
        else:
            submitted = steps_of(subject).filter(action=Action.SUBMITTED).last()
            editor = submitted.user if submitted else None
        users = [editor] if editor is not None else []
    else:
        return []
    return sorted(
        {user.email for user in users if user.is_active and user.email and user.pk != step.user_id}
    )


def notify(step, link_base=""):
    """Email a step's notice; a failure is logged and changes nothing of the step."""
    to = recipients(step)
    if not to:
        return
    subject = step.subject
    opts = subject._meta
    if step.action in TO_PUBLISHERS:
        path = reverse("admin:news_review_queue")
    else:
        path = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[subject.pk])
    lines = [
        _("%(action)s by %(user)s on %(when)s.")
        % {
            "action": step.get_action_display(),
            "user": step.user or _("someone"),
            "when": timezone.localtime(step.at).strftime("%Y-%m-%d %H:%M"),
        },
        "",
        str(subject),
    ]
    if step.comment:
        lines += ["", _("Comment:"), step.comment]
    lines += ["", link_base.rstrip("/") + path]
    try:
        send_mail(
            str(SUBJECTS[step.action] % {"title": str(subject)[:120]}),
            "\n".join(lines),
            None,
            to,
        )
    except OSError:
        log.exception("The notice of review step %s could not be sent", step.pk)
