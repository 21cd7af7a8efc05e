from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, backup_database


class Command(BaseCommand):
    help = (
        "Write a consistent copy of the database to PATH while the site runs: SQLite's "
        "backup API, or pg_dump's custom format on PostgreSQL. Never copy the live file."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="the backup file to write (replaced if it exists)")
        parser.add_argument("--database", default="default")

    def handle(self, *args, path, database, **options):
        try:
            method = backup_database(path, using=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backed up the database to {path} ({method}).")
