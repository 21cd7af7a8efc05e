"""Migration operations that touch only one kind of database."""

from django.db import migrations


class AddIndexOnPostgres(migrations.AddIndex):
    """Add an index (a GIN text-search index, say) on PostgreSQL; elsewhere only record it."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)
