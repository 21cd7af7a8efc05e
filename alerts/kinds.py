"""What a subscription can follow: a list, its FilterSet, and what is new in it.

Each kind reuses its list's own FilterSet, so an alert holds exactly the items the list
shows for the same filters. Meetings, when they have a list, add a kind here.
"""

import hashlib
import json

from django import forms
from django.http import QueryDict

from core.models import ArchiveState
from news.filters import NewsFilter
from news.models import NewsItem

from .models import Publication, Subscription


class NewsKind:
    filterset_class = NewsFilter
    model = NewsItem

    def names(self):
        return list(self.filterset_class.base_filters)

    def filterset(self, filters, queryset=None):
        data = QueryDict(mutable=True)
        for name, value in filters.items():
            data.setlist(name, value if isinstance(value, list) else [value])
        return self.filterset_class(
            data,
            queryset=queryset if queryset is not None else self.model.objects.published(),
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

    def describe(self, filters):
        """How the filters read (in the active language), e.g. "Body: Collective Security
        Council; Year: 2024"; empty for every item."""
        filterset = self.filterset(filters)
        return "; ".join(f"{label}: {shown}" for label, shown, _rest in filterset.active_filters())

    def new_items(self, subscription, since, until):
        """The published items matching the subscription made public in (since, until]."""
        window = Publication.objects.filter(is_public=True, public_since__lte=until)
        if since is not None:
            window = window.filter(public_since__gt=since)
        queryset = self.model.objects.published().filter(pk__in=window.values("item_id"))
        filterset = self.filterset(subscription.filters, queryset)
        if not filterset.is_valid():  # a body since renamed or removed: nothing matches
            return self.model.objects.none()
        ids = filterset.qs.order_by().values("pk")
        return (
            self.model.objects.filter(pk__in=ids)
            .prefetch_related("bodies")
            .order_by("-published_on", "-id")
        )


KINDS = {Subscription.Kind.NEWS: NewsKind()}


def kind_of(name):
    return KINDS[name]


def filters_key(filters):
    """A fingerprint of normalised filters: the same filters, the same key."""
    text = json.dumps(filters, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()
