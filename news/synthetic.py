"""A synthetic archive of any size, for measuring the site at scale.

Items are made from sentence patterns and the reference data (bodies, officials in post on
the item's date, states, cities), in both languages, with statements and some edit history.
Everything is written with bulk inserts; the same seed always gives the same archive.
"""

import datetime
import random
from collections import defaultdict
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from core.history import ChangeKind
from core.models import ArchiveState
from core.signals import bulk_loaded
from core.transliteration import slug_for
from people.models import Body, MemberState, Official, Position
from people.reference import load_reference, reference_is_loaded

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
    counts = {"news items": 0, "statements": 0, "links": 0, "history rows": 0}
    for start in range(0, items, BATCH):
        size = min(BATCH, items - start)
        with transaction.atomic():
            rows, links = [], []
            for n in range(start, start + size):
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
                rows.append(
                    NewsItem(
                        title=title,
                        slug=f"{slug_for(title, 60)}-{seed}-{n}",
                        published_on=day,
                        language=language,
                        kind=rng.choice(NewsItem.Kind.values),
                        lead=lead,
                        text=text,
                        place=rng.choice(CITIES[language]),
                        source_name=SOURCE,
                        source_url=f"https://archive.example/{seed}/{n}",
                        status=Status.PUBLISHED,
                    )
                )
                links.append((bodies, people, states))
            created = NewsItem.objects.bulk_create(rows, batch_size=500)
            link_rows = write_links(created, links)
            counts["links"] += sum(len(r) for r in link_rows.values())
            speeches = write_statements(rng, created, links, statements_per_item)
            counts["history rows"] += write_history(
                rng, created, speeches, link_rows, now, corrected_share
            )
            counts["news items"] += len(created)
            counts["statements"] += len(speeches)
    bulk_loaded.send(sender=generate_archive, using=connection.alias)
    ArchiveState.bump()
    refresh_planner_statistics()
    return counts


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


def write_links(items, links):
    """Bulk-insert the bodies, officials and states of the items; return the rows by field."""
    through = {name: getattr(NewsItem, name).through for name in LINK_FIELDS}
    rows = {name: [] for name in through}
    for item, chosen in zip(items, links, strict=True):
        for (name, column), objs in zip(LINK_FIELDS.items(), chosen, strict=True):
            rows[name] += [through[name](newsitem_id=item.pk, **{column: o.pk}) for o in objs]
    return {
        name: model.objects.bulk_create(rows[name], batch_size=2000)
        for name, model in through.items()
    }


def write_statements(rng, items, links, share):
    """Attribute a statement to an official of some items; return the statements created."""
    speeches = []
    for item, (bodies, people, _states) in zip(items, links, strict=True):
        if people and rng.random() < share:
            speeches.append(
                Statement(
                    speaker=people[0],
                    text=item.lead,
                    said_on=item.published_on,
                    language=item.language,
                    news_item=item,
                    body=bodies[0],
                    status=Status.PUBLISHED,
                )
            )
    return Statement.objects.bulk_create(speeches, batch_size=500)


def write_history(rng, items, speeches, link_rows, now, corrected_share):
    """Write one history row per created object, its links included, and a few corrections."""
    item_history = NewsItem.history.model
    created_rows = item_history.objects.bulk_create(
        [history_row(item_history, item, "+", now, "Generated") for item in items], batch_size=500
    )
    corrected = [item for item in items if rng.random() < corrected_share]
    for item in corrected:
        item.text = item.text.replace(".", ";", 1)
    NewsItem.objects.bulk_update(corrected, ["text"], batch_size=500)
    corrections = item_history.objects.bulk_create(
        [
            history_row(
                item_history,
                item,
                "~",
                now + datetime.timedelta(minutes=1),
                "Corrected a detail",
                ChangeKind.SUBSTANTIVE,
            )
            for item in corrected
        ],
        batch_size=500,
    )

    write_history_links(item_history, [*created_rows, *corrections], link_rows)

    statement_history = Statement.history.model
    statement_history.objects.bulk_create(
        [history_row(statement_history, s, "+", now, "Generated") for s in speeches], batch_size=500
    )
    return len(created_rows) + len(corrections) + len(speeches)


def write_history_links(item_history, history_rows, link_rows):
    """Keep the links of each version too, as simple-history does for every save."""
    by_item = {name: defaultdict(list) for name in LINK_FIELDS}
    for name, rows in link_rows.items():
        for link in rows:
            by_item[name][link.newsitem_id].append(link)
    for name, column in LINK_FIELDS.items():
        model = item_history._meta.get_field(
            f"{item_history._meta.model_name}_{name}"
        ).related_model
        model.objects.bulk_create(
            [
                model(
                    id=link.pk,
                    history=row,
                    newsitem_id=link.newsitem_id,
                    **{column: getattr(link, column)},
                )
                for row in history_rows
                for link in by_item[name][row.id]
            ],
            batch_size=2000,
        )


def history_row(history_model, obj, kind, when, reason, change_kind=""):
    """Build the history row of an object as it is now."""
    values = {
        field.attname: getattr(obj, field.attname)
        for field in history_model.instance_type._meta.fields
        if field.attname in {f.attname for f in history_model._meta.fields}
    }
    return history_model(
        **values,
        history_date=when,
        history_type=kind,
        history_change_reason=reason,
        change_kind=change_kind,
    )
