"""Subscriptions in the admin, for superusers only: they hold readers' addresses."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Subscription


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ["email", "kind", "description", "frequency", "state", "last_sent_at"]
    list_filter = ["state", "frequency", "language", "kind"]
    search_fields = ["email"]
    readonly_fields = [
        "email",
        "kind",
        "filters",
        "language",
        "site",
        "requested_at",
        "confirmed_at",
        "unsubscribed_at",
        "sent_until",
        "next_due_at",
        "last_sent_at",
        "claimed_until",
        "failures",
        "last_error",
    ]
    fields = ["state", "frequency", *readonly_fields]
    actions = ["disable"]

    @admin.display(description=_("filters"))
    def description(self, subscription):
        from .kinds import kind_of

        return kind_of(subscription.kind).describe(subscription.filters) or "—"

    @admin.action(description=_("Disable the selected subscriptions"))
    def disable(self, request, queryset):
        queryset.update(state=Subscription.State.DISABLED)

    # Only superusers, whatever permissions a group was given.
    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request):
        return False  # an address is added by its owner's confirmation only
