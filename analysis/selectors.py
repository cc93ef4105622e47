"""A plan year's analysis texts, read in a fixed number of queries for the pages and the
snapshot."""

from collections import defaultdict

from analysis.models import FocusAreaAnalysis, GoalAnalysis, UnitComment, YearAnalysis
from analysis.parts import KINDS, Part
from plans.models import FocusArea


def comments_by_goal(plan, year) -> dict[int, list[UnitComment]]:
    """Non-empty comments per goal id, municipalities in name order."""
    found = defaultdict(list)
    comments = (
        UnitComment.objects.filter(goal__focus_area__plan=plan, year=year)
        .exclude(text="")
        .select_related("org_unit")
        .order_by("org_unit__name")
    )
    for comment in comments:
        found[comment.goal_id].append(comment)
    return found


def focus_areas(plan):
    return FocusArea.objects.filter(plan=plan).prefetch_related("goals")


def year_structure(plan, year) -> dict:
    """The overall part and every focus area and goal with its part, saved row and comments."""
    overall = Part(KINDS["overall"], plan, year)
    fa_rows = {
        r.focus_area_id: r
        for r in FocusAreaAnalysis.objects.filter(focus_area__plan=plan, year=year)
    }
    goal_rows = {
        r.goal_id: r for r in GoalAnalysis.objects.filter(goal__focus_area__plan=plan, year=year)
    }
    comments = comments_by_goal(plan, year)
    result = []
    for fa in focus_areas(plan):
        fa_part = Part(KINDS["focus_area"], plan, year, focus_area=fa)
        goals = []
        for goal in fa.goals.all():
            part = Part(KINDS["goal"], plan, year, goal=goal)
            goals.append({"goal": goal, "part": part, "comments": comments.get(goal.pk, []),
                          "row": goal_rows.get(goal.pk) or part.new_row()})  # fmt: skip
        result.append({"focus_area": fa, "part": fa_part, "goals": goals,
                       "row": fa_rows.get(fa.pk) or fa_part.new_row()})  # fmt: skip
    overall_row = YearAnalysis.objects.filter(plan=plan, year=year).first() or overall.new_row()
    return {"overall": {"part": overall, "row": overall_row}, "focus_areas": result}


def unit_structure(plan, year, unit) -> list[dict]:
    """Every goal of the plan with the unit's comment part and saved row, by focus area."""
    saved = UnitComment.objects.filter(goal__focus_area__plan=plan, year=year, org_unit=unit)
    rows = {c.goal_id: c for c in saved}
    result = []
    for fa in focus_areas(plan):
        goals = []
        for goal in fa.goals.all():
            part = Part(KINDS["unit_comment"], plan, year, goal=goal, unit=unit)
            goals.append({"goal": goal, "part": part, "row": rows.get(goal.pk) or part.new_row()})
        result.append({"focus_area": fa, "goals": goals})
    return result
