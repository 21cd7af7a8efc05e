"""Subscribing, confirming, leaving, and sending: the rules of alerts, in one place."""

import datetime
import logging

from django.conf import settings
from django.core import mail
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import tokens
from .kinds import filters_key, kind_of
from .models import PERIODS, Frequency, Subscription, normalise_email

log = logging.getLogger(__name__)

# How long a run may take to send one batch before another run may take it over.
LEASE = datetime.timedelta(minutes=10)
BATCH = 50
MAX_ITEMS = 50  # listed in one email; the rest are one link away
MAX_FAILURES = 5


def absolute(subscription, path):
    base = (getattr(settings, "SITE_URL", "") or subscription.site).rstrip("/")
    return f"{base}{path}"


def in_language(subscription, name, *args):
    return in_language_of(subscription.language, name, *args)


def subscribe(*, email, kind, filters, frequency, language, site):
    """Record a request (unconfirmed until its link is followed) and mail the link.

    An address already subscribed to the same filters keeps its subscription as it is until
    the new link is followed: nobody changes another's subscription without their inbox.
    """
    email = normalise_email(email)
    subscription, _created = Subscription.objects.get_or_create(
        email=email,
        kind=kind,
        filters_key=filters_key(filters),
        defaults={"filters": filters, "language": language, "frequency": frequency, "site": site},
    )
    if subscription.state != Subscription.State.ACTIVE:
        subscription.requested_at = timezone.now()
        subscription.language = language
        subscription.site = site or subscription.site
        subscription.save(update_fields=["requested_at", "language", "site"])
    send_confirmation(subscription, frequency, language)
    return subscription


def send_confirmation(subscription, frequency, language):
    token = tokens.confirm_token(subscription, frequency, language)
    confirm_path = in_language_of(language, "alerts:confirm", token)
    with translation.override(language):
        context = {
            "confirm_url": absolute(subscription, confirm_path),
            "list_url": absolute(subscription, subscription.get_absolute_url()),
            "description": kind_of(subscription.kind).describe(subscription.filters),
            "frequency": Frequency(frequency).label,
            "days": 7,
        }
        subject = _("Confirm your email alert from the CSTO archive")
        text = render_to_string("alerts/email/confirm.txt", context)
        html = render_to_string("alerts/email/confirm.html", context)
    message = mail.EmailMultiAlternatives(subject, text, to=[subscription.email])
    message.attach_alternative(html, "text/html")
    message.send()


def in_language_of(language, name, *args):
    with translation.override(language):
        return reverse(name, args=args)


def confirm(token):
    """Activate the subscription a confirmation link names; return it (None if gone)."""
    data = tokens.read_confirm_token(token)
    now = timezone.now()
    with transaction.atomic():
        subscription = Subscription.objects.select_for_update().filter(pk=data["s"]).first()
        if subscription is None:
            return None
        frequency = data["f"] if data["f"] in Frequency.values else subscription.frequency
        if subscription.state != Subscription.State.ACTIVE:
            # New from now on: what was published before the reader asked is on the list.
            subscription.sent_until = now
            subscription.next_due_at = now + PERIODS[frequency]
            subscription.confirmed_at = now
            subscription.unsubscribed_at = None
            subscription.failures = 0
            subscription.last_error = ""
        elif frequency != subscription.frequency:
            subscription.next_due_at = (subscription.last_sent_at or now) + PERIODS[frequency]
        subscription.state = Subscription.State.ACTIVE
        subscription.frequency = frequency
        if data["l"] in dict(settings.LANGUAGES):
            subscription.language = data["l"]
        subscription.save()
    return subscription


def unsubscribe(subscription):
    if subscription.state in (Subscription.State.ACTIVE, Subscription.State.PENDING):
        Subscription.objects.filter(pk=subscription.pk).update(
            state=Subscription.State.UNSUBSCRIBED, unsubscribed_at=timezone.now()
        )
        subscription.refresh_from_db()
    return subscription


def change_frequency(subscription, frequency):
    now = timezone.now()
    subscription.frequency = frequency
    subscription.next_due_at = (subscription.last_sent_at or now) + PERIODS[frequency]
    subscription.save(update_fields=["frequency", "next_due_at"])


# Sending


def claim(now, batch=BATCH):
    """Take up to `batch` due subscriptions for this run; return their keys.

    PostgreSQL: rows another run is claiming are skipped (FOR UPDATE SKIP LOCKED). SQLite:
    the archive's transactions are IMMEDIATE, so claims run one after the other, and each
    sees the leases of those before it. Either way, each subscription has one run at a time.
    """
    with transaction.atomic():
        due = Subscription.objects.due(now).order_by("next_due_at", "pk")
        if connection.features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True)
        keys = list(due.values_list("pk", flat=True)[:batch])
        Subscription.objects.filter(pk__in=keys).update(claimed_until=now + LEASE)
    return keys


def send_due(now=None, batch=BATCH):
    """Send every due subscription its email; return (emails sent, failed, checked)."""
    now = now or timezone.now()
    Subscription.objects.expired(now).delete()
    sent = failed = checked = 0
    backend = mail.get_connection()
    while keys := claim(now, batch):
        for subscription in Subscription.objects.filter(pk__in=keys):
            checked += 1
            outcome = send_one(subscription, backend)
            sent += outcome == "sent"
            failed += outcome == "failed"
    return sent, failed, checked


def send_one(subscription, backend):
    """Mail what is new to one claimed subscription and release it."""
    until = timezone.now()
    kind = kind_of(subscription.kind)
    with translation.override(subscription.language):  # the rows' names and dates
        rows, total = kind.new_entries(subscription, subscription.sent_until, until, MAX_ITEMS)
    outcome = "empty"
    if rows:
        try:
            alert_message(subscription, rows, total, backend).send()
        except Exception as error:  # refused, bounced, unreachable: retried next run
            log.warning("alert %s not sent: %s", subscription.pk, error)
            failures = subscription.failures + 1
            Subscription.objects.filter(pk=subscription.pk).update(
                failures=failures,
                last_error=str(error)[:500],
                claimed_until=None,
                # Due again at the next run, not later in this one.
                next_due_at=timezone.now(),
                state=(
                    Subscription.State.DISABLED
                    if failures >= MAX_FAILURES
                    else Subscription.State.ACTIVE
                ),
            )
            return "failed"
        outcome = "sent"
    now = timezone.now()
    Subscription.objects.filter(pk=subscription.pk).update(
        sent_until=until,
        next_due_at=now + subscription.period,
        last_sent_at=now if rows else subscription.last_sent_at,
        failures=0,
        last_error="",
        claimed_until=None,
    )
    return outcome


def alert_message(subscription, rows, total, backend=None):
    """The email of new items: plain text and HTML, in the subscription's language.

    `rows` are the kind's rows (title, date, details, summary, path) of the new items."""
    unsubscribe_url = absolute(
        subscription,
        in_language(subscription, "alerts:unsubscribe", tokens.unsubscribe_token(subscription)),
    )
    with translation.override(subscription.language):
        description = kind_of(subscription.kind).describe(subscription.filters)
        rows = [row | {"url": absolute(subscription, row["path"])} for row in rows]
        context = {
            "rows": rows,
            "total": total,
            "more": total - len(rows),
            "description": description,
            "list_url": absolute(subscription, subscription.get_absolute_url()),
            "unsubscribe_url": unsubscribe_url,
            "manage_url": absolute(
                subscription,
                in_language(subscription, "alerts:manage", tokens.manage_token(subscription.email)),
            ),
            "frequency": subscription.get_frequency_display(),
        }
        if description:
            subject = _("New in the CSTO archive: %(filters)s") % {"filters": description}
        else:
            subject = _("New in the CSTO archive")
        text = render_to_string("alerts/email/alert.txt", context)
        html = render_to_string("alerts/email/alert.html", context)
    message = mail.EmailMultiAlternatives(
        subject[:200],
        text,
        to=[subscription.email],
        connection=backend,
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(html, "text/html")
    return message
