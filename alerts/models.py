"""Email subscriptions to a list's filters, and when each news item or statement became
public."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from news.models import NewsItem, Statement
from people.models import Meeting

UNCONFIRMED_DAYS = 7


class Frequency(models.TextChoices):
    IMMEDIATELY = "immediately", _("As soon as they are published")
    DAILY = "daily", _("Once a day")
    WEEKLY = "weekly", _("Once a week")


PERIODS = {
    Frequency.IMMEDIATELY: datetime.timedelta(0),
    Frequency.DAILY: datetime.timedelta(days=1),
    Frequency.WEEKLY: datetime.timedelta(days=7),
}


class SubscriptionQuerySet(models.QuerySet):
    def active(self):
        """Confirmed and neither unsubscribed nor disabled: these get email."""
        return self.filter(state=Subscription.State.ACTIVE)

    def due(self, now):
        """Active subscriptions whose next email is due and which no run is sending now."""
        return (
            self.active()
            .filter(next_due_at__lte=now)
            .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        )

    def expired(self, now):
        """Requests never confirmed within UNCONFIRMED_DAYS."""
        return self.filter(
            state=Subscription.State.PENDING,
            requested_at__lt=now - datetime.timedelta(days=UNCONFIRMED_DAYS),
        )

    def of_address(self, email):
        return self.filter(email=normalise_email(email))


def normalise_email(email):
    """One spelling per address: stripped and lower-cased (no provider tells case apart)."""
    return email.strip().lower()


class Subscription(models.Model):
    """One address following one list's filters; never shown to anyone but superusers."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        ACTIVE = "active", _("Active")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")
        DISABLED = "disabled", _("Disabled after failed sends")

    class Kind(models.TextChoices):
        NEWS = "news", _("News items")
        STATEMENTS = "statements", _("Statements")
        MEETINGS = "meetings", _("Meetings")

    email = models.EmailField(_("email address"), help_text=_("Stored lower-cased."))
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=Kind.choices,
        default=Kind.NEWS,
        help_text=_("Which list the filters belong to."),
    )
    filters = models.JSONField(
        _("filters"),
        default=dict,
        blank=True,
        help_text=_('The list\'s filters as its form accepted them, e.g. {"body": ["…"]}.'),
    )
    filters_key = models.CharField(
        _("filters key"),
        max_length=64,
        editable=False,
        help_text=_("Fingerprint of the filters: one subscription per address and filters."),
    )
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("The language of the page it was made on; its emails are in it."),
    )
    frequency = models.CharField(
        _("frequency"), max_length=12, choices=Frequency.choices, default=Frequency.IMMEDIATELY
    )
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.PENDING
    )
    site = models.CharField(
        _("site"),
        max_length=200,
        blank=True,
        help_text=_("Scheme and host it was made on; email links use SITE_URL when it is set."),
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed at"), null=True, blank=True)
    sent_until = models.DateTimeField(
        _("sent until"),
        null=True,
        blank=True,
        help_text=_("Items made public up to this moment have been emailed (or were none)."),
    )
    next_due_at = models.DateTimeField(_("next email due"), null=True, blank=True)
    last_sent_at = models.DateTimeField(_("last sent at"), null=True, blank=True)
    claimed_until = models.DateTimeField(
        _("claimed until"),
        null=True,
        blank=True,
        help_text=_("A run of send_alerts is sending it until then; others leave it alone."),
    )
    failures = models.PositiveSmallIntegerField(
        _("failed sends"), default=0, help_text=_("In a row; reset by a successful send.")
    )
    last_error = models.CharField(_("last error"), max_length=500, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [
            models.UniqueConstraint(
                fields=["email", "kind", "filters_key"], name="subscription_unique_filters"
            ),
            models.CheckConstraint(
                condition=Q(frequency__in=Frequency.values), name="subscription_frequency_valid"
            ),
            models.CheckConstraint(
                condition=Q(state__in=["pending", "active", "unsubscribed", "disabled"]),
                name="subscription_state_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["state", "next_due_at"], name="subscription_due_idx"),
            models.Index(fields=["email"], name="subscription_email_idx"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.filters_key[:8]} ({self.get_state_display()})"

    def query_pairs(self):
        """The filters as (name, value) pairs of a list address, in a fixed order."""
        pairs = []
        for name, value in sorted(self.filters.items()):
            for one in value if isinstance(value, list) else [value]:
                pairs.append((name, one))
        return pairs

    def get_absolute_url(self):
        """The list it follows, in its language."""
        from .kinds import kind_of  # the kinds read this model

        with translation.override(self.language):
            path = reverse(kind_of(self.kind).list_url)
        query = urlencode(self.query_pairs())
        return f"{path}?{query}" if query else path

    @property
    def period(self):
        return PERIODS[self.frequency]


class Publication(models.Model):
    """When a news item last became public, as alerts count "new since the last email".

    A news item's date is the source's; an item published today may carry a date of years
    ago, and one saved long ago may be published only now. Kept from the item's saves
    (`alerts.publications`), after the commit.
    """

    derived = True

    item = models.OneToOneField(
        NewsItem,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("news item"),
        primary_key=True,
    )
    public_since = models.DateTimeField(
        _("public since"), help_text=_("When the item last went from hidden to public.")
    )
    is_public = models.BooleanField(_("public"), default=True)

    class Meta:
        ordering = ["-public_since"]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        indexes = [models.Index(fields=["public_since"], name="publication_since_idx")]

    def __str__(self):
        return f"{self.item_id} public since {self.public_since:%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        return self.item.get_absolute_url()


class StatementPublication(models.Model):
    """When a statement last became public: what `Publication` is for news items."""

    derived = True

    statement = models.OneToOneField(
        Statement,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("statement"),
        primary_key=True,
    )
    public_since = models.DateTimeField(
        _("public since"), help_text=_("When the statement last went from hidden to public.")
    )
    is_public = models.BooleanField(_("public"), default=True)

    class Meta:
        ordering = ["-public_since"]
        verbose_name = _("statement publication")
        verbose_name_plural = _("statement publications")
        indexes = [models.Index(fields=["public_since"], name="statementpub_since_idx")]

    def __str__(self):
        return f"{self.statement_id} public since {self.public_since:%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        return self.statement.get_absolute_url()


class MeetingPublication(models.Model):
    """When a meeting was recorded, taken at the commit as `Publication`'s moments are.

    A meeting has no drafts: it is public once saved. Its own `created_at` is taken before
    the commit, so a run reading between the two would pass it; this moment is not.
    """

    derived = True

    meeting = models.OneToOneField(
        Meeting,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("meeting"),
        primary_key=True,
    )
    public_since = models.DateTimeField(
        _("public since"), help_text=_("When the meeting was recorded in the archive.")
    )
    is_public = models.BooleanField(_("public"), default=True)

    class Meta:
        ordering = ["-public_since"]
        verbose_name = _("meeting publication")
        verbose_name_plural = _("meeting publications")
        indexes = [models.Index(fields=["public_since"], name="meetingpub_since_idx")]

    def __str__(self):
        return f"{self.meeting_id} public since {self.public_since:%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        return self.meeting.get_absolute_url()
