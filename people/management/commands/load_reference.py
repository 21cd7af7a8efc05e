from django.core.management.base import BaseCommand

from people.reference import load_reference


class Command(BaseCommand):
    help = (
        "Load the shipped reference data (bodies, member states, officials, positions, "
        "chairmanships). Safe to run again: it only adds what is missing."
    )

    def handle(self, *args, **options):
        for line in load_reference().lines():
            self.stdout.write(line)
