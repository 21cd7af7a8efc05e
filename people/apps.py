from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "people"
    verbose_name = _("Officials, bodies and states")

    def ready(self):
        from core.signals import watch

        from .models import Body, Chairmanship, MembershipEvent, MemberState, Official, Position

        watch(Body, Official, MemberState, MembershipEvent, Position, Chairmanship)
