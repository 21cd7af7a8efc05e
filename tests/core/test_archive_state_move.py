"""ArchiveState moved from news to core without touching its table: a database made before
the move migrates forward with the same version, on SQLite and PostgreSQL alike."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from core.models import ArchiveState

BEFORE_THE_MOVE = [("news", "0011_text_limits_and_web_urls"), ("core", None)]


def tables_created_by_unapplied_migrations():
    """The tables that the migrations not applied yet create with a CreateModel of their
    own; the move's CreateModel sits inside SeparateDatabaseAndState and creates none."""
    from django.db.migrations.operations import CreateModel

    loader = MigrationExecutor(connection).loader
    before = set(loader.applied_migrations)
    created = set()
    for key, migration in loader.graph.nodes.items():
        if key in before:
            continue
        for operation in migration.operations:
            if isinstance(operation, CreateModel):
                model = loader.project_state().apps.get_model(key[0], operation.name)
                created.add(model._meta.db_table)
    return created


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    return executor.migrate(targets).apps


@pytest.mark.django_db(transaction=True)
def test_a_database_from_before_the_move_keeps_its_version_and_content_type():
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    old_apps = migrate(BEFORE_THE_MOVE)
    old_state = old_apps.get_model("news", "ArchiveState")
    old_state.objects.update_or_create(pk=1, defaults={"version": 4242})
    content_type = old_apps.get_model("contenttypes", "ContentType")
    content_type.objects.filter(app_label="core", model="archivestate").delete()
    moved = content_type.objects.get_or_create(app_label="news", model="archivestate")[0]
    tables_before = set(connection.introspection.table_names())
    expected = tables_created_by_unapplied_migrations()

    migrate(leaves)

    assert ArchiveState.version_now() == 4242
    assert ArchiveState.objects.get().version == 4242
    # The move itself adds and drops no table; only later migrations' tables are new.
    added = set(connection.introspection.table_names()) - tables_before
    assert tables_before <= set(connection.introspection.table_names())
    assert ArchiveState._meta.db_table not in added
    assert added == expected
    moved = content_type.objects.get(pk=moved.pk)
    assert (moved.app_label, moved.model) == ("core", "archivestate")
