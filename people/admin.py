from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext_lazy as _

from core.admin import ArchiveInline, RevisionAdmin
from core.integrity import Severity, run_checks

from .models import (
    Body,
    Chairmanship,
    Document,
    DocumentEvent,
    Meeting,
    MeetingAbsence,
    MembershipEvent,
    MemberState,
    Official,
    Position,
    SeatException,
)


class MembershipEventInline(ArchiveInline):
    model = MembershipEvent
    fields = ["kind", "date", "precision", "description", "source_url"]


@admin.register(MemberState)
class MemberStateAdmin(RevisionAdmin):
    list_display = ["name", "name_ru", "iso_code", "membership"]
    search_fields = ["name", "name_ru", "iso_code", "aliases"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipEventInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("events")

    @admin.display(description=_("latest membership event"))
    def membership(self, obj):
        # Uses the prefetched events: one query for the whole changelist.
        events = sorted(obj.events.all(), key=lambda e: e.date)
        return str(events[-1]) if events else "—"


class PositionInline(ArchiveInline):
    model = Position
    fields = ["title", "body", "state", "start", "end", "note", "source_url"]
    autocomplete_fields = ["body", "state"]


class CurrentPostFilter(admin.SimpleListFilter):
    title = _("current post")
    parameter_name = "current_post"

    def lookups(self, request, model_admin):
        return Position.Title.choices

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(
                pk__in=Position.objects.current().filter(title=self.value()).values("official")
            )
        return queryset


@admin.register(Official)
class OfficialAdmin(RevisionAdmin):
    list_display = ["name", "name_ru", "country_display", "position_count"]
    list_filter = ["country", CurrentPostFilter]
    list_select_related = ["country"]
    search_fields = ["name", "name_ru", "aliases", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["country"]
    inlines = [PositionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(num_positions=Count("positions"))

    @admin.display(description=_("country"), ordering="country__name")
    def country_display(self, obj):
        return obj.country_name or "—"

    @admin.display(description=_("positions"), ordering="num_positions")
    def position_count(self, obj):
        return obj.num_positions

    def get_urls(self):
        return [
            path(
                "integrity/",
                self.admin_site.admin_view(self.integrity_view),
                name="people_integrity",
            ),
            *super().get_urls(),
        ]

    def integrity_view(self, request):
        """List what the data-integrity checks find, each finding linked to what to fix."""
        # Editors and publishers may view positions; the findings are about people first.
        if not request.user.has_perm("people.view_position"):
            raise PermissionDenied
        report = run_checks()
        return render(
            request,
            "admin/integrity.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": _("Data integrity"),
                "report": report,
                "counts": [(s, report.count(s)) for s in reversed(Severity)],
            },
        )


@admin.register(Position)
class PositionAdmin(RevisionAdmin):
    list_display = ["official", "title", "body", "state", "start", "end"]
    list_filter = ["title", "body", "state"]
    list_select_related = ["official", "body", "state"]
    search_fields = ["official__name", "official__name_ru", "note"]
    autocomplete_fields = ["official", "body", "state"]
    date_hierarchy = "start"


class SeatExceptionInline(ArchiveInline):
    model = SeatException
    fields = ["state", "post", "start", "end", "note", "source_url"]
    autocomplete_fields = ["state"]


@admin.register(Body)
class BodyAdmin(RevisionAdmin):
    list_display = ["name", "abbreviation", "name_ru", "abbreviation_ru", "kind", "parent"]
    list_filter = ["kind"]
    list_select_related = ["parent"]
    search_fields = ["name", "name_ru", "abbreviation", "abbreviation_ru", "aliases"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    inlines = [SeatExceptionInline]


@admin.register(Chairmanship)
class ChairmanshipAdmin(RevisionAdmin):
    list_display = ["year", "state", "note"]
    list_filter = ["state"]
    list_select_related = ["state"]
    search_fields = ["state__name", "note"]
    autocomplete_fields = ["state"]


class MeetingAbsenceInline(ArchiveInline):
    model = MeetingAbsence
    fields = ["state", "note", "note_ru", "source_url"]
    autocomplete_fields = ["state"]


@admin.register(Meeting)
class MeetingAdmin(RevisionAdmin):
    list_display = ["date", "body", "place", "number", "format", "document_count"]
    list_filter = ["body", "format"]
    list_select_related = ["body"]
    search_fields = ["body__name", "body__abbreviation", "place", "place_ru", "summary"]
    autocomplete_fields = ["body", "chair"]
    date_hierarchy = "date"
    inlines = [MeetingAbsenceInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(documents_total=Count("documents"))

    @admin.display(description=_("documents"), ordering="documents_total")
    def document_count(self, obj):
        return obj.documents_total


class DocumentEventInline(ArchiveInline):
    model = DocumentEvent
    fields = ["kind", "date", "state", "note", "source_url"]
    autocomplete_fields = ["state"]


@admin.register(Document)
class DocumentAdmin(RevisionAdmin):
    list_display = ["title", "kind", "date", "meeting"]
    list_filter = ["kind"]
    list_select_related = ["meeting__body"]
    search_fields = ["title", "title_ru", "summary"]
    autocomplete_fields = ["meeting"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "date"
    inlines = [DocumentEventInline]
