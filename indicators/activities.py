"""Activity follow-up: which activities a unit follows up, and saving their status per year.

A municipality follows up the activities whose "följs upp av" or "ansvar" names a group found in
every municipality (närområdesgrupperna, de lokala grupperna) or a group tied to that
municipality; the whole area (the process leader) follows up every activity, stored without a
unit.
"""

from django.db import transaction
from django.db.models import Prefetch

from indicators.entry import StaleSave, content_changed
from indicators.forms import FollowUpForm
from indicators.models import ActivityFollowUp, Period
from indicators.periods import periods_for
from indicators.reporting import is_municipal_group
from organisation.models import OrgUnit
from plans.models import Activity, Responsibility


def plan_activities(plan):
    return (
        Activity.objects.filter(goal__focus_area__plan=plan)
        .select_related("goal__focus_area", "followed_up_by")
        .prefetch_related(
            Prefetch("responsibilities", queryset=Responsibility.objects.select_related("actor"))
        )
        .order_by("goal__focus_area__number", "goal__sort_key", "sort_key")
    )


def follows_up(activity, unit) -> bool:
    if unit.kind == OrgUnit.Kind.AREA:
        return True
    actors = [r.actor for r in activity.responsibilities.all()]
    if activity.followed_up_by is not None:
        actors.append(activity.followed_up_by)
    return any(is_municipal_group(a) or a.org_unit_id == unit.pk for a in actors)


def activities_for(plan, unit) -> list:
    return [a for a in plan_activities(plan) if follows_up(a, unit)]


def year_period(plan, year: int) -> Period:
    (spec,) = periods_for("year", [year])
    period, _ = Period.objects.get_or_create(
        plan=plan, kind="year", start=spec.start,
        defaults={"end": spec.end, "deadline": spec.deadline},
    )  # fmt: skip
    return period


def stored_unit(unit):
    """Follow-up for the whole area is stored without a unit (ActivityFollowUp.org_unit)."""
    return None if unit.kind == OrgUnit.Kind.AREA else unit


def load(plan, unit, period, data=None):
    activities = activities_for(plan, unit)
    existing = {
        f.activity_id: f
        for f in ActivityFollowUp.objects.filter(period=period, org_unit=stored_unit(unit))
    }
    rows = []
    for activity in activities:
        current = existing.get(activity.pk)
        initial = (
            {"status": current.status, "comment": current.comment, "version": current.version}
            if current
            else {"version": 0}
        )
        prefix = f"a{activity.pk}"
        # Rows absent from the POST stay as they are (a partial form changes only what it holds).
        bound = data if data is not None and f"{prefix}-status" in data else None
        form = FollowUpForm(bound, prefix=prefix, initial=initial)
        rows.append({"activity": activity, "current": current, "form": form})
    return rows


@transaction.atomic
def save(unit, period, rows, user) -> int:
    changed = [r for r in rows if r["form"].is_bound and content_changed(r["form"])]
    locked = {
        f.activity_id: f
        for f in ActivityFollowUp.objects.select_for_update().filter(
            period=period, org_unit=stored_unit(unit), activity__in=[r["activity"] for r in changed]
        )
    }
    stale = [
        r["activity"].code
        for r in changed
        if (locked[r["activity"].pk].version if r["activity"].pk in locked else 0)
        != (r["form"].cleaned_data.get("version") or 0)
    ]
    if stale:
        raise StaleSave(stale)
    for r in changed:
        follow_up = locked.get(r["activity"].pk) or ActivityFollowUp(
            activity=r["activity"], period=period, org_unit=stored_unit(unit), version=0
        )
        follow_up.status = r["form"].cleaned_data["status"]
        follow_up.comment = r["form"].cleaned_data["comment"]
        follow_up.version += 1
        follow_up.updated_by = user
        follow_up.save()
    return len(changed)
