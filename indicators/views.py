"""Follow-up pages: what a unit must report, the entry grid, transitions, history, activities."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from accounts import roles
from accounts.areas import current_area
from indicators import workflow
from indicators.entry import ReportLocked, StaleSave, load_rows, save_rows
from indicators.forms import ReasonForm
from indicators.history import describe_changes
from indicators.models import Submission, Value
from indicators.reporting import ensure_reporting
from indicators.services import (
    STATUS_SYMBOLS,
    SubmitBlocked,
    actor_for,
    display_status,
    report_for,
    today,
    transition,
    visible_unit,
)
from indicators.status import unit_year_values
from indicators.texts import saved_message
from plans.selectors import current_plan


@require_safe
def my_reports(request):
    """Where an area group starts: its own unit's list; others go to the overview."""
    unit = roles.org_unit_of(request.user)
    if unit is not None:
        return redirect("indicators:unit", code=unit.code)
    return redirect("indicators:overview")


@require_safe
def unit_reports(request, code: str):
    """ "What must I report, and by when?": every period of the unit, oldest open first."""
    unit = visible_unit(request.user, code, current_area(request))
    plan = current_plan(unit.collaboration_area)
    if plan is None:
        raise Http404("Ingen handlingsplan finns.")
    found = ensure_reporting(plan)
    periods = found.periods_for(unit)
    submissions = {
        s.period_id: s for s in Submission.objects.filter(org_unit=unit, period__in=periods)
    }
    filled = dict(
        Value.objects.filter(org_unit=unit, period__in=periods)
        .values("period_id")
        .annotate(n=Count("id"))
        .values_list("period_id", "n")
    )
    now = today()
    items = []
    for period in periods:
        submission = submissions[period.pk]
        status = display_status(submission, filled.get(period.pk, 0))
        items.append(
            {
                "period": period,
                "submission": submission,
                "status": status,
                "symbol": STATUS_SYMBOLS[status],
                "figures": found.figures_for(unit, period),
                "filled": filled.get(period.pk, 0),
                "overdue": period.deadline < now,
            }
        )
    open_ = [i for i in items if i["submission"].status in workflow.EDITABLE]
    # A period is open for reporting from its last day: the month that ends today is "now".
    ended = [i for i in open_ if workflow.has_ended(i["period"].end, now)]
    due = sorted(ended, key=lambda i: i["period"].deadline)
    coming = [i for i in open_ if not workflow.has_ended(i["period"].end, now)]
    done = [i for i in items if i["submission"].status not in workflow.EDITABLE]
    figures = sorted(
        {kf for i in items for kf in i["figures"]},
        key=lambda kf: (kf.goal.focus_area.number, kf.goal.sort_key, kf.position, kf.pk),
    )
    context = {
        "unit": unit,
        "plan": plan,
        "due": due,
        "coming": coming,
        "done": done,
        "figures": figures,
        "years": list(plan.years),
        "may_report": roles.can_report_for(request.user, unit),
        "year_values": unit_year_values(plan, found, unit, list(plan.years)),
    }
    return render(request, "indicators/unit_reports.html", context)


def _next_open(unit, period, plan):
    """The next report this unit still has to fill in, for "Spara och gå till nästa"."""
    found = ensure_reporting(plan)
    now = today()
    candidates = [
        p for p in found.periods_for(unit) if workflow.has_ended(p.end, now) and p.pk != period.pk
    ]
    open_ids = set(
        Submission.objects.filter(
            org_unit=unit, period__in=candidates, status__in=workflow.EDITABLE
        ).values_list("period_id", flat=True)
    )
    ordered = sorted((p for p in candidates if p.pk in open_ids), key=lambda p: p.deadline)
    return ordered[0] if ordered else None


def entry(request, code: str, period_pk: int):
    unit, period, submission, figures = report_for(request.user, code, period_pk)
    actor = actor_for(request.user, unit)
    editable = workflow.can_edit(submission.status, period.deadline, today(), actor)
    if request.method == "POST":
        refusal = ""
        if not actor.may_report:
            refusal = "Du får inte rapportera för den här enheten."
        elif not editable:
            refusal = workflow.lock_reason(submission.status, period.deadline, today(), actor)
        if refusal and request.htmx and request.POST.get("rad"):
            return _refused_row(request, unit, period, figures, refusal)
        if not actor.may_report:
            raise PermissionDenied(refusal)
        if not editable:
            messages.error(
                request,
                workflow.lock_reason(submission.status, period.deadline, today(), actor),
            )
            return redirect("indicators:entry", code=unit.code, period_pk=period.pk)
        return _save(request, unit, period, submission, figures)
    rows = load_rows(unit, period, figures)
    return _render_grid(request, unit, period, submission, rows, editable, actor)


def _render_grid(request, unit, period, submission, rows, editable, actor, status=200):
    context = {
        "unit": unit,
        "period": period,
        "submission": submission,
        "rows": rows,
        "editable": editable,
        "lock_reason": workflow.lock_reason(submission.status, period.deadline, today(), actor),
        "is_process_leader": actor.is_process_leader,
        "may_report": actor.may_report,
        "events": submission.events.select_related("by").order_by("-at")[:10],
        "reason_form": ReasonForm(),
        "problems": [r for r in rows if r.problem],
    }
    return render(request, "indicators/entry.html", context, status=status)


def _row_fragment(request, row, unit, period, saved=False, notice="", editable=True):
    """One row for htmx to swap in. Always 200: htmx swaps only successful answers, and the row
    itself carries its errors."""
    context = {"row": row, "editable": editable, "saved": saved, "unit": unit, "period": period,
               "notice": notice}  # fmt: skip
    return render(request, "indicators/fragment_row.html", context)


def _refused_row(request, unit, period, figures, reason):
    """ "Spara raden" on a period that is locked now (approved, past its deadline) or not the
    user's: the row as saved, read-only, with the reason in it, never a whole page."""
    only = request.POST.get("rad")
    rows = load_rows(unit, period, [kf for kf in figures if str(kf.pk) == only])
    if not rows:
        raise Http404("Nyckeltalet rapporteras inte för den här perioden.")
    notice = f"Raden sparades inte. {reason} Ladda om sidan för att se det senaste."
    return _row_fragment(request, rows[0], unit, period, notice=notice, editable=False)


def _save(request, unit, period, submission, figures):
    only = request.POST.get("rad")
    if only:
        figures = [kf for kf in figures if str(kf.pk) == only]
    rows = load_rows(unit, period, figures, request.POST)
    actor = actor_for(request.user, unit)
    row_only = bool(request.htmx and only and rows)
    if not all(row.form.is_valid() for row in rows):
        if row_only:
            return _row_fragment(request, rows[0], unit, period)
        messages.error(
            request, "Några värden behöver rättas. Se markeringarna nedan. Inget sparades."
        )
        return _render_grid(request, unit, period, submission, rows, True, actor, status=422)
    try:
        changed = save_rows(unit, period, rows, request.user, actor)
    except ReportLocked as error:
        if row_only:
            rows[0].form.add_error(None, str(error))
            return _row_fragment(request, rows[0], unit, period)
        messages.error(request, str(error))
        return redirect("indicators:entry", code=unit.code, period_pk=period.pk)
    except StaleSave as error:
        if row_only:
            rows[0].form.add_error(None, str(error))
            return _row_fragment(request, rows[0], unit, period)
        messages.error(request, str(error))
        fresh = load_rows(unit, period, figures)
        return _render_grid(request, unit, period, submission, fresh, True, actor, status=409)
    if row_only:
        return _row_fragment(request, load_rows(unit, period, figures)[0], unit, period, True)
    messages.success(request, saved_message(changed))
    if "spara_och_nasta" in request.POST:
        upcoming = _next_open(unit, period, period.plan)
        if upcoming is not None:
            return redirect("indicators:entry", code=unit.code, period_pk=upcoming.pk)
        messages.info(request, "Det finns inga fler perioder att fylla i just nu.")
    if "spara_och_skicka" in request.POST:
        return _do_transition(request, unit, period, submission, workflow.SUBMIT, "", figures)
    return redirect("indicators:entry", code=unit.code, period_pk=period.pk)


def _do_transition(request, unit, period, submission, action, reason, figures=None):
    try:
        transition(submission, action, request.user, reason, figures)
    except SubmitBlocked as error:
        messages.error(request, "Rapporteringen kan inte skickas in än. Rätta det som är markerat.")
        for row, problem in error.problems:
            messages.error(request, f"{row.key_figure.name}: {problem}")
    except workflow.TransitionError as error:
        messages.error(request, str(error))
    else:
        done = {
            workflow.SUBMIT: "Rapporteringen är inskickad till processledaren.",
            workflow.APPROVE: "Rapporteringen är godkänd och låst.",
            workflow.RETURN: "Rapporteringen är återsänd till enheten.",
            workflow.REOPEN: "Rapporteringen är öppnad igen.",
        }
        messages.success(request, done[action])
    return redirect("indicators:entry", code=unit.code, period_pk=period.pk)


@require_POST
def change_status(request, code: str, period_pk: int, action: str):
    unit, period, submission, figures = report_for(request.user, code, period_pk)
    actor = actor_for(request.user, unit)
    if action not in workflow.TRANSITIONS:
        raise Http404("Okänd åtgärd.")
    if not actor.may_report or (action in workflow.LEADER_ONLY and not actor.is_process_leader):
        raise PermissionDenied("Du får inte göra det här.")
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return _do_transition(request, unit, period, submission, action, reason, figures)


@require_safe
def history(request, code: str, period_pk: int):
    """Every saved version of the report's values: who, when, before and after (read-only)."""
    unit, period, submission, figures = report_for(request.user, code, period_pk)
    names = {kf.pk: kf for kf in figures}
    records = list(
        Value.history.filter(org_unit=unit, period=period)
        .select_related("history_user")
        .order_by("key_figure_id", "history_date", "history_id")
    )
    changes = describe_changes(records, names)
    changes.sort(key=lambda c: c["at"], reverse=True)
    events = submission.events.select_related("by").order_by("-at")
    return render(
        request,
        "indicators/history.html",
        {"unit": unit, "period": period, "changes": changes, "events": events},
    )
