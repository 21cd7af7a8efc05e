"""Give the Editors and Publishers groups their rights on seat exceptions, like bodies'."""

from importlib import import_module

from django.db import migrations

roles = import_module("news.migrations.0019_meeting_roles")

GROUPS = {
    "Editors": ["people.view_seatexception"],
    "Publishers": [
        f"people.{action}_seatexception" for action in ("add", "change", "delete", "view")
    ],
}


def grant(apps, schema_editor):
    roles.grant_groups(apps, GROUPS)


def revoke(apps, schema_editor):
    roles.revoke_groups(apps, GROUPS)


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0019_meeting_roles"),
        ("people", "0006_seat_exceptions"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
