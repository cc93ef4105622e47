"""The content of the project's own tables, for asserting that a refused write changed nothing.

`snapshot()` reads every row of every table of the project's apps (history tables included), so
a test compares before and after without having to guess which table a bug would touch. Apps
added later are picked up by name through `PROJECT_APPS` (an app that is not installed is
skipped). Sessions, log-in attempts and Django's own tables are left out: logging in writes them.
"""

from django.apps import apps
from django.db import connection

PROJECT_APPS = (
    "organisation", "accounts", "plans", "indicators", "analysis", "reports", "publication",
)  # fmt: skip


def tables() -> list[str]:
    found = []
    for label in PROJECT_APPS:
        config = apps.app_configs.get(label)
        if config is None:
            continue
        for model in config.get_models(include_auto_created=True):
            if model._meta.managed and not model._meta.proxy:
                found.append(model._meta.db_table)
    return sorted(set(found))


def snapshot() -> dict[str, list[tuple]]:
    """Every row of every project table, ordered, as plain tuples.

    Ordered in Python by the whole row: the first column is not unique in every table (a history
    table's first column is the tracked row's id, once per change), and rows that tie on it come
    back in whatever order the database's plan gives, which would read as a change."""
    state = {}
    with connection.cursor() as cursor:
        for table in tables():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            state[table] = sorted((tuple(row) for row in cursor.fetchall()), key=repr)
    return state


def changes(before: dict, after: dict) -> dict[str, str]:
    """What differs between two snapshots, per table, in words short enough for an assert."""
    found = {}
    for table in sorted(set(before) | set(after)):
        old, new = before.get(table, []), after.get(table, [])
        if old != new:
            added = [r for r in new if r not in old]
            removed = [r for r in old if r not in new]
            found[table] = f"+{added[:2]} -{removed[:2]}"
    return found


class Unchanged:
    """`with Unchanged(): client.post(...)` fails when the block changed any project table."""

    def __enter__(self):
        self.before = snapshot()
        return self

    def __exit__(self, kind, value, traceback):
        if kind is None:
            diff = changes(self.before, snapshot())
            assert not diff, f"the database changed: {diff}"
        return False
