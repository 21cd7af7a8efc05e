"""Case-insensitive substring search that also works for Cyrillic on SQLite.

SQLite's LIKE and LOWER() fold ASCII only, so "совет" would miss "Совет". The `searchable`
transform lowers text and folds ё into е; on SQLite it calls a Python function registered on
each new connection, elsewhere the database's own LOWER and REPLACE.
"""

from functools import reduce
from operator import or_

from django.db.backends.signals import connection_created
from django.db.models import CharField, Q, TextField, Transform
from django.dispatch import receiver

SQLITE_FUNCTION = "archive_fold"


def fold(text):
    """Lower-case and fold ё into е, as the database side does."""
    return text.lower().replace("ё", "е")


class Searchable(Transform):
    lookup_name = "searchable"

    def as_sql(self, compiler, connection):
        sql, params = compiler.compile(self.lhs)
        return f"REPLACE(LOWER({sql}), 'ё', 'е')", params

    def as_sqlite(self, compiler, connection):
        sql, params = compiler.compile(self.lhs)
        return f"{SQLITE_FUNCTION}({sql})", params


CharField.register_lookup(Searchable)
TextField.register_lookup(Searchable)


@receiver(connection_created)
def register_sqlite_function(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            SQLITE_FUNCTION, 1, lambda value: fold(value) if value else value, deterministic=True
        )


def text_query(query, fields):
    """Return a Q that matches rows where every word of the query occurs in one of the fields."""
    words = fold(query).split()
    return reduce(
        lambda acc, word: (
            acc & reduce(or_, (Q(**{f"{f}__searchable__contains": word}) for f in fields))
        ),
        words,
        Q(),
    )
