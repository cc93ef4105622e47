"""Saving edits without lost updates, and what stands in the way of deleting something.

Each edited row carries `version`. A save locks the row, compares the version the user's form
was built from with the current one and refuses a stale save: the user is shown, field by field,
what the other person changed and what they themselves typed. Nothing is overwritten.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count

from plans import display


@dataclass
class FieldChange:
    label: str
    when_opened: str
    current: str
    yours: str


@dataclass
class Conflict:
    who: str
    when: object
    changes: list[FieldChange]
    current_version: int


def who_saved(record, unknown: str = "någon annan") -> str:
    user = getattr(record, "history_user", None)
    if user is None:
        return unknown
    return user.get_full_name() or user.username


def submitted_version(form) -> int | None:
    try:
        return int(form.data.get("version", ""))
    except (TypeError, ValueError):
        return None


def snapshot(obj, names) -> dict[str, str]:
    model = type(obj)
    return {n: display.of_record(obj, model, n) for n in names}


def _yours(form, name) -> str:
    model = form._meta.model
    if form.is_bound and name in getattr(form, "cleaned_data", {}):
        return display.of_field(model, name, form.cleaned_data[name])
    value = form[name].value()
    return display.of_field(model, name, value if not isinstance(value, list) else [])


def conflict(obj, form, current: dict[str, str]) -> Conflict | None:
    """None when the form was built from the current version, else what changed since."""
    version = submitted_version(form)
    if version is None or version == obj.version:
        return None
    model = type(obj)
    names = [n for n in form.fields if n in current]
    opened = obj.history.filter(version=version).order_by("-history_date").first()
    latest = obj.history.select_related("history_user").order_by("-history_date").first()
    form.is_valid()  # only to show the user's own values readably; nothing is saved
    changes = []
    for name in names:
        before = display.of_record(opened, model, name) if opened else None
        if before is None or before != current[name]:
            changes.append(
                FieldChange(display.label(model, name), before or "–", current[name],
                            _yours(form, name))
            )  # fmt: skip
    return Conflict(
        who_saved(latest), latest.history_date if latest else None, changes, obj.version
    )


def save_versioned(form, change_reason: str = ""):
    """Save a valid form over a locked row: one history record with the fields and m2m."""
    obj = form.save(commit=False)
    obj.version += 1
    if change_reason:
        obj._change_reason = change_reason
    with transaction.atomic():
        if not form._meta.model._meta.many_to_many:
            obj.save()
            return obj
        # m2m signals would add one history record per change: record fields and m2m once.
        obj.skip_history_when_saving = True
        obj.save()
        form.save_m2m()
        del obj.skip_history_when_saving
        obj.save(update_fields=["version"])
    return obj


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def delete_blockers(obj) -> list[str]:
    """Why `obj` may not be deleted, in Swedish; empty when it may (after confirmation)."""
    from plans.models import Activity, FocusArea, Goal, KeyFigure

    goals = Goal.objects.none()
    if isinstance(obj, FocusArea):
        goals = Goal.objects.filter(focus_area=obj)
    elif isinstance(obj, Goal):
        goals = Goal.objects.filter(pk=obj.pk)
    figures = KeyFigure.objects.filter(goal__in=goals)
    activities = Activity.objects.filter(goal__in=goals)
    if isinstance(obj, KeyFigure):
        figures = KeyFigure.objects.filter(pk=obj.pk)
    elif isinstance(obj, Activity):
        activities = Activity.objects.filter(pk=obj.pk)
    reasons = []
    for figure in figures.annotate(count=Count("values")).filter(count__gt=0):
        values = _count(figure.count, "rapporterat värde", "rapporterade värden")
        reasons.append(
            f"Nyckeltalet ”{figure.name}” har {values}. Värden tas aldrig bort: ändra "
            "nyckeltalet i stället, eller låt det stå kvar."
        )
    for activity in activities.annotate(count=Count("follow_ups")).filter(count__gt=0):
        count = activity.count
        reasons.append(
            f"Aktivitet {activity.code} har {_count(count, 'uppföljning', 'uppföljningar')}. "
            "Uppföljningar tas aldrig bort: "
            "ändra aktiviteten i stället, eller låt den stå kvar."
        )
    for sharing in Goal.objects.filter(shares_with__in=goals).exclude(pk__in=goals):
        reasons.append(
            f"Mål {sharing.code} hänvisar hit (”Se mål”). Ta bort hänvisningen i mål "
            f"{sharing.code} först."
        )
    return reasons


def set_responsible(activity, names: list[str]) -> None:
    """The activity's "Ansvar" in the given order; new names become actors of the plan."""
    from plans.models import Actor, Responsibility

    plan_id = activity.goal.focus_area.plan_id
    existing = {r.actor.name: r for r in activity.responsibilities.select_related("actor")}
    for name, responsibility in existing.items():
        if name not in names:
            responsibility.delete()
    for position, name in enumerate(names):
        responsibility = existing.get(name)
        if responsibility is None:
            actor, _ = Actor.objects.get_or_create(plan_id=plan_id, name=name)
            Responsibility.objects.create(activity=activity, actor=actor, position=position)
        elif responsibility.position != position:
            responsibility.position = position
            responsibility.save(update_fields=["position"])
