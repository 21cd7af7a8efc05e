"""Full-text search of news items: PostgreSQL's text search, or SQLite's FTS5.

PostgreSQL indexes title, lead and text with the text-search configuration of each item's
language (GIN index `newsitem_search_idx`), so "договора" finds "договор" and "meetings"
finds "meeting", and ranks results by relevance. SQLite keeps an FTS5 table in step with
the news table through triggers (migration 0005); there a query word matches the words it
begins, after a light cut of common endings, ranked by BM25.
"""

import re

from django.contrib.postgres.search import SearchConfig, SearchQuery, SearchRank, SearchVectorField
from django.db import connections
from django.db.models import Case, F, Func, Q, TextField, Value, When
from django.db.models.expressions import CombinedExpression, RawSQL
from django.db.models.functions import Coalesce, Concat

FTS_TABLE = "news_newsitem_fts"


def search_config():
    """Return the text-search configuration of each row: its language decides the stemming.

    The configurations are cast one by one so that PostgreSQL sees constants and accepts the
    expression in an index.
    """
    return Case(
        When(language="ru", then=SearchConfig(Value("russian"))),
        default=SearchConfig(Value("english")),
        output_field=TextField(),
    )


def weighted(weight, *fields):
    """Return setweight(to_tsvector(config, fields...), weight).

    Built from plain functions rather than SearchVector, whose `config` is left out when a
    query is relabelled as a subquery (as the facet counts do), which breaks the SQL.
    """
    parts = [Coalesce(F(name), Value(""), output_field=TextField()) for name in fields]
    document = parts[0] if len(parts) == 1 else Concat(*_spaced(parts), output_field=TextField())
    vector = Func(
        search_config(), document, function="to_tsvector", output_field=SearchVectorField()
    )
    return Func(vector, Value(weight), function="setweight", output_field=SearchVectorField())


def _spaced(parts):
    spaced = []
    for part in parts:
        spaced += [part, Value(" ")]
    return spaced[:-1]


def search_vector():
    """Return the indexed document: the title weighs more than the lead and text."""
    return CombinedExpression(
        weighted("A", "title"),
        "||",
        weighted("B", "lead", "text"),
        output_field=SearchVectorField(),
    )


WORD = re.compile(r"\w+", re.UNICODE)
# Endings cut before prefix matching on SQLite, longest first, so that a case form or a
# plural finds the others ("договора" -> "договор*", "meetings" -> "meeting*").
ENDINGS = sorted(
    [
        "ами",
        "ями",
        "ого",
        "его",
        "ому",
        "ему",
        "ыми",
        "ими",
        "иях",
        "ах",
        "ях",
        "ов",
        "ев",
        "ей",
        "ий",
        "ый",
        "ой",
        "ая",
        "яя",
        "ое",
        "ее",
        "ые",
        "ие",
        "ую",
        "юю",
        "ом",
        "ем",
        "ам",
        "ям",
        "ы",
        "и",
        "а",
        "я",
        "у",
        "ю",
        "е",
        "о",
        "ь",
        "ies",
        "es",
        "s",
        "ing",
        "ed",
    ],
    key=len,
    reverse=True,
)
MIN_STEM = 4


def stem_prefix(word):
    """Cut a common ending off a word, keeping at least a few letters."""
    word = word.lower().replace("ё", "е")
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            return word[: -len(ending)]
    return word


def fts5_query(query):
    """Turn free text into a safe FTS5 query: every word, as a quoted prefix, must occur."""
    return " ".join(f'"{stem_prefix(word)}"*' for word in WORD.findall(query))


def search_news(queryset, query):
    """Filter news items by a free-text query and order them by relevance."""
    query = query.replace("\x00", " ")  # PostgreSQL refuses NUL in text
    vendor = connections[queryset.db].vendor
    if vendor == "postgresql":
        matches = Q()
        ranked = None
        for config in ("english", "russian"):
            search = SearchQuery(query, config=config, search_type="websearch")
            matches |= Q(search_document=search)
            rank = SearchRank(F("search_document"), search)
            ranked = rank if ranked is None else ranked + rank
        return (
            queryset.annotate(search_document=search_vector())
            .filter(matches)
            .annotate(relevance=ranked)
            .order_by("-relevance", "-published_on", "-id")
        )
    if vendor == "sqlite":
        match = fts5_query(query)
        if not match:
            return queryset
        table = queryset.model._meta.db_table
        return (
            queryset.filter(
                pk__in=RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", (match,))
            )
            .annotate(
                relevance=RawSQL(
                    f"SELECT -bm25({FTS_TABLE}, 4.0, 2.0, 1.0) FROM {FTS_TABLE} "
                    f'WHERE {FTS_TABLE} MATCH %s AND rowid = "{table}"."id"',
                    (match,),
                )
            )
            .order_by("-relevance", "-published_on", "-id")
        )
    raise NotImplementedError(f"full-text search is not set up for {vendor}")
