"""Queries that load a plan's structure in a fixed number of SQL queries, however large it is."""

from datetime import date

from django.db import connection
from django.db.models import Prefetch
from django.utils import timezone

from plans.content_version import VERSIONS
from plans.models import Activity, FocusArea, Goal, KeyFigure, Plan, Responsibility


def current_plan(area, today: date | None = None) -> Plan | None:
    """The plan an area works with now (start page, follow-up, overview, reports): the adopted
    plan whose years cover today, else the newest adopted one, else the newest draft. A draft
    made with "Skapa nästa plan" therefore never takes over while an adopted plan exists."""
    year = (today or timezone.localdate()).year
    # One query (a handful of plans at most), chosen in Python: every page asks for it.
    plans = list(
        Plan.objects.filter(collaboration_area=area)
        .exclude(status=Plan.Status.ARCHIVED)
        .order_by("-first_year", "pk")
    )
    adopted = [p for p in plans if p.status == Plan.Status.ADOPTED]
    covering = [p for p in adopted if p.first_year <= year <= p.last_year]
    return next(iter(covering or adopted or plans), None)


def focus_areas_with_structure(plan: Plan):
    """Focus areas → goals → key figures and activities with their responsible actors."""
    key_figures = KeyFigure.objects.select_related("followed_up_by").prefetch_related("reported_to")
    activities = Activity.objects.select_related("followed_up_by").prefetch_related(
        Prefetch("responsibilities", queryset=Responsibility.objects.select_related("actor"))
    )
    goals = Goal.objects.select_related("shares_with").prefetch_related(
        Prefetch("key_figures", queryset=key_figures),
        Prefetch("activities", queryset=activities),
    )
    return FocusArea.objects.filter(plan=plan).prefetch_related(Prefetch("goals", queryset=goals))


def plan_with_content_version(pk: int) -> Plan | None:
    """The plan with its `content_version` (plans/content_version.py), which the database moves
    with every change of this plan's content, so the plan page can be cached server-side per plan
    and never shown from before a change; None for a plan without one (not cached then). One
    indexed lookup, written out and read into the model directly: building it with the ORM cost
    three times as much Python as running it. The plan's columns need no conversion from what
    the database driver returns (tests/plans/test_plan_page_cache.py compares every field with
    the ORM's)."""
    fields = Plan._meta.concrete_fields
    qn = connection.ops.quote_name
    pk_column = qn(Plan._meta.pk.column)
    sql = (f"SELECT {', '.join('p.' + qn(f.column) for f in fields)}, v.version "
           f"FROM {qn(Plan._meta.db_table)} p LEFT JOIN {VERSIONS} v ON v.plan_id = p.{pk_column} "
           f"WHERE p.{pk_column} = %s")  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute(sql, [pk])
        row = cursor.fetchone()
    if row is None:
        return None
    plan = Plan.from_db(connection.alias, [f.attname for f in fields], row[:-1])
    plan.content_version = row[-1]
    return plan
