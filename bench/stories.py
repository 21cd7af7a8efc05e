"""Pages of several stories built from the annotated corpus: are the stories found?

Usage (from the project folder; `make bench-stories`):
    python bench/stories.py [--corpus ../shared/corpus] [--pages 300] [--seed 1]

Each page joins two to five randomly chosen texts of the corpus, one after another, in one
of the shapes below, and is split with the importer's `extract_stories`. Printed per shape:
the share of pages whose number of stories is exact and, on those pages, each story's
date, bodies and officials against the text's own annotation.

- headline + date line: "Headline / 17.05.2022 / text" (a news site's list of stories; the
  text loses its own first line when that is the headline; a text without a headline gets
  a neutral one, and a text without a date gets a date line of 1 May 2024, which is then
  its date);
- headline + glued date: the same with the date glued to the text ("17.05.2022Heads of");
- stamped: each text with its crawler stamp (" date 2022-05-17 ") when it has a date, as
  stored pages come;
- raw: the texts as they are, one after the other, which often leaves no mark at all where
  one ends (a lead that starts mid-page, a text cut mid-sentence).

A temporary SQLite database with the reference data serves the linker; nothing else is
read or written.
"""

import argparse
import datetime
import json
import os
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FALLBACK_DATE = datetime.date(2024, 5, 1)


def neutral_headline(record):
    return f"Report {record['id'][1:]} of the organization's news"


def body(record):
    text = record["text"]
    if text.lstrip().startswith("date "):
        text = text.lstrip()[len("date 2024-01-01 ") :]
    return text.strip()


def article(record):
    """The text under a headline the page prints: without its own first line when that line
    is the headline already (most texts of the corpus begin with theirs)."""
    text = body(record)
    first, _, rest = text.partition("\n")
    if record["title"] and first.strip() == record["title"].strip():
        return rest.strip()
    return text


def when(record):
    return datetime.date.fromisoformat(record["published"]) if record["published"] else None


def numeric(day):
    return day.strftime("%d.%m.%Y")


SHAPES = {
    "headline + date line": (
        lambda r: (
            f"{r['title'] or neutral_headline(r)}\n{numeric(when(r) or FALLBACK_DATE)}\n"
            f"{article(r)}"
        ),
        lambda r: when(r) or FALLBACK_DATE,
    ),
    "headline + glued date": (
        lambda r: (
            f"{r['title'] or neutral_headline(r)}\n{numeric(when(r) or FALLBACK_DATE)}{article(r)}"
        ),
        lambda r: when(r) or FALLBACK_DATE,
    ),
    "stamped": (
        lambda r: (f" date {r['published']} " if r["published"] else "") + body(r),
        when,
    ),
    "raw": (lambda r: r["text"].strip(), when),
}


def prf(got, want):
    got, want = {g.casefold() for g in got}, {w.casefold() for w in want}
    if not got and not want:
        return 1.0
    hit = len(got & want)
    return 2 * hit / (len(got) + len(want)) if got or want else 1.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    records = [
        json.loads(path.read_text(encoding="utf-8"))
        for path in sorted((args.corpus / "texts").glob("*.json"))
    ]
    folder = tempfile.mkdtemp()
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "cstoarchive.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/stories.sqlite3"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as quiet:
        call_command("load_reference", stdout=quiet)
    from news.importer.extract import extract_stories
    from news.importer.linking import Linker
    from news.importer.record import Record

    linker = Linker.from_db()
    single = sum(
        len(extract_stories(Record(id=r["id"], text=r["text"]), linker)) == 1 for r in records
    )
    print(f"{len(records)} texts alone: {single} kept as one story")
    print(f"{'shape':24} {'pages':>5} {'exact':>6} {'date':>6} {'bodies':>7} {'officials':>9}")
    for name, (build, date_of) in SHAPES.items():
        rng = random.Random(args.seed)
        exact = dates = bodies = officials = stories = 0
        for _ in range(args.pages):
            picked = rng.sample(records, rng.randint(2, 5))
            page = "\n\n".join(build(record) for record in picked)
            found = extract_stories(Record(id="page", text=page), linker)
            if len(found) != len(picked):
                continue
            exact += 1
            for extraction, record in zip(found, picked, strict=True):
                stories += 1
                dates += extraction.published == date_of(record)
                bodies += prf([b.name for b in extraction.bodies], record["bodies"])
                officials += prf([o.name for o in extraction.officials], record["officials"])
        share = exact / args.pages
        each = max(stories, 1)
        print(
            f"{name:24} {args.pages:5} {share:6.2f} {dates / each:6.2f} "
            f"{bodies / each:7.2f} {officials / each:9.2f}"
        )


if __name__ == "__main__":
    main()
