from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Frequency, Subscription


class SubscribeForm(forms.Form):
    """The address and how often; the list's filters come with it and are checked by the
    list's own FilterSet."""

    email = forms.EmailField(label=_("Your email address"), max_length=254)
    frequency = forms.ChoiceField(
        label=_("How often"),
        choices=Frequency.choices,
        initial=Frequency.IMMEDIATELY,
        required=False,  # the contract's POST names the address and the filters only
    )
    kind = forms.ChoiceField(
        choices=Subscription.Kind.choices,
        initial=Subscription.Kind.NEWS,
        required=False,
        widget=forms.HiddenInput,
    )

    def clean_frequency(self):
        return self.cleaned_data.get("frequency") or Frequency.IMMEDIATELY

    def clean_kind(self):
        return self.cleaned_data.get("kind") or Subscription.Kind.NEWS


class FrequencyForm(forms.Form):
    subscription = forms.IntegerField(widget=forms.HiddenInput)
    frequency = forms.ChoiceField(label=_("How often"), choices=Frequency.choices)
