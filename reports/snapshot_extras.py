"""Data the deck and the full report need beside the snapshot's figures, kept apart from
reports/snapshot.py's value and status rules (which belong to the "one truth" work).

`target_values(plan)`: each comparison target's threshold as a number, so that a chart can draw
the target line for figures that have no per-period chart. Keyed "<goal code>|<figure name>".
"""

from plans.models import KeyFigure


def figure_key(goal_code: str, figure_name: str) -> str:
    return f"{goal_code}|{figure_name}"


def target_values(plan) -> dict[str, float]:
    rows = (
        KeyFigure.objects.filter(goal__focus_area__plan=plan, target_kind="comparison")
        .exclude(target_threshold=None)
        .exclude(value_kind="yes_no")
        .values_list("goal__code", "name", "target_threshold")
    )
    return {figure_key(code, name): float(threshold) for code, name, threshold in rows}
