"""The admin's two-step import form: paste a text, then confirm or correct the proposal."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.validators import NEWS_TEXT_LIMIT, web_url
from people.models import Body, MemberState, Official

from ..models import Language


class PasteForm(forms.Form):
    text = forms.CharField(
        label=_("Article text"),
        widget=forms.Textarea(attrs={"rows": 18, "cols": 100}),
        max_length=NEWS_TEXT_LIMIT,
        help_text=_("Paste the whole article, headline and dateline included."),
    )
    url = forms.URLField(
        label=_("Source URL"), required=False, assume_scheme="https", validators=[web_url]
    )
    source_name = forms.CharField(label=_("Source"), required=False, max_length=200)


class ConfirmForm(forms.Form):
    """The proposal, for the editor to correct before saving a draft."""

    title = forms.CharField(label=_("Title"), max_length=300)
    published_on = forms.DateField(label=_("Date"))
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices)
    place = forms.CharField(label=_("Place"), required=False, max_length=100)
    bodies = forms.ModelMultipleChoiceField(
        label=_("Bodies"),
        queryset=Body.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    officials = forms.ModelMultipleChoiceField(
        label=_("Officials"),
        queryset=Official.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    states = forms.ModelMultipleChoiceField(
        label=_("States"),
        queryset=MemberState.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    new_people = forms.MultipleChoiceField(
        label=_("Add these people to the archive and link them"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    text = forms.CharField(widget=forms.HiddenInput, max_length=NEWS_TEXT_LIMIT)
    url = forms.URLField(
        widget=forms.HiddenInput, required=False, assume_scheme="https", validators=[web_url]
    )
    source_name = forms.CharField(widget=forms.HiddenInput, required=False, max_length=200)

    def __init__(self, *args, unknown_people=(), can_add_people=False, **kwargs):
        super().__init__(*args, **kwargs)
        if can_add_people and unknown_people:
            self.fields["new_people"].choices = [(name, name) for name in unknown_people]
        else:
            del self.fields["new_people"]
