"""A whole year for one unit on one page: every period's grid, saved together, submitted together.

So an area group can report its year in one sitting. Each period keeps its own report, deadline
and lock; periods that are locked for the user are shown read-only.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render

from accounts.areas import current_area
from indicators import workflow
from indicators.entry import ReportLocked, StaleSave, load_rows, save_rows, submit_problems
from indicators.models import Submission
from indicators.reporting import ensure_reporting
from indicators.services import actor_for, today, transition, visible_unit
from indicators.status import unit_year_values
from indicators.texts import saved_message
from plans.selectors import current_plan


def _groups(unit, year, user, data=None):
    plan = current_plan(unit.collaboration_area)
    if plan is None or not plan.first_year <= year <= plan.last_year:
        raise Http404("Året ingår inte i planen.")
    found = ensure_reporting(plan)
    periods = sorted(
        (p for p in found.periods_for(unit) if p.end.year == year), key=lambda p: (p.end, p.kind)
    )
    submissions = {
        s.period_id: s for s in Submission.objects.filter(org_unit=unit, period__in=periods)
    }
    actor = actor_for(user, unit)
    groups = []
    for period in periods:
        submission = submissions[period.pk]
        editable = workflow.can_edit(submission.status, period.deadline, today(), actor)
        figures = found.figures_for(unit, period)
        rows = load_rows(unit, period, figures, data if editable else None, f"p{period.pk}-")
        groups.append(
            {
                "period": period,
                "submission": submission,
                "figures": figures,
                "rows": rows,
                "editable": editable,
                "lock_reason": workflow.lock_reason(
                    submission.status, period.deadline, today(), actor
                ),
            }
        )
    values = unit_year_values(plan, found, unit, [year])
    return plan, groups, actor, values


def year_entry(request, code: str, year: int):
    unit = visible_unit(request.user, code, current_area(request))
    data = request.POST if request.method == "POST" else None
    plan, groups, actor, values = _groups(unit, year, request.user, data)
    status = 200
    if request.method == "POST":
        if not actor.may_report:
            raise PermissionDenied("Du får inte rapportera för den här enheten.")
        editable = [g for g in groups if g["editable"]]
        if not all(row.form.is_valid() for g in editable for row in g["rows"]):
            messages.error(
                request, "Några värden behöver rättas. Se markeringarna. Inget sparades."
            )
            status = 422
        else:
            try:
                changed = _save_all(unit, editable, request.user, actor)
            except (StaleSave, ReportLocked) as error:
                messages.error(request, str(error))
                plan, groups, actor, values = _groups(unit, year, request.user)
                status = 409
            else:
                messages.success(request, saved_message(changed))
                if "skicka_in" in request.POST:
                    _submit_finished(request, editable)
                return redirect("indicators:year", code=unit.code, year=year)
    context = {
        "unit": unit, "year": year, "plan": plan, "groups": groups, "actor": actor,
        "year_values": values, "year_list": [year],
    }  # fmt: skip
    return render(request, "indicators/year_entry.html", context, status=status)


@transaction.atomic
def _save_all(unit, groups, user, actor) -> int:
    return sum(save_rows(unit, g["period"], g["rows"], user, actor) for g in groups)


def _submit_finished(request, groups):
    """Submit every period that has ended and is complete; say which ones still lack something."""
    sent, waiting = [], []
    for group in groups:
        period = group["period"]
        if not workflow.has_ended(period.end, today()):
            continue
        rows = load_rows(group["submission"].org_unit, period, group["figures"])
        if submit_problems(rows):
            waiting.append(period.label)
            continue
        try:
            transition(group["submission"], workflow.SUBMIT, request.user, "", group["figures"])
        except workflow.TransitionError as error:
            waiting.append(f"{period.label} ({error})")
        else:
            sent.append(period.label)
    if sent:
        messages.success(request, "Inskickat: " + ", ".join(sent) + ".")
    if waiting:
        messages.warning(
            request, "Inte inskickat, något saknas eller är fel: " + ", ".join(waiting) + "."
        )
