"""The Celery job that renders a report: ids in, guarded state changes, bytes stored at the end.

`acks_late` with `reject_on_worker_lost`: a worker killed mid-job leaves the message in Redis
and another worker takes it again (redelivered, so it may claim a RUNNING row). While it renders,
the job writes a heartbeat on its row; a row whose heartbeat stops (the worker's main process
was killed, its host went away) is marked failed by `fail_stale_reports` within
SIMBA_REPORT_LEASE_SECONDS, on page load and periodically, so the user can try again instead of
waiting for Redis' visibility timeout.

The task's time limits are the global ones (CELERY_TASK_*_TIME_LIMIT), which settings keep below
the visibility timeout, so a slow but healthy render is never handed to a second worker.
"""

import hashlib
import logging
import threading
import traceback
from contextlib import contextmanager

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.utils import timezone

from reports.documents import render_documents
from reports.models import Report, ReportEvent
from reports.rendering import ReportRenderError
from reports.services import fail_stale_reports
from simba.celery import app

log = logging.getLogger(__name__)

GENERIC_FAILURE = (
    "Rapporten kunde inte skapas: ett fel uppstod när PDF-filen byggdes. Försök igen; "
    "kvarstår felet, kontakta administratören och ange den tekniska beskrivningen nedan."
)


def _claim(report_id: int, redelivered: bool) -> bool:
    allowed = [Report.Status.QUEUED] + ([Report.Status.RUNNING] if redelivered else [])
    now = timezone.now()
    claimed = Report.objects.filter(pk=report_id, status__in=allowed).update(
        status=Report.Status.RUNNING, started_at=now, heartbeat_at=now
    )
    return claimed == 1


@contextmanager
def heartbeat(report_id: int):
    """Write the row's heartbeat every SIMBA_REPORT_HEARTBEAT_SECONDS while the body runs.

    A thread, because the render is one long call into WeasyPrint; it dies with the process,
    which is the point: a killed worker stops beating and its job is found within the lease."""
    stop = threading.Event()

    def beat():
        try:
            while not stop.wait(settings.SIMBA_REPORT_HEARTBEAT_SECONDS):
                Report.objects.filter(pk=report_id, status=Report.Status.RUNNING).update(
                    heartbeat_at=timezone.now()
                )
        except Exception:  # a missed beat must not break the render; the lease tolerates some
            log.exception("Heartbeat of report %s failed", report_id)
        finally:
            connection.close()  # the thread's own connection

    thread = threading.Thread(target=beat, name=f"report-{report_id}-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=5)


def _store(report: Report, pdf: bytes, slides: bytes | None = None) -> None:
    """Files first, then the row in one guarded update; a lost race removes the files again."""
    name = report.file.field.generate_filename(report, "report.pdf")
    stored = report.file.storage.save(name, ContentFile(pdf))
    stored_slides = ""
    if slides is not None:
        slides_name = report.slides.field.generate_filename(report, "deck.pptx")
        stored_slides = report.slides.storage.save(slides_name, ContentFile(slides))
    with transaction.atomic():
        changed = Report.objects.filter(pk=report.pk, status=Report.Status.RUNNING).update(
            status=Report.Status.DONE,
            file=stored,
            slides=stored_slides,
            checksum=hashlib.sha256(pdf).hexdigest(),
            size=len(pdf),
            finished_at=timezone.now(),
        )
        if changed != 1:
            report.file.storage.delete(stored)
            if stored_slides:
                report.slides.storage.delete(stored_slides)
            return
        ReportEvent.objects.create(report=report, action=ReportEvent.Action.DONE)


def _fail(report_id: int, reason: str, exc: BaseException) -> None:
    detail = "".join(traceback.format_exception(exc))[-4000:]
    changed = Report.objects.filter(pk=report_id, status=Report.Status.RUNNING).update(
        status=Report.Status.FAILED, error=reason, error_detail=detail, finished_at=timezone.now()
    )
    if changed:
        ReportEvent.objects.create(
            report_id=report_id, action=ReportEvent.Action.FAILED, note=reason
        )


@app.task(
    name="reports.render_report",
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
)
def render_report(self, report_id: int) -> str:
    redelivered = bool((self.request.delivery_info or {}).get("redelivered"))
    if not _claim(report_id, redelivered):
        return "skipped"
    report = Report.objects.get(pk=report_id)
    ReportEvent.objects.create(report=report, action=ReportEvent.Action.STARTED)
    try:
        with heartbeat(report_id):
            pdf, slides = render_documents(report)  # the renderer follows the report's kind
            _store(report, pdf, slides)
    except ReportRenderError as exc:
        _fail(report_id, str(exc), exc)
        return "failed"
    except Exception as exc:
        # The job's boundary: whatever broke, the row must say so instead of staying RUNNING.
        log.exception("Report %s failed", report_id)
        _fail(report_id, GENERIC_FAILURE, exc)
        return "failed"
    return "done"


@app.task(name="reports.fail_stale")
def fail_stale() -> int:
    """Periodic (Celery beat, see CELERY_BEAT_SCHEDULE): jobs whose worker died become failed."""
    return fail_stale_reports()
