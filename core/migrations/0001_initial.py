# ArchiveState moves here from the news app. Its table (news_archivestate) and its row stay
# as they are: this migration only tells Django's state that the model is core's now.

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        # The table exists from that migration on, in a new database as in an old one.
        ("news", "0011_text_limits_and_web_urls"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ArchiveState",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("version", models.PositiveBigIntegerField(default=0)),
                        ("changed_at", models.DateTimeField(default=django.utils.timezone.now)),
                    ],
                    options={
                        "verbose_name": "archive state",
                        "db_table": "news_archivestate",
                        "constraints": [
                            models.CheckConstraint(condition=models.Q(("pk", 1)), name="archivestate_single_row")
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
