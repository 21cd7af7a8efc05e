"""Database functions the archive needs beyond Django's own."""

from django.db.models import Func, IntegerField


class Year(Func):
    """The year of a date, computed by the database's own C code.

    Django's ExtractYear calls a Python function for every row on SQLite, which makes a
    facet over 100,000 items ten times slower.
    """

    function = "EXTRACT"
    template = "EXTRACT(YEAR FROM %(expressions)s)"
    output_field = IntegerField()

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(
            compiler, connection, template="CAST(strftime('%%%%Y', %(expressions)s) AS INTEGER)"
        )
