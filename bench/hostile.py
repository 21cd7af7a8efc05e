"""Time the importer on hostile texts: extraction, and the admin's proposal, per text.

Usage (from the project folder, with the virtualenv's Python; `make hostile`):
    python bench/hostile.py [--size 200000] [--only TEXT] [--database-url URL]

Each text of tests/support/hostile.py (repeated dates, repeated names, one long line, no
spaces, 50,000 lines, ...) is extracted in process, then posted to Admin → Import from text
by an editor through Django's test client, with the dev settings, on a freshly migrated
SQLite database (a temporary file unless --database-url) holding the reference data. Prints
both times per text and the worst case; exits 1 when the worst extraction takes more than
EXTRACT_LIMIT seconds or the worst proposal more than PROPOSE_LIMIT.
"""

import argparse
import gc
import os
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

EXTRACT_LIMIT = 2.0  # seconds for one text of 200,000 characters
PROPOSE_LIMIT = 3.0
HOST = "localhost"  # one of the dev settings' ALLOWED_HOSTS


def setup(database_url):
    os.environ["DJANGO_SETTINGS_MODULE"] = "cstoarchive.settings.dev"
    os.environ["DATABASE_URL"] = database_url
    import django

    django.setup()
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_reference", verbosity=0)
    editor, _ = User.objects.get_or_create(username="hostile-bench-editor", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    return editor


def seconds(function):
    gc.collect()
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, help="characters per text (default 200,000)")
    parser.add_argument("--only", help="time only the texts whose name holds this text")
    parser.add_argument("--database-url", help="default: a temporary SQLite file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{Path(folder) / 'hostile.sqlite3'}"
        return run(args, setup(url))


def run(args, editor):
    from django.test import Client
    from django.urls import reverse

    from news.importer.extract import extract
    from news.importer.linking import Linker
    from news.importer.record import Record
    from tests.support.hostile import SIZE, hostile_texts

    client = Client(HTTP_HOST=HOST)
    client.force_login(editor)
    address = reverse("admin:news_newsitem_import")

    def propose(text):
        response = client.post(address, {"text": text, "url": "", "source_name": ""})
        if response.status_code != 200:
            return f"answered {response.status_code}"
        # The confirm step's "Save as draft" button shows that a proposal was made.
        if not re.search(rb'name="save"', response.content):
            return "no proposal"
        return ""

    propose("Ministers met in Almaty on 12 May 2024.")  # the linker, templates, dictionaries
    size = args.size or SIZE
    print(f"{size:,} characters a text; seconds to extract, and to propose in the admin")
    rows, failures = [], []
    # The proposal is timed on another variant of each text: words the extraction just put
    # in the importer's caches would make it look faster than it is.
    for (name, text), (_, other) in zip(hostile_texts(size), hostile_texts(size, 1), strict=True):
        if args.only and args.only not in name:
            continue
        extracting, _ = seconds(
            lambda text=text: extract(Record(id="hostile", text=text), Linker.current())
        )
        proposing, problem = seconds(lambda other=other: propose(other))
        rows.append((name, extracting, proposing))
        if problem:
            failures.append(f"{name}: {problem}")
        print(f"  {name:36} {extracting:7.2f} {proposing:7.2f}  {problem}", flush=True)
    if not rows:
        print("no text matches", args.only)
        return 1
    worst_extract = max(rows, key=lambda row: row[1])
    worst_propose = max(rows, key=lambda row: row[2])
    print(
        f"worst: extraction {worst_extract[1]:.2f} s ({worst_extract[0]}), "
        f"proposal {worst_propose[2]:.2f} s ({worst_propose[0]}); "
        f"limits {EXTRACT_LIMIT:.0f} s and {PROPOSE_LIMIT:.0f} s"
    )
    if worst_extract[1] > EXTRACT_LIMIT or worst_propose[2] > PROPOSE_LIMIT or failures:
        for failure in failures:
            print("FAILED", failure)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
