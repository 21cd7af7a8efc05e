from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cstoarchive.admin import ChangeReasonForm, RevisionAdmin
from cstoarchive.history import ChangeKind

from .models import NewsItem, Statement, Status


class PublishableForm(ChangeReasonForm):
    """Ask whether a change is a correction; refuse status changes without permission."""

    change_kind = forms.ChoiceField(
        label=_("Kind of change"),
        choices=[("", "—"), *ChangeKind.choices],
        required=False,
        widget=forms.RadioSelect,
        help_text=_(
            "Substantive corrections of published texts are listed on the public corrections page."
        ),
    )
    user = None  # set per request by PublishableAdmin.get_form

    def clean_change_kind(self):
        kind = self.cleaned_data["change_kind"]
        if self.instance.pk and not kind:
            raise forms.ValidationError(_("Say whether this change is minor or substantive."))
        return kind

    def clean_status(self):
        status = self.cleaned_data["status"]
        previous = self.instance.status if self.instance.pk else Status.DRAFT
        if status != previous and not self._meta.model.user_can_publish(self.user):
            raise forms.ValidationError(
                _(
                    "Only a publisher can publish or unpublish. Keep the status as it was "
                    "and ask a publisher."
                ),
                code="publish",
            )
        return status


class PublishableAdmin(RevisionAdmin):
    """Status changes through the form or the actions need the publish permission."""

    form = PublishableForm
    actions = ["publish", "unpublish"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.user = request.user
        return form

    def _set_status(self, request, queryset, status, reason):
        try:
            changed = queryset.set_status(status, user=request.user, reason=reason)
        except PermissionDenied as error:
            self.message_user(request, str(error), messages.ERROR)
            return
        self.message_user(
            request,
            ngettext("%(count)d item changed.", "%(count)d items changed.", changed)
            % {"count": changed},
            messages.SUCCESS,
        )

    @admin.action(description=_("Publish selected items"))
    def publish(self, request, queryset):
        self._set_status(request, queryset, Status.PUBLISHED, "Published")

    @admin.action(description=_("Unpublish selected items (back to draft)"))
    def unpublish(self, request, queryset):
        self._set_status(request, queryset, Status.DRAFT, "Unpublished")


@admin.register(NewsItem)
class NewsItemAdmin(PublishableAdmin):
    list_display = ["title", "published_on", "language", "kind", "status", "body_list"]
    list_filter = ["status", "language", "kind", "bodies", "published_on"]
    date_hierarchy = "published_on"
    search_fields = ["title", "lead", "text", "source_url"]
    autocomplete_fields = ["bodies", "officials", "states", "translation_of"]
    prepopulated_fields = {"slug": ["title"]}
    list_per_page = 50
    fieldsets = [
        (None, {"fields": ["title", "slug", "published_on", "language", "kind", "status"]}),
        (_("Text"), {"fields": ["lead", "text"]}),
        (_("Where and who"), {"fields": ["place", "bodies", "officials", "states"]}),
        (_("Source"), {"fields": ["source_name", "source_url", "translation_of"]}),
        (_("This edit"), {"fields": ["change_reason", "change_kind"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("bodies")

    @admin.display(description=_("bodies"))
    def body_list(self, obj):
        return ", ".join(body.abbreviation or body.name for body in obj.bodies.all()) or "—"

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Statement)
class StatementAdmin(PublishableAdmin):
    list_display = ["excerpt", "speaker", "said_on", "language", "status", "body"]
    list_filter = ["status", "language", "body", "said_on"]
    list_select_related = ["speaker", "body"]
    date_hierarchy = "said_on"
    search_fields = ["text", "speaker__name", "speaker__name_ru"]
    autocomplete_fields = ["speaker", "news_item", "body"]
    fields = [
        "speaker",
        "said_on",
        "language",
        "status",
        "text",
        "place",
        "body",
        "news_item",
        "change_reason",
        "change_kind",
    ]
