"""Full-text search of news items: PostgreSQL's text search, or SQLite's FTS5.

PostgreSQL keeps a search document per item (`search_document`, written by a trigger from
title, lead and text with the text-search configuration of the item's language, GIN index
`newsitem_document_idx`), so "договора" finds "договор" and "meetings" finds "meeting",
and ranks results by relevance. SQLite keeps an FTS5 table in step with
the news table through triggers (migration 0005); there a query word matches the words it
begins, after a light cut of common endings, ranked by BM25.
"""

import math
import re
from contextlib import contextmanager
from functools import lru_cache

from django.apps import apps
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connections
from django.db.models import F, Func, IntegerField, Q, Value
from django.db.models.expressions import RawSQL
from django.utils.functional import cached_property

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


DOCUMENT_INDEX = "newsitem_document_idx"


@contextmanager
def search_index_deferred(connection):
    """Build the search index once, after a bulk load, instead of row by row.

    On SQLite the FTS5 triggers are dropped for the load and made again afterwards, which
    rebuilds the table from the news table in one pass. On PostgreSQL the trigger still
    writes each item's document, but the GIN index is dropped and built again at the end:
    adding 100,000 documents to a GIN index one by one costs several times building it.
    Either is put back even if the load failed half-way.
    """
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            for name in SQLITE_TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
        try:
            yield
        finally:
            ensure_sqlite_index(connection)
    elif connection.vendor == "postgresql":
        model = apps.get_model("news", "NewsItem")
        [index] = [i for i in model._meta.indexes if i.name == DOCUMENT_INDEX]
        _alter_index(connection, "remove_index", model, index)
        try:
            yield
        finally:
            _alter_index(connection, "add_index", model, index)
    else:
        yield


def _alter_index(connection, action, model, index):
    # Inside a transaction (a test's), the deferred foreign-key checks of rows written
    # before would make PostgreSQL refuse to alter the table: run them first.
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    with connection.schema_editor() as editor:
        getattr(editor, action)(model, index)
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def drop_sqlite_index(connection):
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for name in SQLITE_TRIGGERS:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
        cursor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")


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


def pg_queries(query):
    # Each language's configuration reads the words its own way ("договора", "meetings").
    return [
        SearchQuery(query, config=config, search_type="websearch")
        for config in ("english", "russian")
    ]


def pg_query(query):
    """The query matching a document in either language, as one tsquery."""
    english, russian = pg_queries(query)
    return english | russian


def pg_relevance(query):
    """Relevance on PostgreSQL: the ranks against each language's reading, added."""
    return sum((SearchRank(F("search_document"), q) for q in pg_queries(query)), start=Value(0.0))


def search_news(queryset, query):
    """Filter news items to those matching a free-text query.

    The filter references no outer table, so the result also works inside the subqueries
    of facet counts; `rank_news` orders a list by relevance.
    """
    query = query.replace("\x00", " ")  # PostgreSQL refuses NUL in text
    vendor = _vendor(queryset)
    if vendor == "postgresql":
        return queryset.filter(search_document=pg_query(query))
    if vendor == "sqlite":
        match = fts5_query(query)
        if not match:
            return queryset
        matches = RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", (match,))
        if len(queryset.query.alias_map) > 1 or is_common(queryset.db, match):
            # Joined to links (a body, an official, a state), SQLite would walk the whole
            # list of matches again for every linked row: minutes for a common word. A
            # unary plus makes the list a plain test of each row's key instead. The same
            # for a common word: the list's date index is walked and the newest matches
            # are met within a few thousand rows, instead of looking up and sorting every
            # match (a word in half of 100,000 items: 13 ms instead of 160).
            key = Func(F("pk"), template="+%(expressions)s", output_field=IntegerField())
            return queryset.alias(fts_key=key).filter(fts_key__in=matches)
        return queryset.filter(pk__in=matches)
    raise NotImplementedError(f"full-text search is not set up for {vendor}")


@lru_cache(maxsize=512)
def _common(alias, match, archive_size):
    """Whether an FTS5 query matches enough rows that walking the list by date finds its
    newest matches sooner than reading every match; reads at most `threshold` matches."""
    # Reading a match costs about fifteen times stepping the date index; this threshold
    # balances the two worst cases (√(64·N): 2,500 matches at 100,000 items, 8,000 at 1M).
    threshold = max(1000, math.isqrt(64 * archive_size))
    with connections[alias].cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*) FROM (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s "
            "LIMIT %s)",
            (match, threshold),
        )
        return cursor.fetchone()[0] >= threshold


def is_common(alias, match):
    with connections[alias].cursor() as cursor:
        cursor.execute(f"SELECT MAX(id) FROM {NEWS_TABLE}")  # the size, from the key index
        size = cursor.fetchone()[0] or 0
    # Sizes rounded so the answers are kept across saves; the choice is a plan, not a result.
    return _common(alias, match, 1 << size.bit_length())


def rank_news(queryset, query):
    """Order news items matching a query by relevance, the newest first among equals."""
    query = query.replace("\x00", " ")
    vendor = _vendor(queryset)
    if vendor == "postgresql":
        return queryset.annotate(relevance=pg_relevance(query)).order_by(
            "-relevance", "-published_on", "-id"
        )
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


class SearchDocumentField(SearchVectorField):
    """The indexed document of an item on PostgreSQL, written by the database itself.

    A trigger (migration 0013, `DOCUMENT_TRIGGER`) sets it from `search_vector()`'s
    expression on every insert and on every change of the title, lead, text or language,
    so a search reads a stored vector instead of parsing each matching text again. On
    SQLite it stays empty: FTS5 has its own table. Derived data: not in history, not in
    archive files.
    """

    derived = True

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("null", True)
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)


# The same document as search_vector(), in SQL, for the trigger that keeps it.
CONFIG_SQL = (
    "CASE WHEN {row}.language = 'ru' THEN 'russian'::regconfig ELSE 'english'::regconfig END"
)
DOCUMENT_SQL = (
    "setweight(to_tsvector({config}, coalesce({row}.title, '')), 'A') || "
    "setweight(to_tsvector({config}, "
    "coalesce({row}.lead, '') || ' ' || coalesce({row}.text, '')), 'B')"
)


def document_sql(row):
    return DOCUMENT_SQL.format(config=CONFIG_SQL.format(row=row), row=row)


DOCUMENT_TRIGGER = [
    "CREATE OR REPLACE FUNCTION news_newsitem_document() RETURNS trigger AS $$ BEGIN "
    f"NEW.search_document := {document_sql('NEW')}; RETURN NEW; END $$ LANGUAGE plpgsql",
    "CREATE TRIGGER news_newsitem_document "
    f"BEFORE INSERT OR UPDATE OF title, lead, text, language ON {NEWS_TABLE} "
    "FOR EACH ROW EXECUTE FUNCTION news_newsitem_document()",
    f"UPDATE {NEWS_TABLE} SET search_document = {document_sql(NEWS_TABLE)}",
]
DROP_DOCUMENT_TRIGGER = [
    f"DROP TRIGGER IF EXISTS news_newsitem_document ON {NEWS_TABLE}",
    "DROP FUNCTION IF EXISTS news_newsitem_document()",
]


def keep_document(apps, schema_editor):
    """Create the trigger that writes each item's search document, and write them all."""
    if schema_editor.connection.vendor == "postgresql":
        for statement in DOCUMENT_TRIGGER:
            schema_editor.execute(statement, params=None)


def drop_document(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in DROP_DOCUMENT_TRIGGER:
            schema_editor.execute(statement, params=None)


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


# A search ranks and counts at most this many matches, the newest; past it the count is
# an estimate and the older matches follow by date.
SEARCH_CAP = 1000


class BoundedSearch:
    """The matches of a search for a list page, at a cost that does not grow with them.

    A common word matches half the archive: ranking or counting every match reads tens of
    thousands of rows. Instead the newest SEARCH_CAP matches are read (keys and dates, by
    the date index), ranked by relevance in one query, and listed first; older matches
    follow newest first. Up to SEARCH_CAP matches, order and count are exact (every match
    is ranked); past it the count is estimated from how far back in the list, searched
    without the words, the newest SEARCH_CAP matches reach (`exact` says which).
    """

    def __init__(self, matches, query, without_words, *, total=None):
        self.matches = matches.order_by("-published_on", "-id")
        self.query = query
        # The list without the words, and a cheaper count of it when there is one.
        self.without_words = without_words.order_by().values("pk")
        self.total = total or self.without_words.count

    @cached_property
    def newest(self):
        """(pk, date) of the newest matches, one more than are ranked, to tell if any are left."""
        return list(self.matches.values_list("pk", "published_on")[: SEARCH_CAP + 1])

    @property
    def exact(self):
        return len(self.newest) <= SEARCH_CAP

    @cached_property
    def ranked(self):
        """Keys of the newest matches, most relevant first, the newest first among equals."""
        keys = [pk for pk, _date in self.newest[:SEARCH_CAP]]
        if not keys:
            return []
        order = {pk: n for n, pk in enumerate(keys)}  # by date, newest first
        model = self.matches.model
        ranked = rank_news(model._default_manager.filter(pk__in=keys), self.query)
        relevance = dict(ranked.order_by().values_list("pk", "relevance"))
        return sorted(keys, key=lambda pk: (-(relevance.get(pk) or 0), order[pk]))

    def count(self):
        if self.exact:
            return len(self.newest)
        pk, date = self.newest[SEARCH_CAP - 1]
        # The newest SEARCH_CAP matches are among the newest `reach` items of the list.
        # A range on the date first, so the list's (status, date) index bounds the count.
        newer = Q(published_on__gte=date) & ~Q(published_on=date, pk__lt=pk)
        reach = self.without_words.filter(newer).count()
        total = self.total()
        return round_estimate(SEARCH_CAP * total / max(reach, SEARCH_CAP))

    def ids(self, bottom, top):
        """Keys of the matches from position `bottom` to `top` in this order."""
        keys = self.ranked[bottom:top]
        if top > SEARCH_CAP and not self.exact:
            pk, date = self.newest[SEARCH_CAP - 1]
            older = self.matches.filter(Q(published_on__lt=date) | Q(published_on=date, pk__lt=pk))
            start = max(bottom - SEARCH_CAP, 0)
            keys += list(older.values_list("pk", flat=True)[start : top - SEARCH_CAP])
        return keys


def round_estimate(number):
    """Round an estimate to two significant digits: 54,321 is about 54,000."""
    number = int(number)
    if number < 100:
        return number
    scale = 10 ** (len(str(number)) - 2)
    return round(number / scale) * scale
