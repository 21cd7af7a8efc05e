import json
import sys
import time

from django.core.management.base import BaseCommand

from news.importer.copies import CopyIndex
from news.importer.extract import extract_stories
from news.importer.linking import Linker
from news.importer.reader import InputError, read_record, shown


class Command(BaseCommand):
    help = (
        "Print what the importer proposes for each text (JSON record or .txt), one JSON line "
        "per file, or one per story of a page of several (ids <file id>#1, #2, ...). Writes "
        "nothing to the database. Each line's duplicate_of lists the archive's news items that "
        "tell the same story, best match first."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument(
            "--stats",
            action="store_true",
            help="print on stderr how long start-up took and how many texts per second followed",
        )

    def handle(self, *args, files, stats=False, **options):
        started = time.perf_counter()
        linker = Linker.from_db()
        copies = CopyIndex.from_db()
        ready = time.perf_counter()
        failed = 0
        for path in files:
            try:
                record = read_record(path)
            except InputError as error:
                failed += 1
                self.stderr.write(f"{shown(path)}: {error}")
                continue
            for extraction in extract_stories(record, linker, copies):
                self.stdout.write(json.dumps(extraction.as_json(), ensure_ascii=False))
        if stats:
            seconds = time.perf_counter() - ready
            self.stderr.write(
                f"start-up {ready - started:.2f} s; {len(files)} texts in {seconds:.2f} s "
                f"({len(files) / seconds:.0f} texts/s after start-up)"
            )
        if failed:
            self.stderr.write(f"{failed} of {len(files)} files could not be read.")
            sys.exit(1)
