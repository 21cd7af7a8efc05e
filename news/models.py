"""News items and the statements reported in them."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core.functions import Year
from core.history import ArchiveHistoricalRecords, ChangeKind, CorrectionFields, revision
from core.search import text_query
from core.validators import LEAD_LIMIT, NEWS_TEXT_LIMIT, STATEMENT_TEXT_LIMIT, web_url
from people.models import Body, Meeting, MemberState, Official

from .fulltext import DOCUMENT_INDEX, PostgresGinIndex, SearchDocumentField, rank_news, search_news
from .places import place_name


class Language(models.TextChoices):
    EN = "en", _("English")
    RU = "ru", _("Russian")


class Status(models.TextChoices):
    """Where a text is on its way to readers; `news.review` says who may move it."""

    DRAFT = "draft", _("Draft")
    IN_REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class PublishableQuerySet(models.QuerySet):
    """What the public may see; every public view, feed and sitemap starts from `published()`."""

    def published(self):
        """Items whose status is published."""
        return self.filter(status=Status.PUBLISHED)

    def withdrawn_with_note(self):
        """Withdrawn items whose publisher left a public note where they were."""
        return self.filter(status=Status.WITHDRAWN).exclude(withdrawal_note="")

    def visible_to(self, user):
        """Everything for staff, only published items for everyone else.

        The same rule for one item already loaded is `Publishable.is_visible_to()`.
        """
        return self if user.is_staff else self.published()

    def in_language(self, language):
        """Items written in one language."""
        return self.filter(language=language)

    def in_year(self, year):
        """Items dated in a calendar year."""
        return self.filter(**{f"{self.model.DATE_FIELD}__year": year})

    TOP_CANDIDATES = 2000

    def top(self, n):
        """Return the first n rows in order, sorting narrow index rows before loading any.

        Sorting whole rows (texts included) of a body's or an official's thousands of
        items costs a hundred times more than sorting their keys.
        """
        ids = self._top_keys(n)
        rows = {row.pk: row for row in self.order_by().filter(pk__in=ids)}
        return [rows[pk] for pk in ids]

    def _top_keys(self, n):
        """The keys of the first n rows in order.

        Joined to links (an official's, a state's items), the rows are first read without
        an order, through the link's index, up to TOP_CANDIDATES of them, and sorted here.
        Ordered in the query, PostgreSQL walks the whole archive's date index and tests
        each item for the link: it expects an official's 500 items spread evenly over the
        years, but they are all in the years of a post (25,000 tests, 80 ms at 100,000
        items; read by the link: 500 rows, 3 ms). Past the cap the link is common, and
        walking the dates finds its newest rows soon.
        """
        if len(self.query.alias_map) > 1:
            order = list(self.query.order_by or self.model._meta.ordering)
            names = [name.lstrip("-") for name in order]
            rows = list(self.order_by().values_list("pk", *names)[: self.TOP_CANDIDATES + 1])
            if len(rows) <= self.TOP_CANDIDATES:
                for position in reversed(range(len(order))):  # stable: last key first
                    rows.sort(key=lambda row: row[position + 1], reverse=order[position][0] == "-")
                return [row[0] for row in rows[:n]]
        return list(self.values_list("pk", flat=True)[:n])

    def search(self, query):
        """Items where every word of the query occurs in one of the model's SEARCH_FIELDS."""
        return self.filter(text_query(query, self.model.SEARCH_FIELDS))

    def set_status(self, status, *, user, reason):
        """Publish or unpublish these items, one history entry each; return how many changed.

        Raise PermissionDenied, changing nothing, when the user may not publish.
        """
        if not self.model.user_can_publish(user):
            raise PermissionDenied(_("You do not have permission to publish or unpublish."))
        changed = 0
        for item in self.exclude(status=status):
            with revision(item, user=user, reason=reason):
                item.status = status
                item.save(update_fields=["status", "updated_at"])
            changed += 1
        return changed


class Publishable(models.Model):
    """Status and the rule of who may change it, shared by news items and statements."""

    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        help_text=_(
            "Only published texts are visible to the public. Publishing needs the publish "
            "permission."
        ),
    )
    withdrawal_note = models.TextField(
        _("withdrawal note"),
        blank=True,
        validators=[MaxLengthValidator(1000)],
        help_text=_(
            "Shown to readers at the address of a withdrawn text instead of it; leave empty "
            "for no note."
        ),
    )

    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        editable=False,
        help_text=_("Raised by every save, so that an editor cannot overwrite a newer edit."),
    )
    retrieved_on = models.DateField(
        _("retrieved on"),
        null=True,
        blank=True,
        help_text=_("The date the source was read for the archive."),
    )
    archived_url = models.URLField(
        _("archived copy"),
        max_length=500,
        blank=True,
        validators=[web_url],
        help_text=_("A copy of the source in a web archive, e.g. web.archive.org."),
    )

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            self.version += 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
        super().save(*args, **kwargs)

    @property
    def is_published(self):
        return self.status == Status.PUBLISHED

    def is_visible_to(self, user):
        """Tell whether a reader may see this item: `visible_to()` for one loaded object."""
        return self.is_published or user.is_staff

    @classmethod
    def publish_permission(cls):
        """Return the 'app.codename' of the permission that allows changing the status."""
        return f"{cls._meta.app_label}.publish_{cls._meta.model_name}"

    @classmethod
    def user_can_publish(cls, user):
        """Tell whether a user may publish or unpublish items of this model."""
        return user.has_perm(cls.publish_permission())


def address_date(year, month, day):
    """Return the date of a news item's address, or None when there is no such day."""
    try:
        return datetime.date(year, month, day)
    except (ValueError, OverflowError):  # no such day, or a year too large for a C int
        return None


class NewsItemQuerySet(PublishableQuerySet):
    def at_address(self, year, month, day, slug):
        """The item whose address has this date and slug (none for an impossible date)."""
        date = address_date(year, month, day)
        return self.none() if date is None else self.filter(published_on=date, slug=slug)

    def search(self, query):
        """Items matching a free-text query (full-text search)."""
        return search_news(self, query)

    def by_relevance(self, query):
        """Order by relevance to a query, newest first among equals."""
        return rank_news(self, query)

    def for_list(self):
        """With what a row of a list of items shows besides the item: its bodies."""
        return self.prefetch_related("bodies")

    def per_year(self, *, body=None, counted=False):
        """[(year, items)] of these items, oldest first.

        With `counted`, for the public items of one body (`body`) or of the archive, the
        figures come from the table of counts (NewsCount) instead of the items: what a
        body's page shows the public, right after any save, without reading its items.
        """
        if counted:
            rows = (
                NewsCount.objects.filter(body=body)
                if body
                else NewsCount.objects.filter(body__isnull=True)
            )
            rows = rows.order_by().values_list("year").annotate(n=models.Sum("items"))
            return [(year, n) for year, n in rows.values_list("year", "n").order_by("year") if n]
        return list(
            self.order_by()
            .annotate(y=Year(self.model.DATE_FIELD))
            .values_list("y")
            .annotate(n=models.Count("pk"))
            .values_list("y", "n")
            .order_by("y")
        )


class NewsItem(Publishable):
    """A news item or official text about the CSTO, as published by its source."""

    class Kind(models.TextChoices):
        NEWS = "news", _("News")
        STATEMENT = "statement", _("Statement")
        DECLARATION = "declaration", _("Declaration")
        INTERVIEW = "interview", _("Interview")
        PRESS_RELEASE = "press_release", _("Press release")

    DATE_FIELD = "published_on"

    objects = NewsItemQuerySet.as_manager()

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        allow_unicode=False,
        help_text=_("Part of the address; unique among the items of the same date."),
    )
    published_on = models.DateField(_("date"), help_text=_("The date the source published it."))
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.NEWS)
    lead = models.TextField(
        _("lead"),
        blank=True,
        validators=[MaxLengthValidator(LEAD_LIMIT)],
        help_text=_("One or two sentences."),
    )
    text = models.TextField(_("text"), validators=[MaxLengthValidator(NEWS_TEXT_LIMIT)])
    place = models.CharField(
        _("place"), max_length=100, blank=True, help_text=_("City where it happened.")
    )
    source_name = models.CharField(
        _("source"),
        max_length=200,
        blank=True,
        help_text=_("Outlet, e.g. CSTO Secretariat or TASS."),
    )
    source_url = models.URLField(
        _("source URL"),
        max_length=500,
        blank=True,
        validators=[web_url],
        help_text=_("Address of the original; each source URL can be archived once."),
    )
    bodies = models.ManyToManyField(
        Body, blank=True, related_name="news_items", verbose_name=_("bodies")
    )
    officials = models.ManyToManyField(
        Official, blank=True, related_name="news_items", verbose_name=_("officials")
    )
    states = models.ManyToManyField(
        MemberState, blank=True, related_name="news_items", verbose_name=_("states")
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="news_items",
        verbose_name=_("meeting"),
        help_text=_("The meeting the item reports, if it reports one."),
    )
    translation_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="translations",
        verbose_name=_("translation of"),
        help_text=_("The same story in the other language."),
    )
    content_hash = models.CharField(
        _("content hash"),
        max_length=64,
        blank=True,
        editable=False,
        help_text=_("Fingerprint of an imported text without a source URL, to import it once."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("created by"),
    )

    search_document = SearchDocumentField(
        _("search document"),
        help_text=_("Written by PostgreSQL from the title, lead and text; empty on SQLite."),
    )

    history = ArchiveHistoricalRecords(
        m2m_fields=[bodies, officials, states],
        excluded_fields=["updated_at", "content_hash", "search_document"],
        bases=[CorrectionFields],
    )

    class Meta:
        ordering = ["-published_on", "-id"]
        get_latest_by = "published_on"
        verbose_name = _("news item")
        verbose_name_plural = _("news items")
        permissions = [("publish_newsitem", _("Can publish and unpublish news items"))]
        indexes = [
            # Ends with id so that the list's order (date, then id, newest first) is a
            # backward scan of this index, and counts and deep pages read the index only.
            models.Index(fields=["status", "published_on", "id"], name="newsitem_status_date_idx"),
            # The smallest index that holds the status: counting every published item
            # reads it in a third less time than the date index.
            models.Index(fields=["status"], name="newsitem_status_idx"),
            models.Index(fields=["language", "status"], name="newsitem_language_idx"),
            models.Index(fields=["kind"], name="newsitem_kind_idx"),
            # Lets a count through a body's, official's or state's links check each item's
            # status in this small index instead of reading the item's row.
            models.Index(fields=["id", "status"], name="newsitem_id_status_idx"),
            # Few items are translations; an index of those only gives the query planner
            # true figures (the plain foreign-key index is mostly empty values).
            models.Index(
                fields=["translation_of"],
                condition=Q(translation_of__isnull=False),
                name="newsitem_translation_idx",
            ),
            # Created on PostgreSQL only (migration 0005); SQLite searches an FTS5 table.
            PostgresGinIndex(fields=["search_document"], name=DOCUMENT_INDEX),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["published_on", "slug"],
                name="newsitem_unique_slug_per_date",
                violation_error_message=_("Another news item of this date already has this slug."),
            ),
            models.UniqueConstraint(
                fields=["source_url"],
                condition=~Q(source_url=""),
                name="newsitem_unique_source_url",
                violation_error_message=_("This source URL is already in the archive."),
            ),
            models.UniqueConstraint(
                fields=["content_hash"],
                condition=~Q(content_hash=""),
                name="newsitem_unique_content_hash",
                violation_error_message=_("This text has already been imported."),
            ),
            models.CheckConstraint(
                condition=Q(language__in=Language.values), name="newsitem_language_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="newsitem_status_valid"
            ),
        ]

    def __str__(self):
        return self.title

    def _url_kwargs(self):
        d = self.published_on
        return {"year": d.year, "month": d.month, "day": d.day, "slug": self.slug}

    @property
    def display_place(self):
        """Return the place in the reader's language (Астана on Russian pages)."""
        return place_name(self.place)

    def get_absolute_url(self):
        return reverse("news:detail", kwargs=self._url_kwargs())

    def get_history_url(self):
        """Return the address of the public list of published versions."""
        return reverse("news:history", kwargs=self._url_kwargs())


class NewsCount(models.Model):
    """How many published news items a year has, per language and kind: all of them (no
    body) and those of each body.

    The list's total and its body and year facets are sums over these few hundred rows, so
    a list is counted without reading the archive, also right after a save. Kept by
    `news.counts`, which recounts the years a save touches in the same transaction; a
    derived table, rebuilt after a bulk load and never exported.
    """

    derived = True

    year = models.PositiveSmallIntegerField(_("year"))
    body = models.ForeignKey(
        Body,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("body"),
        help_text=_("Empty for the count of every item of the year."),
    )
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    kind = models.CharField(_("kind"), max_length=16, choices=NewsItem.Kind.choices)
    items = models.PositiveIntegerField(_("items"))

    class Meta:
        verbose_name = _("news count")
        verbose_name_plural = _("news counts")
        ordering = ["-year", "body", "language", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "body", "language", "kind"],
                condition=Q(body__isnull=False),
                name="newscount_unique_body_row",
            ),
            models.UniqueConstraint(
                fields=["year", "language", "kind"],
                condition=Q(body__isnull=True),
                name="newscount_unique_total_row",
            ),
        ]

    def __str__(self):
        return f"{self.year} {self.body or '*'} {self.language} {self.kind}: {self.items}"


class CopyFingerprint(models.Model):
    """The sampled run hashes of a news item's text (`news.importer.copies`), kept so that a
    process starting reads the archive's fingerprints instead of working them out again.

    A cache: written by the copy index whenever it fingerprints a text, rewritten when the
    item has changed since (`text_updated_at`), removed with the item; never exported.
    """

    derived = True

    item = models.OneToOneField(
        NewsItem,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="copy_fingerprint",
        verbose_name=_("news item"),
    )
    hashes = models.BinaryField(
        _("hashes"), help_text=_("Unsigned 32-bit run hashes, little-endian.")
    )
    text_updated_at = models.DateTimeField(
        _("fingerprinted at"), help_text=_("The item's last change when this was worked out.")
    )

    class Meta:
        verbose_name = _("copy fingerprint")
        verbose_name_plural = _("copy fingerprints")
        ordering = ["item"]

    def __str__(self):
        return f"{self.item_id}: {len(self.hashes) // 4} runs"


class Statement(Publishable):
    """A statement or quotation attributed to an official."""

    DATE_FIELD = "said_on"
    SEARCH_FIELDS = ["text"]

    speaker = models.ForeignKey(
        Official, on_delete=models.PROTECT, related_name="statements", verbose_name=_("speaker")
    )
    text = models.TextField(_("text"), validators=[MaxLengthValidator(STATEMENT_TEXT_LIMIT)])
    said_on = models.DateField(_("said on"))
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    news_item = models.ForeignKey(
        NewsItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="statements",
        verbose_name=_("reported in"),
        help_text=_("The news item that reported the statement."),
    )
    body = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statements",
        verbose_name=_("body"),
        help_text=_("The body whose meeting it was made at, if any."),
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="statements",
        verbose_name=_("meeting"),
        help_text=_("The meeting it was made at, if any."),
    )
    place = models.CharField(_("place"), max_length=100, blank=True)
    source_url = models.URLField(
        _("source URL"),
        max_length=500,
        blank=True,
        validators=[web_url],
        help_text=_("Where the statement was published, if not in the news item above."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = ArchiveHistoricalRecords(excluded_fields=["updated_at"], bases=[CorrectionFields])

    class Meta:
        ordering = ["-said_on", "-id"]
        get_latest_by = "said_on"
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        permissions = [("publish_statement", _("Can publish and unpublish statements"))]
        indexes = [
            models.Index(fields=["status", "said_on", "id"], name="statement_status_date_idx"),
            models.Index(fields=["speaker", "status"], name="statement_speaker_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(language__in=Language.values), name="statement_language_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="statement_status_valid"
            ),
        ]

    def __str__(self):
        return f"{self.speaker}, {self.said_on}: {self.excerpt}"

    @property
    def display_place(self):
        """Return the place in the reader's language (Астана on Russian pages)."""
        return place_name(self.place)

    def get_absolute_url(self):
        return reverse("news:statement_detail", kwargs={"pk": self.pk})

    def get_history_url(self):
        """Return the address of the public list of published versions."""
        return reverse("news:statement_history", kwargs={"pk": self.pk})

    @property
    def title(self):
        """Return a heading, e.g. 'Statement by Stanislav Zas, 2 December 2020'."""
        return _("Statement by %(speaker)s, %(date)s") % {
            "speaker": self.speaker.display_name,
            "date": date_format(self.said_on, "DATE_FORMAT"),
        }

    @property
    def excerpt(self):
        """Return the first words of the text, for lists."""
        return self.text if len(self.text) <= 80 else self.text[:77].rsplit(" ", 1)[0] + "…"


class ReviewSubject(models.Model):
    """The news item or the statement a review record is about: exactly one of the two.

    Two foreign keys rather than a generic relation, so that the archive's export and
    import carry them like any other link.
    """

    news_item = models.ForeignKey(
        NewsItem,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("news item"),
    )
    statement = models.ForeignKey(
        Statement,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("statement"),
    )

    class Meta:
        abstract = True

    @property
    def subject(self):
        return self.news_item or self.statement

    @staticmethod
    def subject_filter(obj):
        """The filter of the records about one news item or statement."""
        return {"news_item": obj} if isinstance(obj, NewsItem) else {"statement": obj}


def one_subject(name):
    return models.CheckConstraint(
        condition=Q(news_item__isnull=True, statement__isnull=False)
        | Q(news_item__isnull=False, statement__isnull=True),
        name=name,
    )


class PendingChange(ReviewSubject):
    """An Editor's change to a published text, waiting for a Publisher.

    The published row stays as it is, so readers cannot see the change on any path; the
    proposed values live here until a Publisher approves (they become the published
    version) or sends the change back.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Sent back")

    values = models.JSONField(
        _("proposed values"),
        default=dict,
        help_text=_("The fields this change sets, by column name; links as lists of ids."),
    )
    base_version = models.PositiveIntegerField(
        _("base version"), help_text=_("The version of the published text the change was made on.")
    )
    reason = models.CharField(_("reason"), max_length=100)
    kind = models.CharField(
        _("kind of change"), max_length=12, choices=ChangeKind.choices, blank=True
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING
    )
    edits = models.PositiveIntegerField(
        _("edits"), default=1, help_text=_("Raised by every save, for the check of two editors.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("pending change")
        verbose_name_plural = _("pending changes")
        indexes = [models.Index(fields=["state", "created_at"], name="pendingchange_queue_idx")]
        constraints = [
            one_subject("pendingchange_one_subject"),
            models.UniqueConstraint(
                fields=["news_item"],
                condition=Q(state="pending", news_item__isnull=False),
                name="pendingchange_one_per_item",
            ),
            models.UniqueConstraint(
                fields=["statement"],
                condition=Q(state="pending", statement__isnull=False),
                name="pendingchange_one_per_statement",
            ),
        ]

    def __str__(self):
        return f"{self.subject}: {self.reason}"

    def get_absolute_url(self):
        return reverse("admin:news_review_queue") + f"#change-{self.pk}"

    @property
    def token(self):
        """What a form opened on this change carries, to notice a save made since."""
        return f"{self.pk}:{self.edits}"


class ReviewStep(ReviewSubject):
    """One step of a text's way to readers: who did what, when, and what they said."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted for review")
        TAKEN_BACK = "taken_back", _("Taken back by the editor")
        PUBLISHED = "published", _("Published")
        SENT_BACK = "sent_back", _("Sent back")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        STATUS = "status", _("Status changed")
        PROPOSED = "proposed", _("Change proposed")
        APPROVED = "approved", _("Change approved")
        REJECTED = "rejected", _("Change sent back")

    action = models.CharField(_("action"), max_length=12, choices=Action.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("user"),
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    comment = models.TextField(_("comment"), blank=True, validators=[MaxLengthValidator(2000)])
    status = models.CharField(
        _("status after"),
        max_length=10,
        choices=Status.choices,
        help_text=_("The text's status after this step."),
    )
    change = models.ForeignKey(
        PendingChange,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="steps",
        verbose_name=_("change"),
    )

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("review step")
        verbose_name_plural = _("review steps")
        indexes = [
            models.Index(fields=["news_item", "at"], name="reviewstep_item_idx"),
            models.Index(fields=["statement", "at"], name="reviewstep_statement_idx"),
        ]
        constraints = [one_subject("reviewstep_one_subject")]

    def __str__(self):
        return f"{self.subject}: {self.get_action_display()}"

    def get_absolute_url(self):
        subject = self.subject
        opts = subject._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[subject.pk])
