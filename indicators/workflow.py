"""A report's (Submission's) states and who may move it: plain rules, unit-tested without HTTP.

draft ──submit──▶ submitted ──approve──▶ approved (locked)
  ▲                   │                      │
  └──── returned ◀─return (reason)          reopen (reason) ──▶ draft
          │
          └──submit──▶ submitted
"""

from dataclasses import dataclass
from datetime import date

DRAFT, SUBMITTED, APPROVED, RETURNED = "draft", "submitted", "approved", "returned"
SUBMIT, APPROVE, RETURN, REOPEN = "submit", "approve", "return", "reopen"

TRANSITIONS = {
    SUBMIT: ({DRAFT, RETURNED}, SUBMITTED),
    APPROVE: ({SUBMITTED}, APPROVED),
    RETURN: ({SUBMITTED}, RETURNED),
    REOPEN: ({APPROVED, SUBMITTED}, DRAFT),
}
NEEDS_REASON = {RETURN, REOPEN}
LEADER_ONLY = {APPROVE, RETURN, REOPEN}
ACTION_LABELS = {
    SUBMIT: "skicka in",
    APPROVE: "godkänna",
    RETURN: "återsända",
    REOPEN: "öppna igen",
}
STATE_LABELS = {
    DRAFT: "Utkast",
    SUBMITTED: "Inskickad",
    APPROVED: "Godkänd",
    RETURNED: "Återsänd",
}
EDITABLE = {DRAFT, RETURNED}


class TransitionError(Exception):
    """A transition that the rules refuse; the message is Swedish and says what to do."""


@dataclass(frozen=True)
class Actor:
    """What the rules need to know of the person acting."""

    is_process_leader: bool
    may_report: bool


def past_deadline(deadline: date, today: date) -> bool:
    return today > deadline


def has_ended(period_end: date, today: date) -> bool:
    """A period is open for reporting (and may be submitted) from the day it ends: a month that
    ends today can be reported today, next month's cannot."""
    return period_end <= today


def can_edit(status: str, deadline: date, today: date, actor: Actor) -> bool:
    """Values of a report may change only in draft/returned, and after the deadline only by the
    process leader."""
    if not actor.may_report or status not in EDITABLE:
        return False
    return actor.is_process_leader or not past_deadline(deadline, today)


def lock_reason(status: str, deadline: date, today: date, actor: Actor) -> str:
    """Why a report is read-only for this actor, in Swedish (empty when it is editable)."""
    if not actor.may_report:
        return "Du kan läsa men inte ändra den här rapporteringen."
    if status == APPROVED:
        return "Rapporteringen är godkänd och låst. Processledaren kan öppna den igen."
    if status == SUBMITTED:
        return "Rapporteringen är inskickad och väntar på granskning."
    if not actor.is_process_leader and past_deadline(deadline, today):
        return (
            f"Sista dag att rapportera var {deadline:%Y-%m-%d}. "
            "Kontakta processledaren om värden behöver ändras."
        )
    return ""


def next_status(
    status: str,
    action: str,
    actor: Actor,
    deadline: date,
    today: date,
    reason: str = "",
    *,
    period_end: date,
) -> str:
    """The state after `action`, or TransitionError with the reason in Swedish. Every page that
    submits goes through here, so a period that has not ended cannot be submitted from any."""
    if action not in TRANSITIONS:
        raise TransitionError("Okänd åtgärd.")
    allowed_from, target = TRANSITIONS[action]
    if action in LEADER_ONLY and not actor.is_process_leader:
        raise TransitionError(f"Bara processledaren kan {ACTION_LABELS[action]} en rapportering.")
    if not actor.may_report:
        raise TransitionError("Du får inte rapportera för den här enheten.")
    if status not in allowed_from:
        raise TransitionError(
            f"En rapportering med status ”{STATE_LABELS[status]}” går inte att "
            f"{ACTION_LABELS[action]}."
        )
    if action in NEEDS_REASON and not reason.strip():
        raise TransitionError(f"Skriv ett skäl för att {ACTION_LABELS[action]} rapporteringen.")
    if action == SUBMIT and not has_ended(period_end, today):
        raise TransitionError(
            f"Perioden tar slut {period_end:%Y-%m-%d} och kan skickas in först från den dagen."
        )
    if action == SUBMIT and not actor.is_process_leader and past_deadline(deadline, today):
        raise TransitionError(
            f"Sista dag att rapportera var {deadline:%Y-%m-%d}. Kontakta processledaren."
        )
    return target
