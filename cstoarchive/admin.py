"""Admin pieces shared by the news and people apps: every edit carries a reason into history."""

from django import forms
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from cstoarchive.history import record_revision

CREATED_REASON = "Created"
DELETED_REASON = "Deleted"


class ChangeReasonForm(forms.ModelForm):
    """A model form with the editor's reason for the change, stored in the history entry."""

    change_reason = forms.CharField(
        label=_("Reason for this change"),
        max_length=100,
        required=False,
        help_text=_(
            "Shown in the history, e.g. 'Fixed the date' or 'Added the speaker'. "
            "Required when changing an existing record."
        ),
    )

    def clean_change_reason(self):
        reason = self.cleaned_data["change_reason"].strip()
        if self.instance.pk and not reason:
            raise forms.ValidationError(_("Say briefly why you are changing this record."))
        return reason or CREATED_REASON

    @property
    def changed_fields(self):
        """Return the names of the record's own fields that this submission changes."""
        return [name for name in self.changed_data if name != "change_reason"]


class HttpsUrlsMixin:
    """Read a source URL typed without a scheme as https, the scheme of nearly every source."""

    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class ArchiveInline(HttpsUrlsMixin, admin.TabularInline):
    extra = 0


class RevisionAdmin(HttpsUrlsMixin, SimpleHistoryAdmin):
    """Admin that writes one history entry per save, after all links and inlines are saved."""

    form = ChangeReasonForm

    def save_model(self, request, obj, form, change):
        obj.skip_history_when_saving = True
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        reason = form.cleaned_data.get("change_reason", "")
        for obj in formset.save(commit=False):
            obj._change_reason = reason
            obj.save()
        for obj in formset.deleted_objects:
            obj._change_reason = reason
            obj.delete()
        formset.save_m2m()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # A save that only touched inline rows leaves those rows' history, not an empty entry here.
        if not change or form.changed_fields:
            record_revision(
                form.instance,
                created=not change,
                user=request.user,
                reason=form.cleaned_data["change_reason"],
                kind=form.cleaned_data.get("change_kind", ""),
            )

    def delete_model(self, request, obj):
        obj._change_reason = DELETED_REASON
        super().delete_model(request, obj)
