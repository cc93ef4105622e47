from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from accounts import roles
from plans.models import Plan
from plans.selectors import focus_areas_with_structure


@require_safe
@login_not_required
def home(request):
    """The current plan: the newest adopted one, else the newest draft.

    Anonymous visitors get it only when it is public; everyone else goes to log in.
    """
    plans = Plan.objects.exclude(status=Plan.Status.ARCHIVED)
    plan = plans.filter(status=Plan.Status.ADOPTED).first() or plans.first()
    if not request.user.is_authenticated and not (plan and plan.is_public):
        return redirect_to_login(request.get_full_path())
    if plan is None:
        return render(request, "plans/no_plan.html")
    if roles.org_unit_of(request.user) is not None:
        return redirect("indicators:my_reports")  # area groups start with what they must report
    return redirect("plans:detail", pk=plan.pk)


@require_safe
@login_not_required
def plan_detail(request, pk: int):
    """The whole plan as the document shows it; readable without log-in when marked public."""
    plan = get_object_or_404(Plan, pk=pk)
    if not roles.can_read_plan(request.user, plan):
        return redirect_to_login(request.get_full_path())
    focus_areas = list(focus_areas_with_structure(plan))
    context = {
        "plan": plan,
        "focus_areas": focus_areas,
        "can_edit": roles.can_edit_plan(request.user, plan),
        "can_see_history": roles.can_see_history(request.user, plan),
    }
    return render(request, "plans/plan_detail.html", context)
