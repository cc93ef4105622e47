"""The "Historik" of a goal, activity or key figure: who, when, what before, what after; and
restoring an earlier version's text (the restore is itself a new history record)."""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import formats, timezone

from plans import display
from plans.editing import who_saved

SYSTEM = "systemet (inläsning eller kopiering av planen)"
ACTIONS = {"+": "Skapad", "~": "Ändrad", "-": "Borttagen"}

# What "restore" brings back: the texts and the target, never the place in the plan.
RESTORABLE = {
    "Goal": ["title", "background", "measurement_method", "reporting"],
    "Activity": ["text", "follow_up"],
    "KeyFigure": [
        "name", "plan_text", "value_kind", "has_fraction", "target_kind", "target_operator",
        "target_threshold", "target_direction", "target_note", "reporting_level", "frequency",
        "year_basis", "as_of_month", "as_of_day", "data_source", "measurement_method", "note",
        "reporting_frequency", "reported_to",
    ],
}  # fmt: skip
SHOWN_EXTRA = {"Goal": ["code", "shares_with"], "Activity": ["code", "followed_up_by"],
               "KeyFigure": ["code", "followed_up_by"]}  # fmt: skip


def shown_fields(model) -> list[str]:
    return SHOWN_EXTRA[model.__name__] + RESTORABLE[model.__name__]


@dataclass
class Change:
    label: str
    before: str
    after: str


@dataclass
class Entry:
    when: object
    who: str
    action: str
    reason: str
    changes: list[Change] = field(default_factory=list)
    record: object = None
    restorable: bool = False


def field_changes(model, record, previous, names) -> list[Change]:
    if previous is None:
        return [
            Change(display.label(model, n), "", value)
            for n in names
            if (value := display.of_record(record, model, n)) != display.EMPTY
        ]
    delta = record.diff_against(previous, included_fields=names)
    return [
        Change(
            display.label(model, c.field),
            display.of_record(previous, model, c.field),
            display.of_record(record, model, c.field),
        )
        for c in sorted(delta.changes, key=lambda c: names.index(c.field))
    ]


def entries(obj) -> list[Entry]:
    """Newest first. Each entry says what changed compared with the record before it."""
    model = type(obj)
    names = shown_fields(model)
    restorable = RESTORABLE[model.__name__]
    current = display_state(obj, restorable)
    records = list(obj.history.select_related("history_user").order_by("history_date", "pk"))
    result, previous = [], None
    for record in records:
        changes = field_changes(model, record, previous, names)
        if changes or previous is None or record.history_change_reason:
            result.append(
                Entry(
                    record.history_date, who_saved(record, SYSTEM), ACTIONS[record.history_type],
                    record.history_change_reason or "", changes, record,
                    restorable=record is not records[-1]
                    and display_state(record, restorable, model) != current,
                )
            )  # fmt: skip
        previous = record
    if model.__name__ == "Activity":
        result += _responsibility_entries(obj)
    return sorted(result, key=lambda e: e.when, reverse=True)


def display_state(record, names, model=None) -> dict[str, str]:
    model = model or type(record)
    return {n: display.of_record(record, model, n) for n in names}


def _responsibility_entries(activity) -> list[Entry]:
    from plans.models import Actor, Responsibility

    records = list(
        Responsibility.history.filter(activity_id=activity.pk).select_related("history_user")
    )
    names = dict(
        Actor.objects.filter(pk__in=[r.actor_id for r in records]).values_list("pk", "name")
    )
    result = []
    for r in records:
        if r.history_type == "~":
            continue  # only the order changed; the activity's own entry says enough
        name = names.get(r.actor_id, "(borttagen aktör)")
        before, after = ("", name) if r.history_type == "+" else (name, "")
        result.append(
            Entry(r.history_date, who_saved(r, SYSTEM), "Ändrat ansvar",
                  r.history_change_reason or "", [Change("Ansvar", before, after)])
        )  # fmt: skip
    return result


class StaleRestore(Exception):
    pass


def restore(obj, record, version: int | None):
    """Bring back `record`'s texts onto `obj`; refused when `obj` changed since the page was
    shown (`version`), like any other stale save."""
    model = type(obj)
    names = RESTORABLE[model.__name__]
    with transaction.atomic():
        obj = model.objects.select_for_update().get(pk=obj.pk)
        if version != obj.version:
            raise StaleRestore(
                "Någon har ändrat uppgiften sedan du öppnade historiken. Sidan visar nu den "
                "senaste historiken; välj version igen om du fortfarande vill återställa."
            )
        when = formats.date_format(timezone.localtime(record.history_date), "j F Y H:i")
        obj._change_reason = f"Återställd till versionen från {when}"
        obj.version += 1
        m2m = [n for n in names if n == "reported_to"]
        for name in names:
            if name not in m2m:
                setattr(obj, model._meta.get_field(name).attname,
                        getattr(record, model._meta.get_field(name).attname))  # fmt: skip
        if not m2m:
            obj.save()
            return obj
        obj.skip_history_when_saving = True
        obj.save()
        actors = [row.actor_id for row in record.reported_to.all()]
        obj.reported_to.set(obj.goal.focus_area.plan.actors.filter(pk__in=actors))
        del obj.skip_history_when_saving
        obj.save(update_fields=["version"])
    return obj
