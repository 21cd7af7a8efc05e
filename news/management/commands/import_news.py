import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from news.importer.extract import extract_stories
from news.importer.linking import Linker
from news.importer.reader import InputError, read_record, shown
from news.importer.save import Proposal, opening_words, save_draft
from news.models import NewsItem

SOURCE_URL = NewsItem._meta.get_field("source_url")

SUFFIXES = {".json", ".txt"}


def collect(paths):
    """Expand folders into the .json and .txt files they hold, in a stable order."""
    files = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files += sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
            )
        else:
            files.append(path)
    return files


class Progress:
    """A one-line progress bar on stderr, drawn only for a terminal and for many files."""

    def __init__(self, stream, total, minimum=10):
        self.stream, self.total = stream, total
        self.enabled = total >= minimum and stream.isatty()

    def step(self, done):
        if self.enabled:
            width = 30
            filled = width * done // self.total
            self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{self.total}")
            self.stream.flush()

    def close(self):
        if self.enabled:
            self.stream.write("\n")


class Command(BaseCommand):
    help = (
        "Import texts (JSON records or .txt files, or folders of them) as draft news items "
        "linked to bodies, officials and states. A text already imported from the same URL "
        "(or with the same text) is skipped, and so is a text that states no date of its own "
        "or shows no headline (import it from the admin, where the editor gives them). A "
        "JSON record's own title field is not read. Each file is saved in "
        "its own transaction."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument("--user", help="username recorded as the importer in the history")

    def handle(self, *args, paths, user=None, **options):
        importer = self.find_user(user)
        files = collect(paths)
        if not files:
            raise CommandError("No .json or .txt files found.")
        linker = Linker.from_db()
        created, skipped, undated, untitled, failed = [], [], [], [], []
        progress = Progress(sys.stderr, len(files))
        for done, path in enumerate(files, 1):
            try:
                record = read_record(path)
            except InputError as error:
                failed.append((shown(path), one_line(error)))
            else:
                extractions = extract_stories(record, linker)
                for number, extraction in enumerate(extractions, 1):
                    # A page of several stories saves one draft for each.
                    label = shown(path) + (f"#{number}" if len(extractions) > 1 else "")
                    proposal = Proposal.from_extraction(extraction)
                    try:
                        # A refused address fails the file, whatever else would skip it.
                        SOURCE_URL.clean(proposal.source_url, None)
                    except ValidationError as error:
                        failed.append((label, one_line(error)))
                        continue
                    if proposal.published_on is None:
                        # Never today's date for a text that gives none: the editor gives it.
                        undated.append((label, proposal))
                        continue
                    if not proposal.title:
                        # Nor a cut first sentence for a page that shows no headline.
                        untitled.append((label, proposal))
                        continue
                    try:
                        item, is_new = save_draft(
                            proposal, user=importer, reason=f"Imported from {path.name}"
                        )
                    except ValidationError as error:
                        failed.append((label, one_line(error)))
                    else:
                        (created if is_new else skipped).append((label, item))
            progress.step(done)
        progress.close()
        self.report(created, skipped, undated, untitled, failed)
        if failed:
            sys.exit(1)

    def find_user(self, username):
        if username is None:
            return None
        user_model = get_user_model()
        try:
            return user_model.objects.get(username=username)
        except user_model.DoesNotExist as error:
            raise CommandError(f"No user named {username!r}.") from error

    def report(self, created, skipped, undated, untitled, failed):
        for path, item in created:
            self.stdout.write(f"created  {path}: {item.published_on} {item.title}")
        for path, item in skipped:
            self.stdout.write(
                f"skipped  {path}: already in the archive as {item.get_absolute_url()}"
            )
        for path, proposal in undated:
            self.stdout.write(
                f"skipped  {path}: the text states no date of its own; import it from "
                f"the admin's Import from text and give the date "
                f"({proposal.title or opening_words(proposal.text)})"
            )
        for path, proposal in untitled:
            self.stdout.write(
                f"skipped  {path}: the page shows no headline; import it from the admin's "
                f"Import from text and give the title ({opening_words(proposal.text)})"
            )
        for path, reason in failed:
            self.stderr.write(f"failed   {path}: {reason}")
        self.stdout.write(
            f"{len(created)} created, {len(skipped)} skipped as duplicates, "
            f"{len(undated)} skipped without a date, {len(untitled)} skipped without a "
            f"headline, {len(failed)} failed."
        )


def one_line(error):
    """Flatten an error, including a model ValidationError, to one line."""
    if isinstance(error, ValidationError):
        return (
            "; ".join(
                f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items()
            )
            if hasattr(error, "error_dict")
            else " ".join(error.messages)
        )
    return str(error)
