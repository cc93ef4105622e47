"""Ordering, retrying, publishing and stale-job detection: the report's rules, no HTTP.

Each state change is a guarded update (`filter(pk=…, status=…).update(…)` checked for one
row), so two requests or a request and a worker racing cannot both win.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import ngettext

from reports.models import Report, ReportEvent
from reports.snapshot import AUDIENCE_LABELS, build_snapshot, fingerprint


def stale_after() -> timedelta:
    """A job queued or running longer than this has lost its worker (SIMBA_REPORT_STALE_MINUTES)."""
    return timedelta(minutes=getattr(settings, "SIMBA_REPORT_STALE_MINUTES", 15))


def lease() -> timedelta:
    """A running job whose heartbeat is older than this has lost its worker."""
    return timedelta(seconds=getattr(settings, "SIMBA_REPORT_LEASE_SECONDS", 120))


def _has_file(report: Report) -> bool:
    return bool(report.file) and report.file.storage.exists(report.file.name)


class ReportError(Exception):
    """A refused action; the message is Swedish and says what to do instead."""


@dataclass
class Ordered:
    report: Report
    reused: bool


def _enqueue(report: Report) -> None:
    from reports.tasks import render_report

    render_report.delay_on_commit(report.pk)


# Each document has its audience: the deck is shown to the politicians, the full report is read
# by the coordination group.
AUDIENCE_OF_KIND = {
    Report.Kind.DECK: Report.Audience.POLITICAL_GROUP,
    Report.Kind.REPORT: Report.Audience.COORDINATION_GROUP,
}
BOTH = "both"


@transaction.atomic
def order_report(plan, year: int, audience: str, user, kind=Report.Kind.REPORT, snapshot=None):
    """A new job for one document, or the stored one when its data has not changed since."""
    if year not in plan.years:
        raise ReportError(f"Välj ett år inom planens period {plan.period_label}.")
    if audience not in Report.Audience.values:
        raise ReportError("Välj samordningsgruppen eller politiska samrådsgruppen som mottagare.")
    if kind not in Report.Kind.values:
        raise ReportError("Välj presentationen, den fullständiga rapporten eller båda.")
    fail_stale_reports()  # a job whose worker died is failed now, never handed out again
    if snapshot is None:
        snapshot = build_snapshot(plan, year, audience, ordered_by=user)
    digest = fingerprint(snapshot)
    same = Report.objects.filter(
        plan=plan, year=year, audience=audience, kind=kind, fingerprint=digest
    )
    # A finished report is reused only with its file; a live job (it beats) will get one.
    candidates = same.filter(
        Q(status=Report.Status.DONE) & ~Q(file="")
        | Q(status__in=[Report.Status.QUEUED, Report.Status.RUNNING])
    ).order_by("-requested_at")
    existing = next((r for r in candidates if r.status != Report.Status.DONE or _has_file(r)), None)
    if existing is not None:
        ReportEvent.objects.create(report=existing, action=ReportEvent.Action.REUSED, by=user)
        return Ordered(existing, reused=True)
    report = Report.objects.create(
        plan=plan,
        year=year,
        audience=audience,
        kind=kind,
        requested_by=user,
        snapshot=snapshot,
        fingerprint=digest,
    )
    ReportEvent.objects.create(report=report, action=ReportEvent.Action.ORDERED, by=user)
    _enqueue(report)
    return Ordered(report, reused=False)


@transaction.atomic
def order_documents(plan, year: int, what: str, user) -> list[Ordered]:
    """The deck, the full report or both (`what`): one job per document, one shared snapshot.

    Both documents are built from the same frozen data, so their figures cannot differ.
    """
    kinds = list(AUDIENCE_OF_KIND) if what == BOTH else [what]
    if not kinds or any(k not in AUDIENCE_OF_KIND for k in kinds):
        raise ReportError("Välj presentationen, den fullständiga rapporten eller båda.")
    if year not in plan.years:
        raise ReportError(f"Välj ett år inom planens period {plan.period_label}.")
    snapshot = build_snapshot(plan, year, AUDIENCE_OF_KIND[kinds[0]], ordered_by=user)
    results = []
    for kind in kinds:
        audience = AUDIENCE_OF_KIND[kind]
        own = dict(snapshot, audience=audience, audience_label=AUDIENCE_LABELS[audience])
        results.append(order_report(plan, year, audience, user, kind=kind, snapshot=own))
    return results


@transaction.atomic
def retry_report(report: Report, user) -> None:
    """A failed job goes back to the queue with the same frozen snapshot."""
    changed = Report.objects.filter(pk=report.pk, status=Report.Status.FAILED).update(
        status=Report.Status.QUEUED,
        error="",
        error_detail="",
        started_at=None,
        finished_at=None,
        queued_at=timezone.now(),
    )
    if changed != 1:
        raise ReportError("Bara en rapport som har misslyckats kan försökas igen.")
    ReportEvent.objects.create(report=report, action=ReportEvent.Action.RETRIED, by=user)
    _enqueue(report)


class NeedsConfirmation(ReportError):
    """Publishing preliminary values needs the process leader's explicit yes."""


def preliminary_values(report: Report) -> tuple[int, int]:
    """(values not approved, all values) in the report's frozen snapshot."""
    counts = (report.snapshot or {}).get("counts") or {}
    return counts.get("preliminary", 0), counts.get("values", 0)


def preliminary_text(report: Report) -> str:
    preliminary, values = preliminary_values(report)
    if not preliminary:
        return f"Alla {values} värden är godkända." if values else "Rapporten har inga värden."
    return f"{preliminary} av {values} värden är inte godkända"


@transaction.atomic
def publish_report(report: Report, user, confirmed: bool = False) -> None:
    """Readers see the report from now on; it never changes afterwards.

    A report holding preliminary (not yet approved) values is published only when the process
    leader has confirmed it (`confirmed`), having been told how many there are.
    """
    preliminary, values = preliminary_values(report)
    if preliminary and not confirmed:
        raise NeedsConfirmation(
            f"{preliminary} av {values} värden är inte godkända. Bekräfta att rapporten ska "
            "publiceras med preliminära värden."
        )
    changed = Report.objects.filter(
        pk=report.pk, status=Report.Status.DONE, published_at__isnull=True
    ).update(published_at=timezone.now(), published_by=user)
    if changed != 1:
        raise ReportError("Bara en färdig rapport som inte redan är publicerad kan publiceras.")
    ReportEvent.objects.create(report=report, action=ReportEvent.Action.PUBLISHED, by=user)


def fail_stale_reports(now=None) -> int:
    """Mark jobs whose worker died (or never came) as failed, so they can be retried.

    Runs when a report page is opened and as the periodic task `reports.fail_stale`.
    """
    now = now or timezone.now()
    limit = now - stale_after()
    minutes = int(stale_after().total_seconds() // 60)
    minutes = ngettext("%d minut", "%d minuter", minutes) % minutes
    silent = Report.objects.alias(beat=Coalesce("heartbeat_at", "started_at")).filter(
        status=Report.Status.RUNNING, beat__lt=now - lease()
    )
    cases = (
        (
            silent,
            "Jobbet avbröts: bakgrundsprocessen som skapade rapporten slutade svara (den kan ha "
            "stoppats eller startats om). Försök igen.",
        ),
        (
            Report.objects.filter(status=Report.Status.RUNNING, started_at__lt=limit),
            f"Jobbet avbröts: det blev inte klart inom {minutes} "
            "(bakgrundsprocessen kan ha stoppats). Försök igen.",
        ),
        (
            Report.objects.filter(status=Report.Status.QUEUED, queued_at__lt=limit),
            f"Jobbet startade aldrig: ingen bakgrundsprocess tog det inom {minutes}. "
            "Försök igen; kvarstår felet, kontakta administratören.",
        ),
    )
    count = 0
    for rows, reason in cases:
        for pk in list(rows.values_list("pk", flat=True)):
            changed = rows.filter(pk=pk).update(
                status=Report.Status.FAILED,
                error=reason,
                error_detail=(
                    "Upptäckt av fail_stale_reports: inget livstecken på "
                    f"{int(lease().total_seconds())} s, eller för lång tid i kö eller körning."
                ),
                finished_at=now,
            )
            if changed:
                ReportEvent.objects.create(
                    report_id=pk, action=ReportEvent.Action.FAILED, note=reason
                )
            count += changed
    return count
