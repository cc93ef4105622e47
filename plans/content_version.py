"""Each plan's content version: a number that moves with every change of what the plan page shows,
so that the page can be cached per plan and version (plans/views/reading.py) and read in one
indexed lookup with the plan row (plans/selectors.py `plan_with_content_version`).

The database moves it, not Python: a trigger on every table of the plan's content (the plan, its
actors, focus areas, goals, activities, responsibilities, key figures and the key figures'
"redovisas till") sets the version of each plan a written row belongs to, or is shown on, to a
number never handed out before (PostgreSQL: a sequence; SQLite: a random 64-bit number), in the
same statement as the write. So every way of writing moves it: the editor, deletes, imports and
bulk inserts (which send no signals), the admin, management commands, history reverts, queryset
`update()`, fixtures and raw SQL; a rolled-back write takes its move with it, and no number is
used twice, even after a rollback. A writer holds its plan's version row until it commits, so the
version readers see changes exactly when the content they see does.

`TO_PLAN` says how a row of each table finds its plan (foreign keys up to `Plan`); `SHOWN_ON`
which other rows show a row's text (a responsibility shows its actor's name, a goal the goal it
"shares" with), so that their plans move too should they belong to another plan. A new table of
plan content belongs in `TO_PLAN` (tests/plans/test_content_version.py fails until it is).

The triggers are (re)installed after every `migrate` (`PlansConfig.ready`): idempotent, and on
SQLite a migration that rebuilds a table drops that table's triggers.
"""

from django.db.backends.base.base import BaseDatabaseWrapper

VERSIONS = "plans_plancontentversion"
SEQUENCE = "plans_content_version_seq"
_NEXT = {"postgresql": f"nextval('{SEQUENCE}')", "sqlite": "random()"}

# Table (model label; an automatic many-to-many table as "<model>_<field>") → paths of foreign
# keys from its row to the plan ("" for the plan itself).
TO_PLAN = {
    "plans.Plan": [""],
    "plans.Actor": ["plan"],
    "plans.FocusArea": ["plan"],
    "plans.Goal": ["focus_area__plan"],
    "plans.Activity": ["goal__focus_area__plan"],
    "plans.KeyFigure": ["goal__focus_area__plan"],
    "plans.Responsibility": ["activity__goal__focus_area__plan", "actor__plan"],
    "plans.KeyFigure_reported_to": ["keyfigure__goal__focus_area__plan", "actor__plan"],
}
# Table → (table whose rows show its text, that table's foreign key to it).
SHOWN_ON = {
    "plans.Actor": [
        ("plans.Responsibility", "actor"),
        ("plans.Activity", "followed_up_by"),
        ("plans.KeyFigure", "followed_up_by"),
        ("plans.KeyFigure_reported_to", "actor"),
    ],
    "plans.Goal": [("plans.Goal", "shares_with")],
}


def model_of(apps, label: str):
    """The model of a `TO_PLAN` label, also an automatic many-to-many table's."""
    app_label, _, name = label.partition(".")
    model_name, _, m2m = name.partition("_")
    model = apps.get_model(app_label, model_name)
    if m2m:
        field_name = name[len(model_name) + 1 :]
        return model._meta.get_field(field_name).remote_field.through
    return model


def _plan_of(apps, qn, model, path: str, row: str) -> str:
    """SQL for the plan id of `row` (NEW, OLD or an alias) of `model` along `path`."""
    if not path:
        return f"{row}.{qn(model._meta.pk.column)}"
    names = path.split("__")
    field = model._meta.get_field(names[0])
    expression = f"{row}.{qn(field.column)}"
    target = field.related_model
    for name in names[1:]:
        field = target._meta.get_field(name)
        expression = (f"(SELECT {qn(field.column)} FROM {qn(target._meta.db_table)} "
                      f"WHERE {qn(target._meta.pk.column)} = {expression})")  # fmt: skip
        target = field.related_model
    if target._meta.label != "plans.Plan":
        raise ValueError(f"{model._meta.label}: {path} does not lead to the plan")
    return expression


def _plans_of(apps, qn, label: str, row: str, to_plan, shown_on) -> list[str]:
    model = model_of(apps, label)
    plans = [_plan_of(apps, qn, model, path, row) for path in to_plan[label]]
    for other_label, field_name in shown_on.get(label, []):
        other = model_of(apps, other_label)
        column = qn(other._meta.get_field(field_name).column)
        for path in to_plan[other_label]:
            plan = _plan_of(apps, qn, other, path, "shown")
            plans.append(f"(SELECT {plan} FROM {qn(other._meta.db_table)} shown "
                         f"WHERE shown.{column} = {row}.{qn(model._meta.pk.column)})")  # fmt: skip
    return plans


def _bump(vendor: str, plans: list[str]) -> str:
    wanted = " OR ".join(f"plan_id IN {p}" if p.startswith("(SELECT") else f"plan_id = {p}"
                         for p in plans)  # fmt: skip
    return f"UPDATE {VERSIONS} SET version = {_NEXT[vendor]} WHERE {wanted}"


def trigger_names(apps, to_plan=None) -> list[tuple[str, str]]:
    """(table, trigger) for every trigger `install` makes."""
    names = []
    for label in to_plan or TO_PLAN:
        table = model_of(apps, label)._meta.db_table
        names += [(table, f"{table}_content_version")]
        names += [(table, f"{table}_content_version_{event}") for event in ("ins", "upd", "del")]
    return names


def install(connection: BaseDatabaseWrapper, apps, to_plan=None, shown_on=None) -> None:
    """Creates (or replaces) the version triggers on every table of `to_plan` (default
    `TO_PLAN`, with `SHOWN_ON`), with the models of `apps` (a migration's or the project's)."""
    to_plan = to_plan or TO_PLAN
    shown_on = SHOWN_ON if shown_on is None else shown_on
    vendor, qn = connection.vendor, connection.ops.quote_name
    if vendor not in _NEXT:
        raise NotImplementedError(f"plan content versions on {vendor}")
    statements = []
    if vendor == "postgresql":
        statements.append(f"CREATE SEQUENCE IF NOT EXISTS {SEQUENCE}")
    for label in to_plan:
        table = model_of(apps, label)._meta.db_table
        old = _plans_of(apps, qn, label, "OLD", to_plan, shown_on)
        new = _plans_of(apps, qn, label, "NEW", to_plan, shown_on)
        is_plan = label == "plans.Plan"
        create = (f"INSERT INTO {VERSIONS} (plan_id, version) "
                  f"VALUES (NEW.{qn('id')}, {_NEXT[vendor]})")  # fmt: skip
        if vendor == "postgresql":
            function = f"{table}_moves_content_version"
            on_insert = create if is_plan else _bump(vendor, new)
            statements += [
                f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$ "
                f"BEGIN "
                f"IF TG_OP = 'INSERT' THEN {on_insert}; "
                f"ELSIF TG_OP = 'UPDATE' THEN {_bump(vendor, old + new)}; "
                f"ELSE {_bump(vendor, old)}; END IF; "
                f"RETURN NULL; END $$",
                f"DROP TRIGGER IF EXISTS {table}_content_version ON {qn(table)}",
                f"CREATE TRIGGER {table}_content_version AFTER INSERT OR UPDATE OR DELETE "
                f"ON {qn(table)} FOR EACH ROW EXECUTE FUNCTION {function}()",
            ]
        else:
            events = {"ins": ("INSERT", create if is_plan else _bump(vendor, new)),
                      "upd": ("UPDATE", _bump(vendor, old + new)),
                      "del": ("DELETE", _bump(vendor, old))}  # fmt: skip
            for suffix, (event, body) in events.items():
                name = f"{table}_content_version_{suffix}"
                statements += [
                    f"DROP TRIGGER IF EXISTS {name}",
                    f"CREATE TRIGGER {name} AFTER {event} ON {qn(table)} FOR EACH ROW "
                    f"BEGIN {body}; END",
                ]
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def uninstall(connection: BaseDatabaseWrapper, apps, to_plan=None) -> None:
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table, name in trigger_names(apps, to_plan):
            if connection.vendor == "postgresql":
                cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {qn(table)}")
            else:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
        if connection.vendor == "postgresql":
            for label in to_plan or TO_PLAN:
                table = model_of(apps, label)._meta.db_table
                cursor.execute(f"DROP FUNCTION IF EXISTS {table}_moves_content_version()")


def fill(connection: BaseDatabaseWrapper) -> None:
    """A version for every plan without one (the plans from before versions)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {VERSIONS} (plan_id, version) SELECT id, {_NEXT[connection.vendor]} "
            f"FROM plans_plan WHERE id NOT IN (SELECT plan_id FROM {VERSIONS})"
        )
