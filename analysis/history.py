"""The history of a plan year's analysis: every saved change to every part, newest first, with
who, when, and each text before and after (plans/history.py's way of telling changes)."""

from dataclasses import dataclass

from analysis.models import FocusAreaAnalysis, GoalAnalysis, UnitComment, YearAnalysis
from analysis.parts import KINDS
from plans.editing import who_saved
from plans.history import ACTIONS, SYSTEM, Entry, field_changes


@dataclass
class PartEntry(Entry):
    part: str = ""


def _records(plan, year):
    """(model, fields, records, name of the part) for every kind, with related rows joined."""
    where = {"year": year}
    return [
        (YearAnalysis, KINDS["overall"].fields,
         YearAnalysis.history.filter(plan=plan, **where),
         lambda r: "Året i korthet"),
        (FocusAreaAnalysis, KINDS["focus_area"].fields,
         FocusAreaAnalysis.history.filter(focus_area__plan=plan, **where)
         .select_related("focus_area"),
         lambda r: f"Fokusområde {r.focus_area.number}: {r.focus_area.title}"),
        (GoalAnalysis, KINDS["goal"].fields,
         GoalAnalysis.history.filter(goal__focus_area__plan=plan, **where).select_related("goal"),
         lambda r: f"Mål {r.goal.code} {r.goal.title}"),
        (UnitComment, KINDS["unit_comment"].fields,
         UnitComment.history.filter(goal__focus_area__plan=plan, **where)
         .select_related("goal", "org_unit"),
         lambda r: f"{r.org_unit.name}s kommentar till mål {r.goal.code}"),
    ]  # fmt: skip


def entries(plan, year) -> list[PartEntry]:
    """Newest first; each entry says what changed compared with the part's record before it."""
    result = []
    for model, names, records, name in _records(plan, year):
        previous_of: dict[int, object] = {}
        for record in records.select_related("history_user").order_by("history_date", "pk"):
            previous = previous_of.get(record.id)
            changes = field_changes(model, record, previous, names)
            if changes:
                result.append(
                    PartEntry(record.history_date, who_saved(record, SYSTEM),
                              ACTIONS[record.history_type], record.history_change_reason or "",
                              changes, record, part=name(record))
                )  # fmt: skip
            previous_of[record.id] = record
    return sorted(result, key=lambda e: e.when, reverse=True)
