from django.core.management.base import BaseCommand, CommandError

from core.archive_io import ArchiveFileError, ArchiveNotEmptyError, import_archive


class Command(BaseCommand):
    help = (
        "Load an archive written by export_archive into a database that holds no archive "
        "data yet (migrate it first). All or nothing: any error leaves the database as it was."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--database", default="default")

    def handle(self, *args, path, database, **options):
        try:
            with open(path, encoding="utf-8") as stream:
                counts = import_archive(stream, using=database)
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from error
        except UnicodeDecodeError as error:
            raise CommandError(f"{path} is not UTF-8 text: {error}.") from error
        except (ArchiveFileError, ArchiveNotEmptyError) as error:
            raise CommandError(f"{path}: {error} Nothing was imported.") from error
        users = counts.pop("users created")
        rows = sum(counts.values())
        self.stdout.write(
            f"Imported {rows:,} rows of {len(counts)} tables from {path}; "
            f"created {users} users (without passwords: set them with changepassword)."
        )
