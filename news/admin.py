from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import ChangeReasonForm, RevisionAdmin
from core.history import ChangeKind
from people.models import Official

from .importer.copies import CopyIndex, confirmed, other_language_versions
from .importer.extract import extract_stories
from .importer.forms import ConfirmForm, PasteForm, date_candidates
from .importer.highlight import highlight
from .importer.linking import Linker
from .importer.record import Record
from .importer.save import Proposal, save_draft
from .models import NewsItem, Statement, Status
from .revisions import changes_since


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
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    user = None  # set per request by PublishableAdmin.get_form

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The version saved now, not the instance's: a form that reverts to an old
            # version edits today's record.
            self.fields["seen_version"].initial = self.current_version()

    def current_version(self, lock=False):
        """Return the saved version; with lock, hold the row until this save commits."""
        rows = type(self.instance)._default_manager.filter(pk=self.instance.pk)
        if lock:
            # Two editors saving at once are then checked one after the other on
            # PostgreSQL (SQLite's IMMEDIATE transactions already are). The admin validates
            # a change form inside its transaction.
            rows = rows.select_for_update()
        return rows.values_list("version", flat=True).first()

    def clean(self):
        cleaned_data = super().clean()
        current = self.current_version(lock=True) if self.instance.pk else None
        if current is None:
            return cleaned_data
        seen = cleaned_data.get("seen_version")
        if seen != current:
            raise forms.ValidationError(self.conflict_message(seen), code="conflict")
        self.instance.version = current
        return cleaned_data

    def conflict_message(self, seen):
        """Explain that someone saved the record since this form was opened, and what changed."""
        latest, changes = changes_since(self.instance, seen)
        who = (latest.history_user if latest else None) or _("someone")
        when = date_format(localtime(latest.history_date), "DATETIME_FORMAT") if latest else ""
        heading = format_html(
            _(
                "{who} saved this record at {when}, after you opened it. Your changes are "
                "not saved. Copy them, reload the page and make them again on the newer "
                "version."
            ),
            who=who,
            when=when,
        )
        if not changes:
            return heading
        items = format_html_join(
            "",
            "<li>{}: {} → {}</li>",
            ((c.label, Truncator(c.old).chars(80), Truncator(c.new).chars(80)) for c in changes),
        )
        return format_html("{} {}<ul>{}</ul>", heading, _("What changed:"), items)

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

    def prepare_restored(self, request, instance):
        if instance.status != Status.DRAFT and not self.model.user_can_publish(request.user):
            instance.status = Status.DRAFT
            self.message_user(
                request,
                _("It comes back as a draft: only a publisher can publish it again."),
                messages.WARNING,
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
    autocomplete_fields = ["bodies", "officials", "states", "translation_of", "meeting"]
    prepopulated_fields = {"slug": ["title"]}
    list_per_page = 50
    fieldsets = [
        (None, {"fields": ["title", "slug", "published_on", "language", "kind", "status"]}),
        (_("Text"), {"fields": ["lead", "text"]}),
        (_("Where and who"), {"fields": ["place", "meeting", "bodies", "officials", "states"]}),
        (
            _("Source"),
            {
                "fields": [
                    "source_name",
                    "source_url",
                    "retrieved_on",
                    "archived_url",
                    "translation_of",
                ]
            },
        ),
        (_("This edit"), {"fields": ["change_reason", "change_kind", "seen_version"]}),
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

    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="news_newsitem_import",
            ),
            *super().get_urls(),
        ]

    def import_view(self, request):
        """Paste a text, see what the importer proposes, correct it and save a draft."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        can_add_people = request.user.has_perm("people.add_official")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Import from text"),
        }
        paste = PasteForm(request.POST or None)
        if request.method != "POST" or not paste.is_valid():
            if settings.COPY_INDEX_WAIT is not None:
                # Read the archive's fingerprints while the editor pastes.
                CopyIndex.warm()
            return render(request, "admin/news/newsitem/import.html", {**context, "paste": paste})

        record = Record(
            id="pasted",
            text=paste.cleaned_data["text"],
            url=paste.cleaned_data["url"],
            source=paste.cleaned_data["source_name"],
        )
        copies_index = CopyIndex.current(wait=settings.COPY_INDEX_WAIT)
        extractions = extract_stories(record, Linker.current(), copies_index)
        several = len(extractions) > 1
        page_years = [other.published.year for other in extractions if other.published]
        stories = []
        for number, extraction in enumerate(extractions, 1):
            proposal = Proposal.from_extraction(extraction)
            copies = confirmed(extraction.record.text, extraction.copies)
            form_kwargs = {
                "copies": copies,
                "unknown_people": extraction.unknown_people,
                "can_add_people": can_add_people,
                "mentioned": extraction.mentioned,
                "candidates": date_candidates(
                    extraction.record.text,
                    extraction.mentioned,
                    taken=extraction.published,
                    page_years=page_years,
                ),
                "title_from_address": extraction.title_from_address,
                # One story keeps the plain field names; several are told apart by prefix.
                "prefix": f"story{number}" if several else None,
                "several": several,
            }
            if "save" in request.POST:
                confirm = ConfirmForm(request.POST, **form_kwargs)
            else:
                confirm = ConfirmForm(initial=proposal.initial(), **form_kwargs)
            stories.append(
                {
                    "number": number,
                    "proposal": proposal,
                    "confirm": confirm,
                    "extraction": extraction,
                    "copies": copies,
                    "versions": other_language_versions([item for item, _ in copies]),
                    "highlighted": highlight(extraction.record.text, extraction.matches),
                }
            )
        if "save" in request.POST and copies_index is None:
            # Nothing is saved before it was compared with the archive.
            self.message_user(
                request,
                _("Nothing was saved: the archive is still being read for copies. Save again."),
                messages.WARNING,
            )
        elif "save" in request.POST:
            kept = [story for story in stories if story["confirm"].kept()]
            # Nothing is saved until every story kept is valid: the editor fixes them together.
            if kept and all(story["confirm"].is_valid() for story in kept):
                return self._save_import(request, kept)
        return render(
            request,
            "admin/news/newsitem/import.html",
            {
                **context,
                "paste": paste,
                "stories": stories,
                "several": several,
                "copies_unchecked": copies_index is None,
            },
        )

    def _save_import(self, request, stories):
        """Save each story kept as a draft, in one transaction, and say what happened."""
        saved, existing = [], []
        with transaction.atomic():
            for story in stories:
                data = story["confirm"].cleaned_data
                added = [
                    Official.create_from_name(name, user=request.user)
                    for name in data.get("new_people", [])
                ]
                proposal = story["proposal"].corrected(data, officials=added)
                item, created = save_draft(proposal, user=request.user, reason="Imported from text")
                (saved if created else existing).append(item)
        if len(stories) == 1:
            done = _("Saved as a draft. Check it and give it to a publisher.")
            already = _("This text is already in the archive; nothing was saved.")
        else:
            done = ngettext(
                "Saved %(count)d draft. Check it and give it to a publisher.",
                "Saved %(count)d drafts. Check them and give them to a publisher.",
                len(saved),
            ) % {"count": len(saved)}
            already = ngettext(
                "%(count)d of these stories is already in the archive; it was not saved.",
                "%(count)d of these stories are already in the archive; they were not saved.",
                len(existing),
            ) % {"count": len(existing)}
        if saved:
            self.message_user(request, done, messages.SUCCESS)
        if existing:
            self.message_user(request, already, messages.WARNING)
        if len(stories) == 1:
            return redirect("admin:news_newsitem_change", (saved or existing)[0].pk)
        return redirect("admin:news_newsitem_changelist")


@admin.register(Statement)
class StatementAdmin(PublishableAdmin):
    list_display = ["excerpt", "speaker", "said_on", "language", "status", "body"]
    list_filter = ["status", "language", "body", "said_on"]
    list_select_related = ["speaker", "body"]
    date_hierarchy = "said_on"
    search_fields = ["text", "speaker__name", "speaker__name_ru"]
    autocomplete_fields = ["speaker", "news_item", "body", "meeting"]
    fields = [
        "speaker",
        "said_on",
        "language",
        "status",
        "text",
        "place",
        "body",
        "meeting",
        "news_item",
        "source_url",
        "retrieved_on",
        "archived_url",
        "change_reason",
        "change_kind",
        "seen_version",
    ]
