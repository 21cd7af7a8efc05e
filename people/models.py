"""Who is who in the CSTO: bodies, member states, officials and their posts over time."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
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


class PostTitle(models.TextChoices):
    """The posts the archive knows; a body's members hold one of the national ones."""

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
    member_post = models.CharField(
        _("members' post"),
        max_length=32,
        blank=True,
        default="",
        db_default="",
        choices=PostTitle.choices,
        help_text=_(
            "The national post whose holders sit on the body for their states, e.g. "
            "President for the Collective Security Council; empty when no such rule."
        ),
    )
    secretary_general_sits = models.BooleanField(
        _("Secretary General sits"),
        default=False,
        db_default=False,
        help_text=_("Whether the CSTO Secretary General takes part in its meetings."),
    )

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

    Title = PostTitle

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


def source_lines(text):
    """Return the addresses of a text of sources, one per line, blanks left out."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def validate_sources(text):
    """Refuse a list of sources with a line that is not a web address."""
    for line in source_lines(text):
        web_url(line)


class SeatException(models.Model):
    """For one body, one state's seat held from a date by another national post than the
    body's rule names (Armenia's Prime Minister on the Collective Security Council since the
    2018 constitutional change, where the rule seats heads of state)."""

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="seat_exceptions", verbose_name=_("body")
    )
    state = models.ForeignKey(
        MemberState,
        on_delete=models.CASCADE,
        related_name="seat_exceptions",
        verbose_name=_("state"),
    )
    post = models.CharField(
        _("post"),
        max_length=32,
        choices=PostTitle.choices,
        help_text=_("The national post whose holder sits for this state from the start date."),
    )
    start = models.DateField(_("from"), help_text=_("The first day this post holds the seat."))
    end = models.DateField(
        _("until"),
        null=True,
        blank=True,
        help_text=_("The last day it held the seat; empty while it still does."),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    source_url = models.URLField(_("source URL"), max_length=500, blank=True, validators=[web_url])

    history = ArchiveHistoricalRecords()

    class Meta:
        ordering = ["body", "state", "start"]
        verbose_name = _("seat exception")
        verbose_name_plural = _("seat exceptions")
        indexes = [models.Index(fields=["state", "start"], name="seatexception_state_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "state", "start"], name="seatexception_unique_start"
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="seatexception_end_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
        ]

    def __str__(self):
        return f"{self.body}: {self.state}, {self.get_post_display()} from {self.start}"

    def get_absolute_url(self):
        return self.body.get_absolute_url()

    def covers(self, day):
        """Tell whether the exception holds on a day."""
        return self.start <= day and (self.end is None or self.end >= day)


class MeetingQuerySet(models.QuerySet):
    """Meetings chosen by body, year and who took part."""

    def of_body(self, body):
        return self.filter(body=body)

    def in_year(self, year):
        return self.filter(date__year=year)

    def attended_by(self, official):
        """Meetings an official sat in, by the seat rule of people.meetings (the post that
        seats the state that day, membership dates, recorded absences)."""
        from .meetings import sat_in

        return self.filter(sat_in(official))


SECRETARY_GENERAL_TITLES = {PostTitle.SECRETARY_GENERAL, PostTitle.ACTING_SECRETARY_GENERAL}


class Meeting(models.Model):
    """A session of a CSTO body: when, where, in what format, and what it adopted."""

    class Format(models.TextChoices):
        REGULAR = "regular", _("regular")
        EXTRAORDINARY = "extraordinary", _("extraordinary")
        INFORMAL = "informal", _("informal")
        NARROW_AND_EXPANDED = "narrow_expanded", _("narrow and expanded formats")
        VIDEOCONFERENCE = "videoconference", _("videoconference")

    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("body")
    )
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        help_text=_("Part of the address, e.g. csc-2024-11-28."),
    )
    date = models.DateField(_("date"), help_text=_("The first day of the meeting."))
    end_date = models.DateField(
        _("end date"),
        null=True,
        blank=True,
        help_text=_("The last day of a meeting of several days; empty for one day."),
    )
    place = models.CharField(
        _("place"), max_length=100, blank=True, help_text=_("City, in English; empty online.")
    )
    place_ru = models.CharField(_("place in Russian"), max_length=100, blank=True)
    number = models.PositiveSmallIntegerField(
        _("number"),
        null=True,
        blank=True,
        help_text=_("Where the body numbers its meetings, e.g. 40 for its 40th meeting."),
    )
    format = models.CharField(
        _("format"), max_length=16, choices=Format.choices, default=Format.REGULAR
    )
    chair = models.ForeignKey(
        MemberState,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings_chaired",
        verbose_name=_("chairing state"),
    )
    summary = models.TextField(
        _("summary"),
        blank=True,
        validators=[MaxLengthValidator(DESCRIPTION_LIMIT)],
        help_text=_("A few sentences in our own words."),
    )
    summary_ru = models.TextField(
        _("summary in Russian"), blank=True, validators=[MaxLengthValidator(DESCRIPTION_LIMIT)]
    )
    source_url = models.URLField(_("source URL"), max_length=500, blank=True, validators=[web_url])
    other_sources = models.TextField(
        _("other sources"),
        blank=True,
        validators=[MaxLengthValidator(DESCRIPTION_LIMIT), validate_sources],
        help_text=_("More addresses that report the meeting, one per line."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = MeetingQuerySet.as_manager()
    history = ArchiveHistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-date", "-id"]
        get_latest_by = "date"
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [
            models.Index(fields=["body", "date"], name="meeting_body_date_idx"),
            models.Index(fields=["date", "id"], name="meeting_date_idx"),
            models.Index(fields=["created_at"], name="meeting_created_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("date")),
                name="meeting_end_after_start",
                violation_error_message=_("The end date cannot be before the date."),
            ),
            models.CheckConstraint(
                condition=Q(number__isnull=True) | Q(number__gte=1),
                name="meeting_number_positive",
            ),
        ]

    def __str__(self):
        return f"{self.body}, {self.date.isoformat()}" + (f", {self.place}" if self.place else "")

    def get_absolute_url(self):
        return reverse("people:meeting_detail", kwargs={"slug": self.slug})

    @property
    def display_place(self):
        """Return the place in the reader's language."""
        if self.place_ru and get_language() == "ru":
            return self.place_ru
        return self.place

    @property
    def display_summary(self):
        if self.summary_ru and get_language() == "ru":
            return self.summary_ru
        return self.summary

    @property
    def title(self):
        """Return a heading, e.g. 'Collective Security Council, 28 November 2024, Astana'."""
        parts = [self.body.display_name, self.display_dates]
        if self.display_place:
            parts.append(self.display_place)
        return ", ".join(str(part) for part in parts)

    @property
    def display_dates(self):
        """Return the date, or the first and last days of a meeting of several days."""
        if self.end_date and self.end_date != self.date:
            first, last = (date_format(day, "DATE_FORMAT") for day in (self.date, self.end_date))
            return f"{first} – {last}"
        return date_format(self.date, "DATE_FORMAT")

    @property
    def last_day(self):
        return self.end_date or self.date

    @property
    def sources(self):
        """Return every source address, the main one first."""
        return [url for url in [self.source_url, *source_lines(self.other_sources)] if url]

    def neighbours(self):
        """Return (previous, next) meeting of the same body, or None for either."""
        same = Meeting.objects.filter(body_id=self.body_id).exclude(pk=self.pk)
        earlier = Q(date__lt=self.date) | Q(date=self.date, id__lt=self.pk)
        later = Q(date__gt=self.date) | Q(date=self.date, id__gt=self.pk)
        return (
            same.filter(earlier).order_by("-date", "-id").first(),
            same.filter(later).order_by("date", "id").first(),
        )

    @classmethod
    def slug_for(cls, body, date, *, number=None):
        """Return a free slug built from the body's abbreviation (or slug) and the date."""
        stem = slugify(body.abbreviation or body.slug)[:60] or "meeting"
        return free_slug(f"{stem}-{date.isoformat()}", cls.objects.all())


class MeetingAbsence(models.Model):
    """A member state that did not take part in a meeting, as a source says."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="absences", verbose_name=_("meeting")
    )
    state = models.ForeignKey(
        MemberState, on_delete=models.PROTECT, related_name="absences", verbose_name=_("state")
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    note_ru = models.CharField(_("note in Russian"), max_length=300, blank=True)
    source_url = models.URLField(
        _("source URL"),
        max_length=500,
        validators=[web_url],
        help_text=_("The source that says the state was not there."),
    )

    history = ArchiveHistoricalRecords()

    class Meta:
        ordering = ["meeting", "state"]
        verbose_name = _("absence")
        verbose_name_plural = _("absences")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "state"], name="meetingabsence_unique_state"
            ),
        ]

    def __str__(self):
        return f"{self.state} absent: {self.meeting}"

    def get_absolute_url(self):
        return self.meeting.get_absolute_url()

    @property
    def display_note(self):
        if self.note_ru and get_language() == "ru":
            return self.note_ru
        return self.note


class DocumentQuerySet(models.QuerySet):
    def with_status(self, kind):
        """Documents that have reached a step, e.g. entered into force."""
        return self.filter(pk__in=DocumentEvent.objects.filter(kind=kind).values("document"))


class Document(models.Model):
    """A text a meeting adopted or signed: a declaration, an agreement, a programme..."""

    class Kind(models.TextChoices):
        DECLARATION = "declaration", _("declaration")
        AGREEMENT = "agreement", _("agreement")
        PROTOCOL = "protocol", _("protocol")
        PROGRAMME = "programme", _("programme")
        PLAN = "plan", _("plan")
        DECISION = "decision", _("decision")
        STATEMENT = "statement", _("statement")

    title = models.CharField(_("title"), max_length=300, help_text=_("In English."))
    title_ru = models.CharField(_("title in Russian"), max_length=300, blank=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("meeting"),
        help_text=_("The meeting that adopted or signed it."),
    )
    date = models.DateField(_("date"), help_text=_("The day it was adopted or signed."))
    summary = models.TextField(
        _("summary"),
        blank=True,
        validators=[MaxLengthValidator(DESCRIPTION_LIMIT)],
        help_text=_("What it is about, in our own words."),
    )
    summary_ru = models.TextField(
        _("summary in Russian"), blank=True, validators=[MaxLengthValidator(DESCRIPTION_LIMIT)]
    )
    source_url = models.URLField(_("source URL"), max_length=500, blank=True, validators=[web_url])
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = DocumentQuerySet.as_manager()
    history = ArchiveHistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-date", "title"]
        get_latest_by = "date"
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        indexes = [
            models.Index(fields=["kind", "date"], name="document_kind_date_idx"),
            models.Index(fields=["date"], name="document_date_idx"),
            models.Index(fields=["created_at"], name="document_created_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "title"],
                condition=Q(meeting__isnull=False),
                name="document_unique_title_per_meeting",
                violation_error_message=_("This meeting already has a document of this title."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("people:document_detail", kwargs={"slug": self.slug})

    @property
    def display_title(self):
        if self.title_ru and get_language() == "ru":
            return self.title_ru
        return self.title

    @property
    def display_summary(self):
        if self.summary_ru and get_language() == "ru":
            return self.summary_ru
        return self.summary


class DocumentEvent(models.Model):
    """A dated step in a document's life: signed, ratified by a state, in force, suspended."""

    class Kind(models.TextChoices):
        ADOPTED = "adopted", _("adopted")
        SIGNED = "signed", _("signed")
        RATIFIED = "ratified", _("ratified")
        IN_FORCE = "in_force", _("entered into force")
        SUSPENDED = "suspended", _("suspended")

    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="events", verbose_name=_("document")
    )
    kind = models.CharField(_("event"), max_length=10, choices=Kind.choices)
    date = models.DateField(_("date"))
    state = models.ForeignKey(
        MemberState,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="document_events",
        verbose_name=_("state"),
        help_text=_("The state that ratified or suspended it, if the step is one state's."),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    source_url = models.URLField(_("source URL"), max_length=500, blank=True, validators=[web_url])

    history = ArchiveHistoricalRecords()

    class Meta:
        ordering = ["document", "date", "id"]
        get_latest_by = "date"
        verbose_name = _("document event")
        verbose_name_plural = _("document events")
        indexes = [models.Index(fields=["kind", "document"], name="documentevent_kind_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "kind", "state", "date"],
                condition=Q(state__isnull=False),
                name="documentevent_unique_state_step",
            ),
            models.UniqueConstraint(
                fields=["document", "kind", "date"],
                condition=Q(state__isnull=True),
                name="documentevent_unique_common_step",
            ),
        ]

    def __str__(self):
        who = f" ({self.state})" if self.state_id else ""
        return f"{self.document}: {self.get_kind_display()}{who}, {self.date.isoformat()}"

    def get_absolute_url(self):
        return self.document.get_absolute_url()
