from django.shortcuts import get_object_or_404, redirect, render

from accounts.roles import org_unit_of
from plans.models import Plan
from plans.selectors import focus_areas_with_structure
from plans.tables import ActivityTable, KeyFigureTable


def home(request):
    """The first page: the current plan (the newest), or the list when there are several drafts."""
    plan = Plan.objects.exclude(status=Plan.Status.ARCHIVED).first()
    if plan is not None and org_unit_of(request.user) is not None:
        return redirect("indicators:my_reports")  # area groups start with what they must report
    if plan is None:
        return render(request, "plans/no_plan.html")
    return redirect("plans:detail", pk=plan.pk)


def plan_detail(request, pk: int):
    plan = get_object_or_404(Plan, pk=pk)
    focus_areas = list(focus_areas_with_structure(plan))
    for focus_area in focus_areas:
        for goal in focus_area.goals.all():
            goal.key_figure_table = KeyFigureTable(goal.key_figures.all())
            goal.activity_table = ActivityTable(goal.activities.all())
    return render(request, "plans/plan_detail.html", {"plan": plan, "focus_areas": focus_areas})
