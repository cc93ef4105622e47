"""The analysis texts of a plan year as plain JSON, frozen into the report's snapshot.

Shape (read by the report, the deck and the public pages; keep it):
    {"overall": str,
     "focus_areas": {"<number>": {"analysis": str, "next_steps": str}},
     "goals": {"<code>": {"analysis": str, "next_steps": str,
                          "unit_comments": [{"unit": str, "unit_code": str, "text": str}]}}}
Focus areas and goals appear only when they have some text; the three top keys always do.
"""

from analysis.models import FocusAreaAnalysis, GoalAnalysis, YearAnalysis
from analysis.selectors import comments_by_goal
from plans.models import Goal


def analysis_for(plan, year: int) -> dict:
    overall = YearAnalysis.objects.filter(plan=plan, year=year).first()
    focus_areas = {}
    for row in FocusAreaAnalysis.objects.filter(focus_area__plan=plan, year=year).select_related(
        "focus_area"
    ):
        if row.analysis or row.next_steps:
            focus_areas[str(row.focus_area.number)] = {
                "analysis": row.analysis, "next_steps": row.next_steps,
            }  # fmt: skip
    comments = comments_by_goal(plan, year)
    texts = {
        row.goal_id: row
        for row in GoalAnalysis.objects.filter(goal__focus_area__plan=plan, year=year)
    }
    goals = {}
    for goal_id, code in _goal_codes(plan):
        row, unit_comments = texts.get(goal_id), comments.get(goal_id, [])
        if not (row and (row.analysis or row.next_steps)) and not unit_comments:
            continue
        goals[code] = {
            "analysis": row.analysis if row else "",
            "next_steps": row.next_steps if row else "",
            "unit_comments": [
                {"unit": c.org_unit.name, "unit_code": c.org_unit.code, "text": c.text}
                for c in unit_comments
            ],
        }
    return {"overall": overall.overall if overall else "", "focus_areas": focus_areas,
            "goals": goals}  # fmt: skip


def _goal_codes(plan):
    goals = Goal.objects.filter(focus_area__plan=plan).order_by("focus_area__number", "sort_key")
    return goals.values_list("pk", "code")
