"""Send every due email alert; safe to run from cron every few minutes, on several servers."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from alerts.services import BATCH, send_due


class Command(BaseCommand):
    help = _("Email each confirmed subscription the published items new since its last email.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch",
            type=int,
            default=BATCH,
            help=_("Subscriptions taken at a time; other runs take the rest meanwhile."),
        )

    def handle(self, *args, **options):
        sent, failed, checked = send_due(batch=max(1, options["batch"]))
        self.stdout.write(
            _("%(sent)d sent, %(failed)d failed, %(checked)d subscriptions checked")
            % {"sent": sent, "failed": failed, "checked": checked}
        )
        if failed:
            self.stderr.write(_("Failed sends are retried at the next run."))
