"""Who is who in the CSTO: bodies, member states, officials and their posts over time."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.history import ArchiveHistoricalRecords, revision
from core.text import script_language, split_aliases
from core.transliteration import free_slug, transliterate
from core.validators import ALIASES_LIMIT, DESCRIPTION_LIMIT, web_url


class NamedEntity(models.Model):
    """A body, state or person: shown in the reader's language, found by its aliases."""

    aliases = models.TextField(
        _("aliases"),
        blank=True,
        validators=[MaxLengthValidator(ALIASES_LIMIT)],
        help_text=_(
            "Other ways texts write this name, one per line: abbreviations, spellings, "
            "transliterations and Russian case forms. The importer matches these."
        ),
    )

    class Meta:
        abstract = True

    @property
    def alias_list(self):
        """Return the aliases as a list of strings."""
        return split_aliases(self.aliases)

    @property
    def display_name(self):
        """Return the Russian name on Russian pages when there is one, else the English name."""
        if self.name_ru and get_language() == "ru":
            return self.name_ru
        return self.name


class MemberState(NamedEntity):
    """A state that is or was party to the Collective Security Treaty."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    name_ru = models.CharField(_("name in Russian"), max_length=100, blank=True)
    name_ru_genitive = models.CharField(
        _("Russian name in the genitive"),
        max_length=100,
        blank=True,
        help_text=_("As a post's name needs it, e.g. России for Министр обороны России."),
    )
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    iso_code = models.CharField(
        _("ISO code"),
        max_length=2,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]{2}\Z", _("Enter two capital letters, e.g. KZ."))],
        help_text=_("ISO 3166-1 alpha-2 code, e.g. KZ."),
    )

    history = ArchiveHistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("member state")
        verbose_name_plural = _("member states")
        constraints = [
            models.CheckConstraint(
                condition=Q(iso_code__regex=r"^[A-Z]{2}$"), name="memberstate_iso_code_upper"
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def display_genitive(self):
        """Return the name as a post's label needs it: the Russian genitive on Russian pages
        (России), the nominative while none is recorded, the English name elsewhere."""
        if get_language() == "ru":
            return self.name_ru_genitive or self.display_name
        return self.name

    def get_absolute_url(self):
        return reverse("people:state_detail", kwargs={"slug": self.slug})

    def latest_event(self, on=None):
        """Return the most recent membership event up to `on` (default today), or None."""
        on = on or timezone.localdate()
        return self.events.filter(date__lte=on).order_by("-date").first()

    def is_member_on(self, on=None):
        """Tell whether the state was a party on a date (joined and not since left)."""
        event = self.latest_event(on)
        return event is not None and event.kind not in MembershipEvent.LEAVING_KINDS


class MembershipEvent(models.Model):
    """A step in a state's membership: signed, joined, suspended, withdrew, froze, resumed."""

    class Kind(models.TextChoices):
        SIGNED = "signed", _("signed the treaty")
        JOINED = "joined", _("joined")
        SUSPENDED = "suspended", _("suspended membership")
        WITHDREW = "withdrew", _("withdrew")
        FROZE = "froze", _("froze participation")
        RESUMED = "resumed", _("resumed membership")

    class Precision(models.TextChoices):
        DAY = "day", _("day")
        MONTH = "month", _("month")
        YEAR = "year", _("year")

    LEAVING_KINDS = {Kind.SUSPENDED, Kind.WITHDREW}

    state = models.ForeignKey(
        MemberState, on_delete=models.CASCADE, related_name="events", verbose_name=_("state")
    )
    kind = models.CharField(_("event"), max_length=12, choices=Kind.choices)
    date = models.DateField(_("date"))
    precision = models.CharField(
        _("date precision"),
        max_length=5,
        choices=Precision.choices,
        default=Precision.DAY,
        help_text=_("How much of the date is known; for a year only, enter 1 January."),
    )
    description = models.TextField(
        _("description"), blank=True, validators=[MaxLengthValidator(DESCRIPTION_LIMIT)]
    )
    source_url = models.URLField(_("source URL"), max_length=500, blank=True, validators=[web_url])

    history = ArchiveHistoricalRecords()

    class Meta:
        ordering = ["state", "date"]
        get_latest_by = "date"
        verbose_name = _("membership event")
        verbose_name_plural = _("membership events")
        constraints = [
            models.UniqueConstraint(
                fields=["state", "kind", "date"], name="membershipevent_unique_state_kind_date"
            ),
        ]

    def __str__(self):
        return f"{self.state}: {self.get_kind_display()} ({self.display_date})"

    @property
    def display_date(self):
        """Return the date only as precisely as it is known, in the reader's language."""
        if self.precision == self.Precision.YEAR:
            return str(self.date.year)
        if self.precision == self.Precision.MONTH:
            return date_format(self.date, "YEAR_MONTH_FORMAT")
        return date_format(self.date, "DATE_FORMAT")


class Body(NamedEntity):
    """A CSTO body: a statutory council, a working body, a working group or a council."""

    class Kind(models.TextChoices):
        STATUTORY = "statutory", _("statutory body")
        PERMANENT = "permanent", _("permanent working body")
        SUBSIDIARY = "subsidiary", _("subsidiary body")
        WORKING_GROUP = "working_group", _("working group")
        COORDINATION_COUNCIL = "coordination_council", _("coordination council")
        PARLIAMENTARY = "parliamentary", _("parliamentary body")

    name = models.CharField(
        _("name"), max_length=200, unique=True, help_text=_("Canonical English name.")
    )
    name_ru = models.CharField(_("name in Russian"), max_length=200, blank=True)
    abbreviation = models.CharField(
        _("abbreviation"), max_length=20, blank=True, help_text=_("e.g. CSC, CFM.")
    )
    abbreviation_ru = models.CharField(
        _("abbreviation in Russian"),
        max_length=20,
        blank=True,
        help_text=_("As Russian texts write it, e.g. СКБ, СМИД."),
    )
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent body"),
        help_text=_("The body this one works under, if any."),
    )
    description = models.TextField(
        _("description"), blank=True, validators=[MaxLengthValidator(DESCRIPTION_LIMIT)]
    )
    description_ru = models.TextField(
        _("description in Russian"),
        blank=True,
        validators=[MaxLengthValidator(DESCRIPTION_LIMIT)],
    )
    source_url = models.URLField(_("source URL"), max_length=500, blank=True, validators=[web_url])

    history = ArchiveHistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        indexes = [models.Index(fields=["kind"], name="body_kind_idx")]

    def __str__(self):
        return self.name

    @property
    def display_abbreviation(self):
        """Return the abbreviation Russian texts use on Russian pages (СКБ), else the English."""
        if self.abbreviation_ru and get_language() == "ru":
            return self.abbreviation_ru
        return self.abbreviation

    @property
    def display_description(self):
        """Return the description in the reader's language, the English one failing that."""
        if self.description_ru and get_language() == "ru":
            return self.description_ru
        return self.description

    def get_absolute_url(self):
        return reverse("people:body_detail", kwargs={"slug": self.slug})

    def clean(self):
        """Refuse a parent chain that loops back to this body."""
        ancestor, seen = self.parent, set()
        while ancestor is not None and ancestor.pk not in seen:
            if self.pk is not None and ancestor.pk == self.pk:
                raise ValidationError({"parent": _("A body cannot sit under itself.")})
            seen.add(ancestor.pk)
            ancestor = ancestor.parent


class Official(NamedEntity):
    """A person who speaks for a CSTO body or a member state."""

    name = models.CharField(
        _("name"), max_length=200, help_text=_("Canonical English spelling, e.g. Stanislav Zas.")
    )
    name_ru = models.CharField(_("name in Russian"), max_length=200, blank=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    country = models.ForeignKey(
        MemberState,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="officials",
        verbose_name=_("country"),
        help_text=_("The member state the person represents."),
    )
    country_other = models.CharField(
        _("other country"),
        max_length=100,
        blank=True,
        help_text=_("For a person from a state that is not in the list, e.g. Serbia."),
    )
    summary = models.CharField(
        _("summary"), max_length=300, blank=True, help_text=_("One sentence on who this is.")
    )
    summary_ru = models.CharField(
        _("summary in Russian"),
        max_length=300,
        blank=True,
        help_text=_("The same sentence in Russian, shown on Russian pages."),
    )

    history = ArchiveHistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("official")
        verbose_name_plural = _("officials")
        indexes = [models.Index(fields=["name"], name="official_name_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(country__isnull=True) | Q(country_other=""),
                name="official_one_country",
                violation_error_message=_(
                    "Give either a member state or another country, not both."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("people:official_detail", kwargs={"slug": self.slug})

    @property
    def display_summary(self):
        """Return the Russian summary on Russian pages when there is one, else the English."""
        if self.summary_ru and get_language() == "ru":
            return self.summary_ru
        return self.summary

    @property
    def country_name(self):
        """Return the country as text, whether it is a member state or not."""
        return self.country.name if self.country_id else self.country_other

    @classmethod
    def create_from_name(cls, name, *, user=None):
        """Add a person found in an imported text; an editor completes the record later."""
        name = " ".join(name.split())
        latin = transliterate(name)
        slug = free_slug(latin, cls.objects.all())
        official = cls(name=latin, name_ru=name if latin != name else "", slug=slug)
        with revision(official, user=user, reason="Added from an imported text"):
            official.save()
        return official

    def position_on(self, date):
        """Return the post the person held on a date (the most recently begun one), or None."""
        return self.positions.on(date).order_by("-start").first()


class PositionQuerySet(models.QuerySet):
    """Positions filtered by time."""

    def on(self, date):
        """Positions held on a date: begun by then and not ended before it.

        A position without a start date is left out: the archive cannot tell when it was held.
        """
        return self.filter(start__lte=date).filter(Q(end__gte=date) | Q(end__isnull=True))

    def current(self):
        """Positions held today."""
        return self.on(timezone.localdate())

    def past(self):
        """Positions that ended before today."""
        return self.filter(end__lt=timezone.localdate())


class Position(models.Model):
    """An official's post over a span of time."""

    class Title(models.TextChoices):
        SECRETARY_GENERAL = "secretary_general", _("Secretary General")
        ACTING_SECRETARY_GENERAL = "acting_secretary_general", _("Acting Secretary General")
        DEPUTY_SECRETARY_GENERAL = "deputy_secretary_general", _("Deputy Secretary General")
        CHIEF_OF_JOINT_STAFF = "chief_of_joint_staff", _("Chief of the Joint Staff")
        PRESIDENT = "president", _("President")
        PRIME_MINISTER = "prime_minister", _("Prime Minister")
        FOREIGN_MINISTER = "foreign_minister", _("Minister of Foreign Affairs")
        DEFENCE_MINISTER = "defence_minister", _("Minister of Defence")
        SECURITY_COUNCIL_SECRETARY = (
            "security_council_secretary",
            _("Secretary of the Security Council"),
        )
        PA_CHAIRMAN = "pa_chairman", _("Chairman of the Parliamentary Assembly")
        PERMANENT_REPRESENTATIVE = "permanent_representative", _("Permanent Representative")
        PRESS_SECRETARY = "press_secretary", _("Press Secretary")
        OTHER = "other", _("Other (see note)")

    official = models.ForeignKey(
        Official, on_delete=models.CASCADE, related_name="positions", verbose_name=_("official")
    )
    title = models.CharField(_("title"), max_length=32, choices=Title.choices)
    body = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="positions",
        verbose_name=_("body"),
        help_text=_("The CSTO body of the post, e.g. Secretariat for the Secretary General."),
    )
    state = models.ForeignKey(
        MemberState,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="positions",
        verbose_name=_("state"),
        help_text=_("The state of a national post, e.g. Russia for its foreign minister."),
    )
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("end"), null=True, blank=True, help_text=_("Leave empty while held."))
    note = models.CharField(_("note"), max_length=300, blank=True)
    source_url = models.URLField(_("source URL"), max_length=500, blank=True, validators=[web_url])

    objects = PositionQuerySet.as_manager()
    history = ArchiveHistoricalRecords()

    class Meta:
        ordering = ["official", "-start"]
        get_latest_by = "start"
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        indexes = [
            models.Index(fields=["title", "start", "end"], name="position_title_dates_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True)
                | Q(start__isnull=True)
                | Q(end__gte=models.F("start")),
                name="position_end_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            models.UniqueConstraint(
                fields=["official", "title", "start"],
                condition=Q(start__isnull=False),
                name="position_unique_title_start",
                violation_error_message=_("This official already has this post from this date."),
            ),
        ]

    def __str__(self):
        return f"{self.official}: {self.label}"

    @property
    def label(self):
        """Return the post's readable name, e.g. 'Minister of Foreign Affairs of Russia'."""
        label = (
            self.note if self.title == self.Title.OTHER and self.note else self.get_title_display()
        )
        if self.state is not None and get_language() == "ru":
            # Russian names the state in the genitive: Министр обороны России.
            return f"{label} {self.state.display_genitive}"
        where = self.state or self.body
        return f"{label}, {where.display_name}" if where else str(label)

    @property
    def label_language(self):
        """Return the language the label is written in: a note typed for an "other" post
        is in its own script's language, a label built from the title in the reader's."""
        if self.title == self.Title.OTHER and self.note:
            return script_language(self.note) or get_language()
        return get_language()

    @property
    def is_current(self):
        """Tell whether the post is held today."""
        today = timezone.localdate()
        started = self.start is not None and self.start <= today
        return started and (self.end is None or self.end >= today)


class Chairmanship(models.Model):
    """The state that chairs the CSTO in a calendar year."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    state = models.ForeignKey(
        MemberState, on_delete=models.PROTECT, related_name="chairmanships", verbose_name=_("state")
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    source_url = models.URLField(_("source URL"), max_length=500, blank=True, validators=[web_url])

    history = ArchiveHistoricalRecords()

    class Meta:
        ordering = ["-year"]
        get_latest_by = "year"
        verbose_name = _("chairmanship")
        verbose_name_plural = _("chairmanships")
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=1992) & Q(year__lte=2100), name="chairmanship_year_range"
            ),
        ]

    def __str__(self):
        return f"{self.year}: {self.state}"

    @classmethod
    def for_year(cls, year=None):
        """Return the chairmanship of a year (default this year), or None."""
        year = year or timezone.localdate().year
        return cls.objects.select_related("state").filter(year=year).first()
