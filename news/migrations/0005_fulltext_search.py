"""Full-text search: a GIN index on PostgreSQL, an FTS5 table kept by triggers on SQLite."""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.expressions
import django.db.models.functions.comparison
import django.db.models.functions.text
from django.conf import settings
from django.db import migrations, models

from cstoarchive.migration_ops import AddIndexOnPostgres

FTS = "news_newsitem_fts"
SQLITE_FORWARDS = [
    f"CREATE VIRTUAL TABLE {FTS} USING fts5(title, lead, text, content='news_newsitem', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    f"CREATE TRIGGER {FTS}_insert AFTER INSERT ON news_newsitem BEGIN "
    f"INSERT INTO {FTS}(rowid, title, lead, text) VALUES (new.id, new.title, new.lead, new.text); END",
    f"CREATE TRIGGER {FTS}_delete AFTER DELETE ON news_newsitem BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, title, lead, text) "
    "VALUES ('delete', old.id, old.title, old.lead, old.text); END",
    f"CREATE TRIGGER {FTS}_update AFTER UPDATE OF title, lead, text ON news_newsitem BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, title, lead, text) "
    "VALUES ('delete', old.id, old.title, old.lead, old.text); "
    f"INSERT INTO {FTS}(rowid, title, lead, text) VALUES (new.id, new.title, new.lead, new.text); END",
    f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')",
]
SQLITE_BACKWARDS = [
    f"DROP TRIGGER IF EXISTS {FTS}_{event}" for event in ("insert", "delete", "update")
] + [f"DROP TABLE IF EXISTS {FTS}"]


def run_on_sqlite(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):

    dependencies = [
        ('news', '0004_content_hash'),
        ('people', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        AddIndexOnPostgres(
            model_name='newsitem',
            index=django.contrib.postgres.indexes.GinIndex(django.db.models.expressions.CombinedExpression(models.Func(models.Func(models.Case(models.When(language='ru', then=django.contrib.postgres.search.SearchConfig(models.Value('russian'))), default=django.contrib.postgres.search.SearchConfig(models.Value('english')), output_field=models.TextField()), django.db.models.functions.comparison.Coalesce(models.F('title'), models.Value(''), output_field=models.TextField()), function='to_tsvector', output_field=django.contrib.postgres.search.SearchVectorField()), models.Value('A'), function='setweight', output_field=django.contrib.postgres.search.SearchVectorField()), '||', models.Func(models.Func(models.Case(models.When(language='ru', then=django.contrib.postgres.search.SearchConfig(models.Value('russian'))), default=django.contrib.postgres.search.SearchConfig(models.Value('english')), output_field=models.TextField()), django.db.models.functions.text.Concat(django.db.models.functions.comparison.Coalesce(models.F('lead'), models.Value(''), output_field=models.TextField()), models.Value(' '), django.db.models.functions.comparison.Coalesce(models.F('text'), models.Value(''), output_field=models.TextField()), output_field=models.TextField()), function='to_tsvector', output_field=django.contrib.postgres.search.SearchVectorField()), models.Value('B'), function='setweight', output_field=django.contrib.postgres.search.SearchVectorField()), output_field=django.contrib.postgres.search.SearchVectorField()), name='newsitem_search_idx'),
        ),
        migrations.RunPython(run_on_sqlite(SQLITE_FORWARDS), run_on_sqlite(SQLITE_BACKWARDS)),
    ]
