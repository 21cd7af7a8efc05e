"""Covering indexes for counts through the links of news items."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('news', '0007_translation_index'),
        ('people', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # The link tables, read from the linked body, official or state towards the items:
        # a covering index each, so a count never reads the link rows themselves.
        *(
            migrations.RunSQL(
                f"CREATE INDEX {name} ON news_newsitem_{table} ({column}, newsitem_id)",
                f"DROP INDEX {name}",
            )
            for name, table, column in [
                ("newsitem_bodies_by_body_idx", "bodies", "body_id"),
                ("newsitem_officials_by_official_idx", "officials", "official_id"),
                ("newsitem_states_by_state_idx", "states", "memberstate_id"),
            ]
        ),
        migrations.AddIndex(
            model_name='newsitem',
            index=models.Index(fields=['id', 'status'], name='newsitem_id_status_idx'),
        ),
    ]
