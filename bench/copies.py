"""Time extraction with the search for copies against the 100,000-item bench archive.

Usage (from the project folder, with the virtualenv's Python; `make bench-copies`):
    python bench/copies.py [--archive bench/archive.sqlite3] [--repeat 8] FILE...

The archive is copied to a temporary file first (and migrated there), so the bench archive
itself is never written. Runs `manage.py extract --stats` on the files, each `--repeat`
times, twice: once working out every item's fingerprint (and storing it), once reading the
stored ones. Prints each run's start-up time (the linker and the copy index of every item)
and texts per second after it; exits 1 below TARGET texts per second.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 200  # texts per second after start-up


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--archive", type=Path, default=ROOT / "bench" / "archive.sqlite3")
    parser.add_argument("--repeat", type=int, default=8)
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "archive.sqlite3"
        shutil.copyfile(args.archive, copy)
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{copy}",
            "DJANGO_SETTINGS_MODULE": "cstoarchive.settings.test",
        }
        manage = [sys.executable, str(ROOT / "manage.py")]
        subprocess.run([*manage, "migrate", "-v0"], env=env, check=True)
        # The first run works out the archive's fingerprints and stores them; the second
        # reads them, as every process after the first does.
        for run in ("fingerprints worked out and stored", "fingerprints read"):
            result = subprocess.run(
                [*manage, "extract", "--stats", *(args.files * args.repeat)],
                env=env,
                capture_output=True,
                text=True,
            )
            stats = result.stderr.strip().splitlines()[-1] if result.stderr.strip() else ""
            print(f"{run}: {stats}")
            if result.returncode:
                break
    found = sum('"duplicate_of": []' not in line for line in result.stdout.splitlines())
    print(f"{found} of {len(result.stdout.splitlines())} lines name a copy in the archive")
    rate = re.search(r"\((\d+) texts/s", stats)
    if result.returncode or not rate:
        print(result.stderr[-2000:], file=sys.stderr)
        sys.exit(1)
    sys.exit(0 if int(rate.group(1)) >= TARGET else 1)


if __name__ == "__main__":
    main()
