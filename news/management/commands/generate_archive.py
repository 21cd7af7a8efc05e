import time

from django.core.management.base import BaseCommand, CommandError

from news.synthetic import generate_archive


class Command(BaseCommand):
    help = (
        "Add a synthetic archive of N published news items (2002-2026, both languages, with "
        "links, statements and history), for measuring the site at scale. Deterministic for "
        "a given seed. Use a database of its own (DATABASE_URL)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--items", type=int, required=True)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, items, seed, **options):
        if items < 1:
            raise CommandError("--items must be at least 1.")
        started = time.perf_counter()
        counts = generate_archive(items, seed)
        seconds = time.perf_counter() - started
        summary = ", ".join(f"{n:,} {name}" for name, n in counts.items())
        self.stdout.write(f"Created {summary} in {seconds:.1f} s.")
