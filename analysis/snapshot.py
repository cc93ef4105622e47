"""The analysis texts of a plan year as plain JSON, frozen into the report's snapshot.

Shape (read by the report, the deck and the public pages; keep it):
    {"overall": str,
     "focus_areas": {"<number>": {"analysis": str, "next_steps": str}},
     "goals": {"<code>": {"analysis": str, "next_steps": str,
                          "unit_comments": [{"unit": str, "unit_code": str, "text": str}]}}}
Focus areas and goals appear only when they have some text, in the plan's order; the three top
keys always do. Four queries, however large the plan.
"""

from analysis.models import FocusAreaAnalysis, GoalAnalysis, UnitComment, YearAnalysis


def analysis_for(plan, year: int) -> dict:
    overall = YearAnalysis.objects.filter(plan=plan, year=year).first()
    focus_areas = {}
    fa_rows = FocusAreaAnalysis.objects.filter(focus_area__plan=plan, year=year)
    for row in fa_rows.select_related("focus_area").order_by("focus_area__number"):
        if row.analysis or row.next_steps:
            focus_areas[str(row.focus_area.number)] = {
                "analysis": row.analysis, "next_steps": row.next_steps,
            }  # fmt: skip
    goals: dict = {}
    order = {}
    in_plan = {"goal__focus_area__plan": plan, "year": year}
    for row in GoalAnalysis.objects.filter(**in_plan).select_related("goal__focus_area"):
        if row.analysis or row.next_steps:
            entry = _entry(goals, order, row.goal)
            entry["analysis"], entry["next_steps"] = row.analysis, row.next_steps
    comments = UnitComment.objects.filter(**in_plan).exclude(text="")
    for c in comments.select_related("goal__focus_area", "org_unit").order_by("org_unit__name"):
        _entry(goals, order, c.goal)["unit_comments"].append(
            {"unit": c.org_unit.name, "unit_code": c.org_unit.code, "text": c.text}
        )
    return {"overall": overall.overall if overall else "", "focus_areas": focus_areas,
            "goals": {code: goals[code] for code in sorted(goals, key=order.get)}}  # fmt: skip


def _entry(goals: dict, order: dict, goal) -> dict:
    if goal.code not in goals:
        goals[goal.code] = {"analysis": "", "next_steps": "", "unit_comments": []}
        order[goal.code] = (goal.focus_area.number, goal.sort_key)
    return goals[goal.code]
