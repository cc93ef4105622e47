"""Queries that load a plan's structure in a fixed number of SQL queries, however large it is."""

from django.db.models import Prefetch

from plans.models import Activity, FocusArea, Goal, Plan, Responsibility


def focus_areas_with_structure(plan: Plan):
    """Focus areas → goals → key figures and activities with their responsible actors."""
    from indicators.models import KeyFigure

    key_figures = KeyFigure.objects.select_related("followed_up_by").prefetch_related("reported_to")
    activities = Activity.objects.select_related("followed_up_by").prefetch_related(
        Prefetch("responsibilities", queryset=Responsibility.objects.select_related("actor"))
    )
    goals = Goal.objects.select_related("shares_with").prefetch_related(
        Prefetch("key_figures", queryset=key_figures),
        Prefetch("activities", queryset=activities),
    )
    return FocusArea.objects.filter(plan=plan).prefetch_related(Prefetch("goals", queryset=goals))
