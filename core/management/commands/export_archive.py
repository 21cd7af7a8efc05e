import os
import sys
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.archive_io import export_archive


class Command(BaseCommand):
    help = (
        "Write the whole archive (people, bodies, states, positions, news, statements, "
        "their links and their history, and the names of the users in it) to PATH as "
        "JSON; '-' writes to standard output. Load it with import_archive."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--database", default="default")

    def handle(self, *args, path, database, **options):
        if path == "-":
            counts = export_archive(sys.stdout, using=database)
        else:
            counts = self._export_to_file(Path(path), database)
        rows = sum(counts.values())
        if path != "-":
            self.stdout.write(f"Exported {rows:,} rows of {len(counts)} tables to {path}.")

    def _export_to_file(self, path, database):
        if not path.parent.is_dir():
            raise CommandError(f"The folder {path.parent} does not exist.")
        # Written beside the destination and renamed when complete: a failed export never
        # leaves a truncated file under the export's name.
        handle, partial = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                counts = export_archive(stream, using=database)
            os.replace(partial, path)
        finally:
            Path(partial).unlink(missing_ok=True)
        return counts
