"""A synthetic archive of any size, for measuring the site at scale.

Items are made from sentence patterns and the reference data (bodies, officials in post on
the item's date, states, cities), in both languages, with statements and some edit history.
Everything is written with plain bulk inserts (`core.bulk`), the search index and the table
of counts filled once at the end; the same seed always gives the same archive.
"""

import datetime
import random
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache

from django.db import connection, transaction
from django.utils import timezone

from core.bulk import insert_rows, reserve_keys, reset_sequences
from core.history import ChangeKind
from core.models import ArchiveState
from core.signals import bulk_loaded
from core.transliteration import slug_for
from people.models import Body, MemberState, Official, Position
from people.reference import load_reference, reference_is_loaded

from . import fulltext
from .models import Language, NewsItem, Statement, Status

FIRST_DAY = datetime.date(2002, 1, 1)
LAST_DAY = datetime.date(2026, 11, 1)
BATCH = 2000
SOURCE = "Synthetic archive"
# The links of a news item and the column that names the linked object in each table.
LINK_FIELDS = {"bodies": "body_id", "officials": "official_id", "states": "memberstate_id"}

CITIES = {
    "en": ["Moscow", "Minsk", "Astana", "Almaty", "Bishkek", "Dushanbe", "Yerevan", "Sochi"],
    "ru": ["Москва", "Минск", "Астана", "Алматы", "Бишкек", "Душанбе", "Ереван", "Сочи"],
}
TOPICS = {
    "en": [
        "the situation on the Tajik-Afghan border",
        "joint exercises for the coming year",
        "countering drug trafficking",
        "information security",
        "peacekeeping training",
        "illegal migration",
        "the plan of consultations on foreign policy",
        "military-technical cooperation",
        "crisis response procedures",
        "the budget",
        "biological security",
        "cooperation with the United Nations",
    ],
    "ru": [
        "обстановку на таджикско-афганской границе",
        "совместные учения на следующий год",
        "противодействие наркотрафику",
        "информационную безопасность",
        "подготовку миротворцев",
        "незаконную миграцию",
        "план консультаций по внешней политике",
        "военно-техническое сотрудничество",
        "порядок кризисного реагирования",
        "бюджет",
        "биологическую безопасность",
        "сотрудничество с Организацией Объединённых Наций",
    ],
}
TITLES = {
    "en": [
        "{body} meets in {city}",
        "{body} discusses {topic}",
        "{official} visits {city}",
        "{city} hosts a meeting on {topic}",
        "Member states agree on {topic}",
    ],
    "ru": [
        "{body}: заседание в городе {city}",
        "{body} обсудил {topic}",
        "{official} посетил город {city}",
        "В городе {city} обсудили {topic}",
        "Государства-члены договорились: {topic}",
    ],
}
SENTENCES = {
    "en": [
        "The {body} met in {city} and reviewed {topic}.",
        "{official} said that the member states had reached a common position on {topic}.",
        "Delegations of {states} took part in the discussion.",
        "The participants approved a plan of joint measures for the next year.",
        "The meeting also heard a report on {topic} and on the work of the Secretariat.",
        "It was agreed to continue consultations at the level of experts.",
        "The next meeting will take place in {city}.",
        "Observers noted the growing attention of the member states to {topic}.",
    ],
    "ru": [
        "{body} провёл заседание в городе {city} и рассмотрел {topic}.",
        "{official} заявил, что государства-члены выработали общую позицию.",
        "В обсуждении приняли участие делегации государств: {states}.",
        "Участники одобрили план совместных мероприятий на следующий год.",
        "Был также заслушан доклад о деятельности Секретариата.",
        "Решено продолжить консультации на уровне экспертов.",
        "Следующее заседание пройдёт в городе {city}.",
        "Отмечено растущее внимание государств-членов к вопросам безопасности.",
    ],
}


@dataclass
class Stock:
    """The reference data the generator draws from, read once."""

    bodies: list
    states: list
    officials: list
    posts: list  # (official_id, start, end) of dated positions
    in_post: dict = field(default_factory=dict)  # day -> officials_on(day), worked out once

    @classmethod
    def load(cls):
        if not reference_is_loaded():
            load_reference()
        return cls(
            bodies=list(Body.objects.all()),
            states=list(MemberState.objects.all()),
            officials=list(Official.objects.all()),
            posts=list(
                Position.objects.exclude(start=None).values_list("official_id", "start", "end")
            ),
        )

    def officials_on(self, day):
        """Return the ids of officials in a post on that day, each once."""
        if day not in self.in_post:
            self.in_post[day] = self._officials_on(day)
        return self.in_post[day]

    def _officials_on(self, day):
        return sorted(
            {oid for oid, start, end in self.posts if start <= day and (end is None or end >= day)}
        )


def generate_archive(items, seed=1, *, statements_per_item=0.2, corrected_share=0.05):
    """Add `items` published news items (and statements, links, history); return the counts."""
    rng = random.Random(seed)
    stock = Stock.load()
    officials_by_id = {o.pk: o for o in stock.officials}
    span = (LAST_DAY - FIRST_DAY).days
    now = timezone.now()
    slugs = {}  # titles repeat: each is transliterated once
    counts = {"news items": 0, "statements": 0, "links": 0, "history rows": 0}
    with larger_page_cache(connection), fulltext.search_index_deferred(connection):
        for start in range(0, items, BATCH):
            size = min(BATCH, items - start)
            rows, links = [], []
            for n, pk in zip(range(start, start + size), reserve_keys(NewsItem, size), strict=True):
                day = FIRST_DAY + datetime.timedelta(days=rng.randrange(span))
                language = Language.RU if rng.random() < 0.3 else Language.EN
                bodies = rng.sample(stock.bodies, rng.choice((1, 1, 2, 3)))
                states = rng.sample(stock.states, rng.choice((0, 1, 2, 3)))
                in_post = stock.officials_on(day)
                people = [
                    officials_by_id[i]
                    for i in rng.sample(in_post, min(len(in_post), rng.choice((0, 1, 2))))
                ]
                title, lead, text = compose(rng, language, bodies, people, states)
                if title not in slugs:
                    slugs[title] = slug_for(title, 60)
                rows.append(
                    {
                        "id": pk,
                        "title": title,
                        "slug": f"{slugs[title]}-{seed}-{n}",
                        "published_on": day,
                        "language": language,
                        "kind": rng.choice(NewsItem.Kind.values),
                        "lead": lead,
                        "text": text,
                        "place": rng.choice(CITIES[language]),
                        "source_name": SOURCE,
                        "source_url": f"https://archive.example/{seed}/{n}",
                        "status": Status.PUBLISHED,
                        "created_at": now,
                        "updated_at": now,
                    }
                )
                links.append((bodies, people, states))
            speeches = statements_for(rng, rows, links, statements_per_item, now)
            corrected = [row for row in rows if rng.random() < corrected_share]
            with transaction.atomic():
                counts["history rows"] += write_batch(rows, links, speeches, corrected, now)
            counts["links"] += sum(len(chosen) for item in links for chosen in item)
            counts["news items"] += len(rows)
            counts["statements"] += len(speeches)
        reset_sequences(
            [NewsItem, Statement, NewsItem.history.model, Statement.history.model]
            + [getattr(NewsItem, name).through for name in LINK_FIELDS]
            + list(history_link_models().values())
        )
    bulk_loaded.send(sender=generate_archive, using=connection.alias)
    ArchiveState.bump()
    refresh_planner_statistics()
    return counts


@contextmanager
def larger_page_cache(connection, megabytes=256):
    """Give SQLite room to keep the tables' indexes in memory while the load writes them.

    With its default of 2 MB, every insert into an index of a table of hundreds of
    megabytes reads and writes pages again: the load slowed down as the archive grew.
    """
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        [before] = cursor.fetchone()
        cursor.execute(f"PRAGMA cache_size = -{megabytes * 1024}")  # negative: in KiB
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(before)}")


def refresh_planner_statistics():
    """Let the database's query planner learn the new sizes of the tables (after a bulk load).

    Without figures SQLite guesses, and for a body's news it then walks every item instead
    of the body's few thousand links.
    """
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def compose(rng, language, bodies, people, states):
    """Write a title, a lead and a text of realistic length from the sentence patterns."""
    names = {
        "body": (bodies[0].name_ru or bodies[0].name) if language == "ru" else bodies[0].name,
        "official": ((people[0].name_ru or people[0].name) if language == "ru" else people[0].name)
        if people
        else ("Генеральный секретарь" if language == "ru" else "The Secretary General"),
        "states": ", ".join((s.name_ru or s.name) if language == "ru" else s.name for s in states)
        or ("всех государств-членов" if language == "ru" else "all member states"),
    }

    def fill(pattern):
        return pattern.format(
            city=rng.choice(CITIES[language]), topic=rng.choice(TOPICS[language]), **names
        )

    title = fill(rng.choice(TITLES[language]))
    title = title[0].upper() + title[1:]
    paragraphs = [
        " ".join(fill(rng.choice(SENTENCES[language])) for _ in range(rng.randint(2, 5)))
        for _ in range(rng.randint(2, 8))
    ]
    return title, paragraphs[0], "\n\n".join(paragraphs)


def statements_for(rng, rows, links, share, now):
    """Attribute a statement to an official of some items; return the statements' rows."""
    speeches = []
    for row, (bodies, people, _states) in zip(rows, links, strict=True):
        if people and rng.random() < share:
            speeches.append(
                {
                    "speaker_id": people[0].pk,
                    "text": row["lead"],
                    "said_on": row["published_on"],
                    "language": row["language"],
                    "news_item_id": row["id"],
                    "body_id": bodies[0].pk,
                    "status": Status.PUBLISHED,
                    "created_at": now,
                    "updated_at": now,
                }
            )
    for speech, pk in zip(speeches, reserve_keys(Statement, len(speeches)), strict=True):
        speech["id"] = pk
    return speeches


def write_batch(rows, links, speeches, corrected, now):
    """Write a batch: items, links, statements and history; return the history rows written.

    Each item gets a history row as created, its corrected ones (a detail of the text
    changed) a second, substantive one; every version keeps the item's links, as
    simple-history does for every save.
    """
    item_history = NewsItem.history.model
    created = [history_row(item_history, row, "+", now, "Generated") for row in rows]
    for row in corrected:
        row["text"] = row["text"].replace(".", ";", 1)
    corrections = [
        history_row(
            item_history,
            row,
            "~",
            now + datetime.timedelta(minutes=1),
            "Corrected a detail",
            ChangeKind.SUBSTANTIVE,
        )
        for row in corrected
    ]
    versions = [*created, *corrections]
    for version, pk in zip(versions, reserve_keys(item_history, len(versions)), strict=True):
        version["history_id"] = pk
    insert_rows(NewsItem, rows)
    link_rows = write_links(rows, links)
    insert_rows(item_history, versions)
    write_history_links(versions, link_rows)
    insert_rows(Statement, speeches)
    statement_history = Statement.history.model
    speech_versions = [
        history_row(statement_history, speech, "+", now, "Generated") for speech in speeches
    ]
    for version, pk in zip(
        speech_versions, reserve_keys(statement_history, len(speeches)), strict=True
    ):
        version["history_id"] = pk
    insert_rows(statement_history, speech_versions)
    return len(versions) + len(speech_versions)


def write_links(rows, links):
    """Insert the bodies, officials and states of the items; return the link rows by field."""
    written = {}
    for position, (name, column) in enumerate(LINK_FIELDS.items()):
        through = getattr(NewsItem, name).through
        pairs = [
            (row["id"], o.pk)
            for row, chosen in zip(rows, links, strict=True)
            for o in chosen[position]
        ]
        written[name] = [
            {"id": pk, "newsitem_id": item, column: other}
            for (item, other), pk in zip(pairs, reserve_keys(through, len(pairs)), strict=True)
        ]
        insert_rows(through, written[name])
    return written


def history_link_models():
    """The tables that keep the links of each version of an item, by link field."""
    item_history = NewsItem.history.model
    return {
        name: item_history._meta.get_field(f"{item_history._meta.model_name}_{name}").related_model
        for name in LINK_FIELDS
    }


def write_history_links(versions, link_rows):
    """Keep the links of each version too, as simple-history does for every save."""
    for name, model in history_link_models().items():
        by_item = defaultdict(list)
        for link in link_rows[name]:
            by_item[link["newsitem_id"]].append(link)
        insert_rows(
            model,
            [
                {**link, "history_id": version["history_id"]}
                for version in versions
                for link in by_item[version["id"]]
            ],
        )


def history_row(history_model, row, kind, when, reason, change_kind=""):
    """The history row of an object (a dict of its columns) as it is now."""
    tracked = _tracked_fields(history_model)
    return {
        **{name: value for name, value in row.items() if name in tracked},
        "history_date": when,
        "history_type": kind,
        "history_change_reason": reason,
        "change_kind": change_kind,
    }


@lru_cache
def _tracked_fields(history_model):
    return {f.attname for f in history_model.instance_type._meta.concrete_fields} & {
        f.attname for f in history_model._meta.concrete_fields
    }
