from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from accounts import roles
from accounts.areas import current_area
from organisation.models import CollaborationArea
from plans.selectors import current_plan, focus_areas_with_structure, plans_with_content_version


@require_safe
@login_not_required
def home(request):
    """The current plan (`current_plan`) of the user's area. Anonymous visitors get it only when
    the installation serves one area and the plan is public (else: log in, or /insyn/)."""
    if request.user.is_authenticated:
        plan = current_plan(current_area(request))
    else:
        areas = list(CollaborationArea.objects.all()[:2])
        plan = current_plan(areas[0]) if len(areas) == 1 else None
        if not (plan and plan.is_public):
            return redirect_to_login(request.get_full_path())
    if plan is None:
        context = {"can_import": roles.is_process_leader(request.user)}
        return render(request, "plans/no_plan.html", context)
    if roles.org_unit_of(request.user) is not None:
        return redirect("indicators:my_reports")  # area groups start with what they must report
    return redirect("plans:detail", pk=plan.pk)


@require_safe
@login_not_required
def plan_detail(request, pk: int):
    """The whole plan as the document shows it; readable without log-in when marked public."""
    plan = get_object_or_404(plans_with_content_version(), pk=pk)
    if not roles.can_read_plan(request.user, plan):
        if request.user.is_authenticated:
            raise Http404("Planen finns inte.")  # another area's: not theirs to know of
        return redirect_to_login(request.get_full_path())
    context = {
        "plan": plan,
        # Lazy: read only when the cached page body is missing (templates/plans/plan_detail.html).
        "focus_areas": focus_areas_with_structure(plan),
        "can_edit": roles.can_edit_plan(request.user, plan),
        "can_see_history": roles.can_see_history(request.user, plan),
    }
    return render(request, "plans/plan_detail.html", context)
