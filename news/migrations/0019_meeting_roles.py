"""Give the Editors and Publishers groups their rights on meetings and documents.

Editors see them (to link a news item or statement to its meeting); Publishers, who keep
the reference records, also add, change and delete them.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MEETING_MODELS = ["meeting", "meetingabsence", "document", "documentevent"]

GROUPS = {
    "Editors": [f"people.view_{model}" for model in MEETING_MODELS],
    "Publishers": [
        f"people.{action}_{model}"
        for model in MEETING_MODELS
        for action in ("add", "change", "delete", "view")
    ],
}


def grant(apps, schema_editor):
    grant_groups(apps, GROUPS)


def revoke(apps, schema_editor):
    revoke_groups(apps, GROUPS)


def grant_groups(apps, groups):
    """Add each group's permissions, creating the permissions first if need be."""
    # Permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, perms in groups.items():
        group, _ = Group.objects.get_or_create(name=name)
        for perm in perms:
            app_label, codename = perm.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def revoke_groups(apps, groups):
    """Take each group's permissions listed away again."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, perms in groups.items():
        for group in Group.objects.filter(name=name):
            codenames = [perm.split(".")[1] for perm in perms]
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label="people", codename__in=codenames)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0018_review"),
        ("people", "0005_meetings_and_documents"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
