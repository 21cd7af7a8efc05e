from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "people"
    verbose_name = _("Officials, bodies and states")

    def ready(self):
        from core.signals import watch

        from . import models

        watch(
            models.Body,
            models.Official,
            models.MemberState,
            models.MembershipEvent,
            models.Position,
            models.Chairmanship,
            models.Meeting,
            models.MeetingAbsence,
            models.Document,
            models.DocumentEvent,
        )
