"""Migration operations that differ by database vendor."""

from typing import Any

from django.db import migrations
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import ProjectState


class RunSQLPerVendor(migrations.RunSQL):
    """RunSQL with a separate statement list per vendor ('postgresql', 'sqlite', …).

    Used where the database itself must enforce something Django cannot express portably:
    triggers that make the audit trail append-only, trigram indexes for name search.
    """

    def __init__(self, sql: dict[str, list[str]], reverse_sql: dict[str, list[str]] | None = None):
        self.sql_per_vendor = sql
        self.reverse_per_vendor = reverse_sql or {}
        super().__init__(sql=[], reverse_sql=[])

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        return (
            self.__class__.__qualname__,
            [],
            {"sql": self.sql_per_vendor, "reverse_sql": self.reverse_per_vendor},
        )

    def database_forwards(
        self,
        app_label: str,
        schema_editor: BaseDatabaseSchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        for stmt in self.sql_per_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(stmt, params=None)

    def database_backwards(
        self,
        app_label: str,
        schema_editor: BaseDatabaseSchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        for stmt in self.reverse_per_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(stmt, params=None)


def append_only_sql(table: str) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Triggers that refuse UPDATE and DELETE on `table`, on PostgreSQL and SQLite.

    The statements are idempotent, so `pastikan_append_only` can re-run them after every
    `migrate` or `flush` (post_migrate)."""
    fn = f"{table}_append_only"
    pg = [
        f"""CREATE OR REPLACE FUNCTION {fn}() RETURNS trigger AS $$
        BEGIN RAISE EXCEPTION 'Riwayat tidak dapat diubah atau dihapus ({table})'; END;
        $$ LANGUAGE plpgsql""",
        f"CREATE OR REPLACE TRIGGER {fn}_upd BEFORE UPDATE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {fn}()",
        f"CREATE OR REPLACE TRIGGER {fn}_del BEFORE DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {fn}()",
    ]
    lite = [
        f"""CREATE TRIGGER IF NOT EXISTS {fn}_upd BEFORE UPDATE ON {table}
        BEGIN SELECT RAISE(ABORT, 'Riwayat tidak dapat diubah atau dihapus ({table})'); END""",
        f"""CREATE TRIGGER IF NOT EXISTS {fn}_del BEFORE DELETE ON {table}
        BEGIN SELECT RAISE(ABORT, 'Riwayat tidak dapat diubah atau dihapus ({table})'); END""",
    ]
    rev_pg = [
        f"DROP TRIGGER IF EXISTS {fn}_upd ON {table}",
        f"DROP TRIGGER IF EXISTS {fn}_del ON {table}",
        f"DROP FUNCTION IF EXISTS {fn}()",
    ]
    rev_lite = [f"DROP TRIGGER IF EXISTS {fn}_upd", f"DROP TRIGGER IF EXISTS {fn}_del"]
    return {"postgresql": pg, "sqlite": lite}, {"postgresql": rev_pg, "sqlite": rev_lite}


def pastikan_append_only(connection: BaseDatabaseWrapper, table: str) -> None:
    """(Re)create the append-only triggers; safe to call any number of times."""
    sql, _ = append_only_sql(table)
    with connection.cursor() as cursor:
        for stmt in sql.get(connection.vendor, []):
            cursor.execute(stmt)


def lepas_append_only(connection: BaseDatabaseWrapper, table: str) -> None:
    """Drop the triggers. Only for the test suite's database flush between transactional
    tests on SQLite (PostgreSQL flushes with TRUNCATE, which row triggers do not see)."""
    _, reverse = append_only_sql(table)
    with connection.cursor() as cursor:
        for stmt in reverse.get(connection.vendor, []):
            cursor.execute(stmt)
