"""What a subscription can follow: a list, its FilterSet, and what is new in it.

Each kind reuses its list's own FilterSet, so an alert holds exactly the items the list
shows for the same filters. A new kind of list is a class here, an entry in KINDS and a
value of `Subscription.Kind`.
"""

import hashlib
import json

from django import forms
from django.http import QueryDict
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.models import ArchiveState
from news.filters import NewsFilter, StatementFilter
from news.models import NewsItem, Statement
from people.filters import MeetingFilter
from people.models import Meeting

from .models import MeetingPublication, Publication, StatementPublication, Subscription


def query_dict(filters):
    data = QueryDict(mutable=True)
    for name, value in filters.items():
        data.setlist(name, value if isinstance(value, list) else [value])
    return data


def excerpt(text, words=60):
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


class ListKind:
    """One list whose filters a subscription keeps: news items, meetings."""

    filterset_class = None
    model = None
    list_url = None

    def published(self):
        """What readers may see of the list (drafts never)."""
        return self.model.objects.published()

    def names(self):
        return list(self.filterset_class.base_filters)

    def filterset(self, filters, queryset=None, filterset_class=None):
        filterset_class = filterset_class or self.filterset_class
        return filterset_class(
            query_dict(filters),
            queryset=queryset if queryset is not None else self.published(),
            # The form's choices (every body, official, state) are then read once per
            # archive version, as the list's are, not once per check.
            version=ArchiveState.version_now(),
        )

    def normalise(self, data):
        """Return (filters, errors): the filters of `data` the list's form accepted, each as
        the list's address writes it (slugs, sorted; blanks left out), or its errors."""
        raw = {
            name: [value for value in data.getlist(name) if value.strip()]
            for name in self.names()
            if any(value.strip() for value in data.getlist(name))
        }
        filterset = self.filterset(raw)
        if not filterset.is_valid():
            return None, filterset.form.errors
        filters = {}
        for name, value in filterset.form.cleaned_data.items():
            field = filterset.form.fields[name]
            if value in (None, "", []) or (hasattr(value, "exists") and not value.exists()):
                continue
            if isinstance(field, forms.ModelMultipleChoiceField):
                filters[name] = sorted(obj.slug for obj in value)
            elif isinstance(field, forms.ModelChoiceField):
                filters[name] = value.slug
            elif isinstance(value, str):
                if value.strip():
                    filters[name] = " ".join(value.split())
            else:
                filters[name] = str(value)
        return filters, None

    def current(self, filters):
        """The stored filters with every renamed body, official or state under its slug of
        today, found through the history of its slugs; a slug nothing ever had stays."""
        resolved = dict(filters)
        for name, value in filters.items():
            model = self.slug_model(name)
            if model is None:
                continue
            values = value if isinstance(value, list) else [value]
            known = set(model.objects.filter(slug__in=values).values_list("slug", flat=True))
            fresh = [slug if slug in known else renamed(model, slug) for slug in values]
            resolved[name] = sorted(set(fresh)) if isinstance(value, list) else fresh[0]
        return resolved

    def usable(self, filters):
        """The filters as the list's form takes them today: as stored while they are valid
        (no query: the form's choices are kept per archive version), else renamed ones
        resolved (`current`)."""
        if self.filterset(filters).is_valid():
            return filters
        return self.current(filters)

    def slug_model(self, name):
        """The model a filter names by slug (a body, an official), or None."""
        one = self.filterset_class.base_filters.get(name)
        queryset = one.extra.get("queryset") if one is not None else None
        if queryset is None or one.extra.get("to_field_name") != "slug":
            return None
        return queryset.model

    def describe(self, filters):
        """How the filters read (in the active language), e.g. "Body: Collective Security
        Council; Year: 2024"; empty for every item."""
        filterset = self.filterset(filters)
        if not filterset.is_valid():
            filterset = self.filterset(self.current(filters))
        return "; ".join(f"{label}: {shown}" for label, shown, _rest in filterset.active_filters())

    def matching(self, filters, queryset, filterset_class=None):
        """The rows of `queryset` the filters choose; none when they no longer validate."""
        filterset = self.filterset(filters, queryset, filterset_class)
        if not filterset.is_valid():  # a body since removed: nothing matches
            return queryset.none()
        return filterset.qs.order_by().values("pk")

    def new_entries(self, subscription, since, until, limit):
        """Return (rows, total): up to `limit` rows of what became public in (since, until]
        and matches the subscription, newest first, and how many there are in all."""
        raise NotImplementedError


def window(moments, since, until):
    rows = moments.objects.filter(is_public=True, public_since__lte=until)
    return rows.filter(public_since__gt=since) if since is not None else rows


def renamed(model, slug):
    """The slug of today of the object that once had `slug`, or `slug` itself."""
    record = model.history.filter(slug=slug).order_by("-history_date").first()
    if record is None:
        return slug
    return model.objects.filter(pk=record.id).values_list("slug", flat=True).first() or slug


class NewsKind(ListKind):
    """News items; an alert that follows an official also lists the official's statements."""

    filterset_class = NewsFilter
    model = NewsItem
    list_url = "news:list"

    # News filters a statement also has, under its own name. An alert with any other
    # filter (a state, a kind of item, several bodies) is about news items only.
    STATEMENT_FILTERS = {"official": "speaker", "body": "body", "year": "year", "q": "q"}
    STATEMENT_FILTERS |= {"language": "language"}

    def statement_filters(self, filters):
        """The statements' filters of an alert following an official, or None."""
        if "official" not in filters or set(filters) - set(self.STATEMENT_FILTERS):
            return None
        if isinstance(filters.get("body"), list) and len(filters["body"]) != 1:
            return None
        return {
            self.STATEMENT_FILTERS[name]: value[0] if isinstance(value, list) else value
            for name, value in filters.items()
        }

    def new_entries(self, subscription, since, until, limit):
        filters = self.usable(subscription.filters)
        news = (
            NewsItem.objects.published()
            .filter(pk__in=window(Publication, since, until).values("item_id"))
            .filter(pk__in=self.matching(filters, NewsItem.objects.published()))
            .prefetch_related("bodies")
            .order_by("-published_on", "-id")
        )
        entries = [(item.published_on, self.news_row(item)) for item in news[:limit]]
        total = len(entries) if len(entries) < limit else news.count()
        statement_filters = self.statement_filters(filters)
        if statement_filters is not None:
            statements = (
                Statement.objects.published()
                .filter(pk__in=window(StatementPublication, since, until).values("statement_id"))
                .filter(
                    pk__in=self.matching(
                        statement_filters, Statement.objects.published(), StatementFilter
                    )
                )
                .select_related("speaker", "body")
                .order_by("-said_on", "-id")
            )
            said = [(one.said_on, self.statement_row(one)) for one in statements[:limit]]
            entries += said
            total += len(said) if len(said) < limit else statements.count()
        entries.sort(key=lambda entry: entry[0], reverse=True)
        return [row for _day, row in entries[:limit]], total

    def news_row(self, item):
        return {
            "title": item.title,
            "date": date_format(item.published_on, "DATE_FORMAT"),
            "details": [body.display_name for body in item.bodies.all()],
            "summary": item.lead or excerpt(item.text),
            "path": item.get_absolute_url(),
        }

    def statement_row(self, statement):
        return {
            "title": statement.title,
            "date": date_format(statement.said_on, "DATE_FORMAT"),
            "details": [statement.body.display_name] if statement.body else [],
            "summary": excerpt(statement.text),
            "path": statement.get_absolute_url(),
        }


class StatementKind(ListKind):
    """Statements, from the statements list and its filters (speaker, body, year, ...)."""

    filterset_class = StatementFilter
    model = Statement
    list_url = "news:statement_list"

    def describe(self, filters):
        """Named as statements, so it never reads as an alert on news items."""
        return "; ".join(part for part in (_("Statements"), super().describe(filters)) if part)

    def new_entries(self, subscription, since, until, limit):
        filters = self.usable(subscription.filters)
        statements = (
            Statement.objects.published()
            .filter(pk__in=window(StatementPublication, since, until).values("statement_id"))
            .filter(pk__in=self.matching(filters, Statement.objects.published()))
            .select_related("speaker", "body")
            .order_by("-said_on", "-id")
        )
        rows = [KINDS[Subscription.Kind.NEWS].statement_row(one) for one in statements[:limit]]
        total = len(rows) if len(rows) < limit else statements.count()
        return rows, total


class MeetingKind(ListKind):
    """Meetings newly recorded in the archive (a meeting has no drafts: it is public once
    saved, at the commit of its first save, `MeetingPublication`)."""

    filterset_class = MeetingFilter
    model = Meeting
    list_url = "people:meeting_list"

    def published(self):
        return Meeting.objects.all()  # what the meetings list shows every reader

    def describe(self, filters):
        """Named as meetings, so it never reads as an alert on news items."""
        return "; ".join(part for part in (_("Meetings"), super().describe(filters)) if part)

    def new_entries(self, subscription, since, until, limit):
        filters = self.usable(subscription.filters)
        meetings = (
            Meeting.objects.filter(
                pk__in=window(MeetingPublication, since, until).values("meeting_id")
            )
            .filter(pk__in=self.matching(filters, Meeting.objects.all()))
            .select_related("body")
            .order_by("-date", "-id")
        )
        rows = [self.meeting_row(meeting) for meeting in meetings[:limit]]
        total = len(rows) if len(rows) < limit else meetings.count()
        return rows, total

    def meeting_row(self, meeting):
        return {
            "title": meeting.title,
            "date": meeting.display_dates,
            "details": [meeting.get_format_display()]
            if meeting.format != Meeting.Format.REGULAR
            else [],
            "summary": excerpt(meeting.display_summary),
            "path": meeting.get_absolute_url(),
        }


KINDS = {
    Subscription.Kind.NEWS: NewsKind(),
    Subscription.Kind.STATEMENTS: StatementKind(),
    Subscription.Kind.MEETINGS: MeetingKind(),
}


def kind_of(name):
    return KINDS[name]


def filters_key(filters):
    """A fingerprint of normalised filters: the same filters, the same key."""
    text = json.dumps(filters, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()
