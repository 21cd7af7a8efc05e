"""Full-text search: a GIN index on PostgreSQL, an FTS5 table kept by triggers on SQLite."""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.expressions
import django.db.models.functions.comparison
import django.db.models.functions.text
from django.conf import settings
from django.db import migrations, models

from core.migration_ops import AddIndexOnPostgres
from news.fulltext import drop_sqlite_index, ensure_sqlite_index


def create_sqlite_index(apps, schema_editor):
    ensure_sqlite_index(schema_editor.connection)


def remove_sqlite_index(apps, schema_editor):
    drop_sqlite_index(schema_editor.connection)


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
        migrations.RunPython(create_sqlite_index, remove_sqlite_index),
    ]
