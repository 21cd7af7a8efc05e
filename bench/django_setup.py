"""What the in-process benchmarks share: Django on the bench archive, and results.json.

Importing this module sets Django up, so import it before any model.
"""

import json
import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results.json"

sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cstoarchive.settings.test")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'bench' / 'archive.sqlite3'}")

import django  # noqa: E402  (set up after the settings are chosen)

django.setup()


def p95(samples):
    return statistics.quantiles(samples, n=20)[18]


def save_section(name, figures):
    """Add one section to bench/results.json, keeping the others."""
    data = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    data[name] = figures
    RESULTS.write_text(json.dumps(data, indent=2) + "\n")
