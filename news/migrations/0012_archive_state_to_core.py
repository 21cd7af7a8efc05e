# ArchiveState is core's now (core.0001_initial): forget it here, keeping its table and row.

from django.db import migrations


def relabel(old, new):
    """Let the model's content type (and any permission on it) follow the model."""

    def run(apps, schema_editor):
        content_type = apps.get_model("contenttypes", "ContentType")
        types = content_type.objects.using(schema_editor.connection.alias)
        if not types.filter(app_label=new, model="archivestate").exists():
            types.filter(app_label=old, model="archivestate").update(app_label=new)

    return run


class Migration(migrations.Migration):

    dependencies = [
        ("news", "0011_text_limits_and_web_urls"),
        ("core", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ArchiveState")],
            database_operations=[],
        ),
        migrations.RunPython(relabel("news", "core"), relabel("core", "news")),
    ]
