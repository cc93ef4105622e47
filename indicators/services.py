"""Follow-up services: access to a unit's reports, and moving a report through its states."""

import functools

from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation

from accounts import roles
from indicators import workflow
from indicators.entry import load_rows, submit_problems
from indicators.models import Period, Submission, SubmissionEvent
from indicators.reporting import obligations
from organisation.models import OrgUnit


def today():
    return timezone.localdate()


def visible_unit(user, code: str, area) -> OrgUnit:
    """A unit of `area` whose follow-up the user may see: 404 for another municipality's area
    group, and for an area the user does not reach."""
    if not roles.may_reach_area(user, area.pk):
        raise Http404("Enheten finns inte.")
    unit = get_object_or_404(OrgUnit, collaboration_area=area, code=code)
    own = roles.org_unit_of(user)
    if own is not None and own.pk != unit.pk:
        raise Http404("Enheten finns inte.")
    if own is None and roles.role_of(user) == roles.Role.AREA_GROUP:
        raise Http404("Enheten finns inte.")
    return unit


def actor_for(user, unit) -> workflow.Actor:
    return workflow.Actor(
        is_process_leader=roles.is_process_leader(user)
        and roles.may_reach_area(user, unit.collaboration_area_id),
        may_report=roles.can_report_for(user, unit),
    )


def report_for(user, code: str, period_pk: int):
    """(unit, period, submission, figures) for a unit × period the unit must report, else 404."""
    period = get_object_or_404(
        Period.objects.select_related("plan__collaboration_area"), pk=period_pk
    )
    unit = visible_unit(user, code, period.plan.collaboration_area)
    found = obligations(period.plan, periods=[period], units=[unit])
    figures = found.figures_for(unit, period)
    if not figures:
        raise Http404("Enheten rapporterar inget för perioden.")
    submission, _ = Submission.objects.get_or_create(org_unit=unit, period=period)
    return unit, period, submission, figures


class SubmitBlocked(workflow.TransitionError):
    def __init__(self, problems):
        self.problems = problems
        super().__init__(
            "Rapporteringen kan inte skickas in än: "
            + "; ".join(f"{row.key_figure.name}: {text}" for row, text in problems)
        )


@transaction.atomic
def transition(submission: Submission, action: str, user, reason: str = "", figures=None):
    """Move one report; locks its row so two clicks cannot both pass. Logs who, when and why."""
    locked = Submission.objects.select_for_update().select_related("period", "org_unit")
    current = locked.get(pk=submission.pk)
    actor = actor_for(user, current.org_unit)
    target = workflow.next_status(
        current.status,
        action,
        actor,
        current.period.deadline,
        today(),
        reason,
        period_end=current.period.end,
    )
    if action == workflow.SUBMIT:
        if figures is None:
            found = obligations(current.period.plan, periods=[current.period])
            figures = found.figures_for(current.org_unit, current.period)
        problems = submit_problems(load_rows(current.org_unit, current.period, figures))
        if problems:
            raise SubmitBlocked(problems)
    SubmissionEvent.objects.create(
        submission=current, from_status=current.status, to_status=target, reason=reason, by=user
    )
    current.status = target
    current.return_reason = reason if action == workflow.RETURN else ""
    current.version += 1
    current.save(update_fields=["status", "return_reason", "version", "updated_at"])
    return current


def bulk_approve(pks, user, area) -> tuple[int, list[str]]:
    """Approve each submitted report of `area` among `pks`; each on its own, so one refusal
    stops none. Reports of other areas are ignored, unnamed."""
    approved, refused = 0, []
    chosen = Submission.objects.filter(pk__in=pks, org_unit__collaboration_area=area)
    for submission in chosen.select_related("org_unit", "period"):
        try:
            transition(submission, workflow.APPROVE, user)
            approved += 1
        except workflow.TransitionError as error:
            refused.append(f"{submission.org_unit} {submission.period}: {error}")
    return approved, refused


def display_status(submission, filled: int) -> str:
    """Status for lists: a draft nobody has touched is "Ej påbörjad"."""
    if submission.status == Submission.Status.DRAFT and not filled:
        return "Ej påbörjad"
    return _status_label(submission.status, translation.get_language())


@functools.cache
def _status_label(status: str, language: str) -> str:
    """As get_status_display(), which rebuilds its choices dict and translates on every call
    (lists call this once per row)."""
    return str(dict(Submission.Status.choices).get(status, status))


STATUS_SYMBOLS = {
    "Ej påbörjad": "○",
    "Utkast": "◐",
    "Inskickad": "↗",
    "Godkänd": "✓",
    "Återsänd": "↩",
}
