"""Queries that load a plan's structure in a fixed number of SQL queries, however large it is."""

import functools

from django.db.models import Prefetch
from django.db.models.expressions import RawSQL

from plans.models import Activity, Actor, FocusArea, Goal, Plan, Responsibility
from simba.caching import change_token_sql, history_sources


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


@functools.cache
def _plan_history_tables():
    from indicators.models import KeyFigure

    return history_sources(Plan, Actor, FocusArea, Goal, Activity, Responsibility, KeyFigure)


def plans_with_content_version():
    """Plans annotated with `content_version`, which moves with every saved change of any plan's
    content, so the plan page can be cached server-side and never shown from before a change
    (simba/caching.py). Fetched with the plan: no extra query."""
    return Plan.objects.annotate(
        content_version=RawSQL(change_token_sql(*_plan_history_tables()), [])
    )
