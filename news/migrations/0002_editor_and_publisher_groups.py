"""Create the Editors and Publishers groups with their permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

NEWS_MODELS = ["newsitem", "statement"]
PEOPLE_MODELS = ["body", "official", "position", "memberstate", "membershipevent", "chairmanship"]

GROUPS = {
    "Editors": (
        [f"news.{action}_{model}" for model in NEWS_MODELS for action in ("add", "change", "view")]
        + [f"people.view_{model}" for model in PEOPLE_MODELS]
    ),
    "Publishers": (
        [
            f"news.{action}_{model}"
            for model in NEWS_MODELS
            for action in ("add", "change", "delete", "view", "publish")
        ]
        + [
            f"people.{action}_{model}"
            for model in PEOPLE_MODELS
            for action in ("add", "change", "delete", "view")
        ]
    ),
}


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, perms in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for perm in perms:
            app_label, codename = perm.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("news", "0001_initial"),
        ("people", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
