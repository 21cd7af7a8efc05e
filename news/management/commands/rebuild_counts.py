"""Count the published items again into the table of list counts."""

from django.core.management.base import BaseCommand

from core.models import ArchiveState
from news.counts import rebuild


class Command(BaseCommand):
    help = "Count the published items again into the table of list counts."

    def handle(self, **options):
        rows = rebuild()
        ArchiveState.bump()  # pages cached with the old counts go
        self.stdout.write(f"{rows:,} count rows rebuilt.")
