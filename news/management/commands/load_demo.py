from django.core.management.base import BaseCommand, CommandError

from news.demo import DemoDataError, load_demo


class Command(BaseCommand):
    help = (
        "Load the reference data if missing, then the demo news items and statements. "
        "Safe to run again: a second run changes nothing."
    )

    def handle(self, *args, **options):
        try:
            report = load_demo()
        except DemoDataError as error:
            raise CommandError(str(error)) from error
        for line in report.lines():
            self.stdout.write(line)
