from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_safe

from accounts import roles
from accounts.areas import current_area
from organisation.models import CollaborationArea
from plans.selectors import current_plan, focus_areas_with_structure, plan_with_content_version
from simba import shell
from simba.caching import VersionedCache, cache_key

# A few plans × the four ways a role sees one (about 50 kB each) per process.
PLAN_BODIES = VersionedCache(size=32)


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
    plan = plan_with_content_version(pk)
    if plan is None:
        raise Http404
    if not roles.can_read_plan(request.user, plan):
        if request.user.is_authenticated:
            raise Http404("Planen finns inte.")  # another area's: not theirs to know of
        return redirect_to_login(request.get_full_path())
    return shell.page(request, f"{plan.title} {plan.period_label}", _plan_body(request, plan))


def _plan_body(request, plan) -> str:
    """The page's content, cached per plan and its content version (read after the access check)
    and per what the role sees: the edit link, history links, analysis links."""
    user = request.user
    shown = {
        "can_edit": roles.can_edit_plan(user, plan),
        "can_see_history": roles.can_see_history(user, plan),
        "signed_in": user.is_authenticated,
    }
    key = cache_key("plan-page", plan.pk, plan.content_version, plan.status, plan.is_public,
                    *shown.values())  # fmt: skip
    body = PLAN_BODIES.get(key) if plan.content_version is not None else None
    if body is None:
        context = {"plan": plan, "focus_areas": focus_areas_with_structure(plan), **shown}
        body = render_to_string("plans/plan_body.html", context, request)
        if plan.content_version is not None:
            PLAN_BODIES.set(key, body)
    return body
