"""One access helper per object type: 404 for what a user may not know of, 403 for what they
may see but not change. Built on accounts/roles.py."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts import roles
from plans.models import Activity, FocusArea, Goal, KeyFigure, Plan


def plan_of(obj) -> Plan:
    if isinstance(obj, Plan):
        return obj
    if isinstance(obj, FocusArea):
        return obj.plan
    if isinstance(obj, Goal):
        return obj.focus_area.plan
    if isinstance(obj, Activity):
        return obj.goal.focus_area.plan
    return obj.goal.focus_area.plan  # a key figure


def plan_in_reach(user, pk: int) -> Plan:
    """A plan of an area the user reaches, public or not: 404 for another area's (not theirs to
    know of). For pages about the plan's work (reports, analysis, publishing), which a public
    plan does not open to other areas."""
    plan = get_object_or_404(Plan, pk=pk)
    if not roles.may_reach_area(user, plan.collaboration_area_id):
        raise Http404("Planen finns inte.")
    return plan


def _readable(user, obj):
    if not roles.can_read_plan(user, plan_of(obj)):
        raise Http404
    return obj


def _editable(user, obj):
    _readable(user, obj)
    plan = plan_of(obj)
    if not roles.may_reach_area(user, plan.collaboration_area_id):
        raise Http404  # a public plan of another area: readable, but not theirs to handle
    if not roles.can_edit_plan(user, plan):
        raise PermissionDenied("Bara processledaren kan ändra planen.")
    return obj


def _history(user, obj):
    if not roles.can_see_history(user, plan_of(obj)):
        raise Http404
    return obj


def _key_figures():

    return KeyFigure.objects.select_related("goal__focus_area__plan")


QUERYSETS = {
    "plan": lambda: Plan.objects.all(),
    "focus_area": lambda: FocusArea.objects.select_related("plan"),
    "goal": lambda: Goal.objects.select_related("focus_area__plan"),
    "activity": lambda: Activity.objects.select_related("goal__focus_area__plan"),
    "key_figure": _key_figures,
}


def for_editing(user, kind: str, pk: int):
    return _editable(user, get_object_or_404(QUERYSETS[kind](), pk=pk))


def for_reading(user, kind: str, pk: int):
    return _readable(user, get_object_or_404(QUERYSETS[kind](), pk=pk))


def for_history(user, kind: str, pk: int):
    return _history(user, get_object_or_404(QUERYSETS[kind](), pk=pk))
