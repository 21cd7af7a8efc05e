"""Full-text search of news items: PostgreSQL's text search, or SQLite's FTS5.

PostgreSQL indexes title, lead and text with the text-search configuration of each item's
language (GIN index `newsitem_search_idx`), so "договора" finds "договор" and "meetings"
finds "meeting", and ranks results by relevance. SQLite keeps an FTS5 table in step with
the news table through triggers (migration 0005); there a query word matches the words it
begins, after a light cut of common endings, ranked by BM25.
"""

import re

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchConfig, SearchQuery, SearchRank, SearchVectorField
from django.db import connections
from django.db.models import Case, F, Func, IntegerField, Q, TextField, Value, When
from django.db.models.expressions import CombinedExpression, RawSQL
from django.db.models.functions import Coalesce, Concat

FTS_TABLE = "news_newsitem_fts"
NEWS_TABLE = "news_newsitem"
COLUMNS = "title, lead, text"
NEW_ROW = "new.id, new.title, new.lead, new.text"
OLD_ROW = "'delete', old.id, old.title, old.lead, old.text"
SQLITE_TRIGGERS = {
    f"{FTS_TABLE}_insert": f"AFTER INSERT ON {NEWS_TABLE} BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, {COLUMNS}) VALUES ({NEW_ROW}); END",
    f"{FTS_TABLE}_delete": f"AFTER DELETE ON {NEWS_TABLE} BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {COLUMNS}) VALUES ({OLD_ROW}); END",
    f"{FTS_TABLE}_update": f"AFTER UPDATE OF {COLUMNS} ON {NEWS_TABLE} BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {COLUMNS}) VALUES ({OLD_ROW}); "
    f"INSERT INTO {FTS_TABLE}(rowid, {COLUMNS}) VALUES ({NEW_ROW}); END",
}


def ensure_sqlite_index(connection):
    """Create the FTS5 table and its triggers where missing, and fill the table if it was.

    Run by migration 0005 and after every migrate: SQLite rebuilds a table to alter a
    column, which drops the table's triggers, so a later migration could otherwise leave
    the index silently out of date.
    """
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
        existing = {name for (name,) in cursor.fetchall()}
        if NEWS_TABLE not in existing:
            return
        missing = [name for name in SQLITE_TRIGGERS if name not in existing]
        if FTS_TABLE in existing and not missing:
            return
        if FTS_TABLE not in existing:
            cursor.execute(
                f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5({COLUMNS}, content='{NEWS_TABLE}', "
                "content_rowid='id', tokenize='unicode61 remove_diacritics 2')"
            )
        for name in missing:
            cursor.execute(f"CREATE TRIGGER {name} {SQLITE_TRIGGERS[name]}")
        cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")


def drop_sqlite_index(connection):
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for name in SQLITE_TRIGGERS:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
        cursor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")


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


def _vendor(queryset):
    return connections[queryset.db].vendor


def search_news(queryset, query):
    """Filter news items to those matching a free-text query.

    The filter references no outer table, so the result also works inside the subqueries
    of facet counts; `rank_news` orders a list by relevance.
    """
    query = query.replace("\x00", " ")  # PostgreSQL refuses NUL in text
    vendor = _vendor(queryset)
    if vendor == "postgresql":
        matches = Q()
        for config in ("english", "russian"):
            matches |= Q(search_document=SearchQuery(query, config=config, search_type="websearch"))
        return queryset.annotate(search_document=search_vector()).filter(matches)
    if vendor == "sqlite":
        match = fts5_query(query)
        if not match:
            return queryset
        matches = RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", (match,))
        if len(queryset.query.alias_map) > 1:
            # Joined to links (a body, an official, a state), SQLite would walk the whole
            # list of matches again for every linked row: minutes for a common word. A
            # unary plus makes the list a plain test of each row's key instead.
            key = Func(F("pk"), template="+%(expressions)s", output_field=IntegerField())
            return queryset.alias(fts_key=key).filter(fts_key__in=matches)
        return queryset.filter(pk__in=matches)
    raise NotImplementedError(f"full-text search is not set up for {vendor}")


def rank_news(queryset, query):
    """Order news items matching a query by relevance, the newest first among equals."""
    query = query.replace("\x00", " ")
    vendor = _vendor(queryset)
    if vendor == "postgresql":
        relevance = sum(
            (
                SearchRank(
                    search_vector(), SearchQuery(query, config=config, search_type="websearch")
                )
                for config in ("english", "russian")
            ),
            start=Value(0.0),
        )
        return queryset.annotate(relevance=relevance).order_by("-relevance", "-published_on", "-id")
    match = fts5_query(query)
    if not match:
        return queryset
    table = queryset.model._meta.db_table
    # A join, not a correlated subquery: the FTS5 index is searched once per query and
    # BM25 is computed for the matching rows only.
    return queryset.extra(  # noqa: S610  (fixed SQL; the user's words are a parameter)
        tables=[FTS_TABLE],
        where=[f"{FTS_TABLE}.rowid = {table}.id", f"{FTS_TABLE} MATCH %s"],
        params=[match],
        select={"relevance": f"-bm25({FTS_TABLE}, 4.0, 2.0, 1.0)"},
    ).order_by("-relevance", "-published_on", "-id")


class PostgresGinIndex(GinIndex):
    """The GIN text-search index, built on PostgreSQL only; SQLite searches its FTS5 table.

    SQLite rebuilds a table to add most columns and then recreates every index of the
    model, which would try this PostgreSQL-only expression there too.
    """

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return ""  # an empty statement: nothing to build here
        return super().create_sql(model, schema_editor, using=using, **kwargs)

    def remove_sql(self, model, schema_editor, **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return ""
        return super().remove_sql(model, schema_editor, **kwargs)


def restore_sqlite_statistics(connection):
    """Re-analyse the tables a migration rebuilt, if the database had statistics before.

    SQLite rebuilds a table to add most columns, and the rebuilt table has no figures in
    sqlite_stat1: the planner then guesses, and a body's count walks every item instead
    of the body's links (3 ms became 30 ms at 100,000 items). Only tables without figures
    are analysed, so a migrate that changed nothing costs nothing.
    """
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if cursor.fetchone() is None:
            return  # never analysed: a small database the planner handles without figures
        cursor.execute(
            "SELECT m.name FROM sqlite_master m WHERE m.type = 'table' "
            "AND m.name NOT LIKE 'sqlite_%' AND m.sql NOT LIKE 'CREATE VIRTUAL%' "
            "AND EXISTS (SELECT 1 FROM sqlite_master i WHERE i.type = 'index' "
            "AND i.tbl_name = m.name) "
            "AND NOT EXISTS (SELECT 1 FROM sqlite_stat1 s WHERE s.tbl = m.name)"
        )
        for (table,) in cursor.fetchall():
            cursor.execute(f'ANALYZE "{table}"')
