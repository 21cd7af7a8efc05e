# A stored search document per item on PostgreSQL, kept by a trigger and indexed, in place
# of the index on an expression: searches then read the vector instead of parsing texts.

from django.conf import settings
from django.db import migrations

import news.fulltext


class Migration(migrations.Migration):

    dependencies = [
        ('news', '0012_archive_state_to_core'),
        ('people', '0002_text_limits_and_web_urls'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='newsitem',
            name='search_document',
            field=news.fulltext.SearchDocumentField(editable=False, help_text='Written by PostgreSQL from the title, lead and text; empty on SQLite.', null=True, verbose_name='search document'),
        ),
        # Written for every item before the index is built, once.
        migrations.RunPython(news.fulltext.keep_document, news.fulltext.drop_document),
        migrations.RemoveIndex(
            model_name='newsitem',
            name='newsitem_search_idx',
        ),
        migrations.AddIndex(
            model_name='newsitem',
            index=news.fulltext.PostgresGinIndex(fields=['search_document'], name='newsitem_document_idx'),
        ),
    ]
