from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import Truncator
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import ChangeReasonForm, RevisionAdmin
from core.history import ChangeKind
from people.models import Official

from . import review
from .importer.copies import CopyIndex, confirmed, other_language_versions
from .importer.extract import extract_stories
from .importer.forms import (
    ConfirmForm,
    PasteForm,
    date_candidates,
    story_lines,
    story_lines_html,
)
from .importer.highlight import highlight
from .importer.linking import Linker
from .importer.record import Record
from .importer.save import Proposal, save_draft
from .models import NewsItem, PendingChange, Statement, Status
from .revisions import changes_since, proposed_changes


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
    seen_change = forms.CharField(widget=forms.HiddenInput, required=False)
    user = None  # set per request by PublishableAdmin.get_form

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The version saved now, not the instance's: a form that reverts to an old
            # version edits today's record.
            self.fields["seen_version"].initial = self.current_version()
        self.pending = None
        if self.waits_for_review():
            # An Editor goes on with the change waiting for review, not with the published
            # text again: the form opens on the proposed values.
            self.pending = review.pending_change(self.instance)
            if self.pending is not None:
                self.fields["seen_change"].initial = self.pending.token
                self.initial.update(self.pending_initial(self.pending))

    def waits_for_review(self):
        """Tell whether this user's save of this text becomes a pending change."""
        return self.user is not None and review.needs_review(self.instance, self.user)

    def pending_initial(self, pending):
        initial = {"change_reason": pending.reason, "change_kind": pending.kind}
        meta = self._meta.model._meta
        for name, value in pending.values.items():
            field = next(
                (f for f in [*meta.concrete_fields, *meta.many_to_many] if name == f.attname),
                None,
            )
            if field is not None and field.name in self.fields:
                initial[field.name] = value
        return initial

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
        if self.waits_for_review():
            pending = review.pending_change(self.instance)
            if (pending.token if pending else "") != (cleaned_data.get("seen_change") or ""):
                raise forms.ValidationError(self.pending_conflict_message(pending), code="conflict")
        return cleaned_data

    def pending_conflict_message(self, pending):
        """Explain that the change waiting for review was saved or decided since."""
        if pending is None:
            return _(
                "The change you opened has been reviewed since. Your changes are not saved. "
                "Copy them, reload the page and make them again."
            )
        return format_html(
            _(
                "{who} saved the change waiting for review at {when}, after you opened it. "
                "Your changes are not saved. Copy them, reload the page and make them again."
            ),
            who=pending.author or _("someone"),
            when=date_format(localtime(pending.updated_at), "DATETIME_FORMAT"),
        )

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
        if not review.may_move(self.user, self._meta.model, previous, status):
            raise forms.ValidationError(
                _(
                    "Only a publisher can publish or unpublish. Keep the status as it was "
                    "and ask a publisher."
                ),
                code="publish",
            )
        return status


class PublishableAdmin(RevisionAdmin):
    """Status moves and changes to published texts go through `news.review`."""

    form = PublishableForm
    change_form_template = "admin/news/change_form.html"
    actions = ["submit_for_review", "publish", "unpublish"]
    # Only a Publisher may set these; an Editor sees them as text.
    PUBLISHER_FIELDS = ("status", "withdrawal_note")

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.user = request.user
        return form

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not self.model.user_can_publish(request.user):
            fields += self.PUBLISHER_FIELDS
        return fields

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not self.model.user_can_publish(request.user):
            # Editors are not offered what they may not do.
            actions.pop("publish", None)
            actions.pop("unpublish", None)
        return actions

    def link_base(self, request):
        return request.build_absolute_uri("/")

    # --- Saving --------------------------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        if change and form.waits_for_review():
            live = self.model._default_manager.get(pk=obj.pk)
            links = {
                field.name: [related.pk for related in form.cleaned_data[field.name]]
                for field in self.model._meta.many_to_many
                if field.name in form.cleaned_data
            }
            form.review_pending = True
            form.review_change = review.propose(
                live,
                obj,
                links,
                user=request.user,
                reason=form.cleaned_data["change_reason"],
                kind=form.cleaned_data.get("change_kind", ""),
                link_base=self.link_base(request),
            )
            return
        form.old_status = form.initial.get("status", Status.DRAFT) if change else Status.DRAFT
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        if getattr(form, "review_pending", False):
            return  # nothing of the published text is saved
        super().save_related(request, form, formsets, change)
        review.record_move(
            form.instance, form.old_status, user=request.user, link_base=self.link_base(request)
        )

    def log_change(self, request, obj, message):
        if getattr(getattr(request, "_review_form", None), "review_pending", False):
            message = "Proposed a change for review"
        return super().log_change(request, obj, message)

    def response_change(self, request, obj):
        form_pending = request.POST and getattr(request, "_review_form", None)
        if form_pending is not None and getattr(form_pending, "review_pending", False):
            if form_pending.review_change is None:
                self.message_user(
                    request,
                    _("Nothing differs from the published text: no change waits for review."),
                    messages.INFO,
                )
            else:
                self.message_user(
                    request,
                    _(
                        "Your change waits for a publisher's review. Readers see the "
                        "published text until it is approved."
                    ),
                    messages.SUCCESS,
                )
            opts = self.model._meta
            return redirect(f"admin:{opts.app_label}_{opts.model_name}_change", obj.pk)
        return super().response_change(request, obj)

    def save_form(self, request, form, change):
        request._review_form = form
        return super().save_form(request, form, change)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            # After a refused save the instance holds the unsaved input: the heading and
            # the breadcrumb name the record as it is saved.
            saved = self.model._default_manager.filter(pk=obj.pk).first()
            if saved is not None:
                context["original"] = saved
                context["subtitle"] = str(saved)
                context.update(self.review_context(request, saved))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def review_context(self, request, obj):
        """What the review panel of a change page shows."""
        pending = review.pending_change(obj)
        return {
            "review_steps": list(review.steps_of(obj)),
            "review_moves": review.moves_for(request.user, obj)
            if self.has_change_permission(request, obj)
            else [],
            "review_pending": pending,
            "review_changes": proposed_changes(pending) if pending else [],
            "review_can_publish": self.model.user_can_publish(request.user),
            "review_step_url": self._url(request, "review_step", obj.pk),
        }

    def _url(self, request, view, *args):
        opts = self.model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)

    # --- Moves -----------------------------------------------------------------------------

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<int:object_id>/review/",
                self.admin_site.admin_view(self.review_step_view),
                name=f"{opts.app_label}_{opts.model_name}_review_step",
            ),
            *super().get_urls(),
        ]

    def review_step_view(self, request, object_id):
        """Take one step of review on a text: submit, take back, publish, send back, withdraw."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = get_object_or_404(self.model, pk=object_id)
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        moves = dict(review.moves_for(request.user, obj))
        action = request.POST.get("step", "")
        back = request.POST.get("next") or self._url(request, "change", obj.pk)
        if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
            back = self._url(request, "change", obj.pk)
        if action not in moves:
            self.message_user(
                request, _("This step is not open to you on this text now."), messages.ERROR
            )
            return redirect(back)
        note = request.POST.get("note") if action == review.Action.WITHDRAWN else None
        try:
            review.move(
                obj,
                moves[action],
                user=request.user,
                comment=request.POST.get("comment", ""),
                note=note,
                link_base=self.link_base(request),
            )
        except (PermissionDenied, review.ReviewError) as error:
            self.message_user(request, str(error), messages.ERROR)
            return redirect(back)
        self.message_user(
            request,
            _("%(action)s: “%(object)s”.") % {"action": review.Action(action).label, "object": obj},
            messages.SUCCESS,
        )
        return redirect(back)

    def _move_all(self, request, queryset, status):
        done = refused = 0
        for obj in queryset:
            try:
                if review.move(obj, status, user=request.user, link_base=self.link_base(request)):
                    done += 1
            except (PermissionDenied, review.ReviewError):
                refused += 1
        if refused:
            self.message_user(
                request,
                ngettext(
                    "%(count)d item could not be moved: you may not make this step on it.",
                    "%(count)d items could not be moved: you may not make this step on them.",
                    refused,
                )
                % {"count": refused},
                messages.ERROR,
            )
        if done or not refused:
            self.message_user(
                request,
                ngettext("%(count)d item changed.", "%(count)d items changed.", done)
                % {"count": done},
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

    @admin.action(description=_("Submit selected items for review"))
    def submit_for_review(self, request, queryset):
        self._move_all(request, queryset.exclude(status=Status.IN_REVIEW), Status.IN_REVIEW)

    @admin.action(description=_("Publish selected items"))
    def publish(self, request, queryset):
        self._move_all(request, queryset, Status.PUBLISHED)

    @admin.action(description=_("Withdraw selected items (unpublish)"))
    def unpublish(self, request, queryset):
        self._move_all(request, queryset.filter(status=Status.PUBLISHED), Status.WITHDRAWN)


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
        (
            None,
            {
                "fields": [
                    "title",
                    "slug",
                    "published_on",
                    "language",
                    "kind",
                    "status",
                    "withdrawal_note",
                ]
            },
        ),
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
        (
            _("This edit"),
            {"fields": ["change_reason", "change_kind", "seen_version", "seen_change"]},
        ),
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
                "review/",
                self.admin_site.admin_view(self.review_queue_view),
                name="news_review_queue",
            ),
            path(
                "review/<int:change_id>/",
                self.admin_site.admin_view(self.review_change_view),
                name="news_review_change",
            ),
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="news_newsitem_import",
            ),
            *super().get_urls(),
        ]

    def review_queue_view(self, request):
        """What waits for a publisher, oldest first, with the diff of each pending change."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        entries = review.queue()
        for entry in entries:
            model = type(entry.subject)
            opts = model._meta
            entry.change_url = reverse(
                f"admin:{opts.app_label}_{opts.model_name}_change", args=[entry.subject.pk]
            )
            entry.step_url = reverse(
                f"admin:{opts.app_label}_{opts.model_name}_review_step", args=[entry.subject.pk]
            )
            entry.can_publish = model.user_can_publish(request.user)
            entry.changes = proposed_changes(entry.change) if entry.change else []
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Review queue"),
            "entries": entries,
            "queue_url": reverse("admin:news_review_queue"),
        }
        return render(request, "admin/news/review_queue.html", context)

    def review_change_view(self, request, change_id):
        """Approve a pending change, or send it back with a comment."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        change = get_object_or_404(PendingChange.objects.select_related("author"), pk=change_id)
        decision = request.POST.get("decision")
        base = request.build_absolute_uri("/")
        try:
            if decision == "approve":
                review.approve(change, user=request.user, link_base=base)
                done = _("The change is published: “%(object)s”.")
            elif decision == "reject":
                review.reject(
                    change,
                    user=request.user,
                    comment=request.POST.get("comment", ""),
                    link_base=base,
                )
                done = _("The change is sent back: “%(object)s”.")
            else:
                raise review.ReviewError(_("Choose to approve the change or to send it back."))
        except PermissionDenied:
            raise
        except review.ReviewError as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            self.message_user(request, done % {"object": change.subject}, messages.SUCCESS)
        return redirect("admin:news_review_queue")

    def import_view(self, request):
        """Paste a text, see what the importer proposes, correct it and save a draft."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        can_add_people = request.user.has_perm("people.add_official")
        can_add_meetings = request.user.has_perm("people.add_meeting")
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
        starts = None
        if "boundaries" in request.POST:
            # The starts the editor ticked; a value that is no line's start is ignored.
            starts = [
                int(value)
                for value in request.POST.getlist("start")
                if value.isdigit() and len(value) <= 9
            ]
        extractions = extract_stories(record, Linker.current(), copies_index, starts=starts)
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
                "reported": extraction.meeting,
                "can_add_meetings": can_add_meetings,
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
                try:
                    return self._save_import(request, kept)
                except ValidationError as error:
                    # The transaction is rolled back: neither an item nor a meeting is left.
                    self.message_user(
                        request,
                        _("Nothing was saved: %(reason)s") % {"reason": " ".join(error.messages)},
                        messages.ERROR,
                    )
        lines, unlisted = story_lines(record.text, extractions)
        return render(
            request,
            "admin/news/newsitem/import.html",
            {
                **context,
                "paste": paste,
                "stories": stories,
                "several": several,
                "copies_unchecked": copies_index is None,
                "lines": lines,
                "lines_html": story_lines_html(lines),
                "unlisted": unlisted,
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
            done = _("Saved as a draft. Check it and submit it for review.")
            already = _("This text is already in the archive; nothing was saved.")
        else:
            done = ngettext(
                "Saved %(count)d draft. Check it and submit it for review.",
                "Saved %(count)d drafts. Check them and submit them for review.",
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
        "withdrawal_note",
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
        "seen_change",
    ]
