"""Admin pieces shared by the news and people apps: every edit carries a reason into history."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.core.paginator import Paginator
from django.db import models
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from core.history import RestoreError, deleted_records, record_revision, restore_deleted

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

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # Revert is switched off, so a version's page is for reading only: saving it would
        # bring back old fields, the status too, past the change form's permission checks.
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def get_urls(self):
        opts = self.model._meta
        name = f"{opts.app_label}_{opts.model_name}"
        # Before the model admin's own paths, whose "<object_id>/" would take "deleted/".
        return [
            path(
                "deleted/",
                self.admin_site.admin_view(self.deleted_view),
                name=f"{name}_deleted",
            ),
            path(
                "deleted/<int:object_id>/restore/",
                self.admin_site.admin_view(self.restore_view),
                name=f"{name}_restore",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        if self.has_add_permission(request):
            opts = self.model._meta
            extra_context = {
                **(extra_context or {}),
                "deleted_url": reverse(f"admin:{opts.app_label}_{opts.model_name}_deleted"),
            }
        return super().changelist_view(request, extra_context)

    def deleted_view(self, request):
        """List the deleted records of this model that can be restored."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        page = Paginator(deleted_records(self.model), 100).get_page(request.GET.get("page"))
        page.object_list = [(record, self.deleted_label(record)) for record in page.object_list]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Deleted %(name)s") % {"name": self.model._meta.verbose_name_plural},
            "page": page,
        }
        return TemplateResponse(request, "admin/deleted_list.html", context)

    def deleted_label(self, record):
        """Return the name of a deleted record, or its number when a part of its name is gone."""
        try:
            return str(record.instance)
        except ObjectDoesNotExist:  # e.g. the official of a deleted position, deleted since
            return f"{self.model._meta.verbose_name} #{record.pk}"

    def restore_view(self, request, object_id):
        """Restore a deleted record, fields and links, as one new history entry."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_add_permission(request):
            raise PermissionDenied
        opts = self.model._meta
        try:
            obj = restore_deleted(
                self.model,
                object_id,
                user=request.user,
                prepare=lambda instance: self.prepare_restored(request, instance),
            )
        except RestoreError as error:
            self.message_user(request, str(error), messages.ERROR)
            return redirect(f"admin:{opts.app_label}_{opts.model_name}_deleted")
        self.message_user(
            request,
            _("“%(object)s” is restored with its links.") % {"object": obj},
            messages.SUCCESS,
        )
        return redirect(f"admin:{opts.app_label}_{opts.model_name}_change", obj.pk)

    def prepare_restored(self, request, instance):
        """Adjust a record about to be restored to what the user may save."""
