"""The report job (run in-process here; tests/reports/test_worker_report.py runs it in a worker)."""

import hashlib
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from reports.models import Report, ReportEvent
from reports.services import (
    ReportError,
    fail_stale_reports,
    order_report,
    publish_report,
    retry_report,
)
from reports.tasks import render_report
from tests.reports.factories import DISCHARGE, known_dataset, value, year

pytestmark = pytest.mark.django_db


@pytest.fixture
def ordered(simba_plan, process_leader, django_capture_on_commit_callbacks):
    known_dataset(simba_plan)
    with django_capture_on_commit_callbacks(execute=True):
        result = order_report(simba_plan, 2027, "politiska_samradsgruppen", process_leader)
    result.report.refresh_from_db()
    return result.report


def test_the_job_stores_the_pdf_with_its_checksum(ordered):
    assert ordered.status == Report.Status.DONE
    data = ordered.file.read()
    assert data.startswith(b"%PDF-")
    assert ordered.checksum == hashlib.sha256(data).hexdigest()
    assert ordered.size == len(data)
    assert ordered.started_at <= ordered.finished_at


def test_stored_file_name_says_nothing_of_the_report(ordered):
    assert re.fullmatch(r"reports/[A-Za-z0-9_-]{32}\.pdf", ordered.file.name)


def test_ordering_again_on_unchanged_data_returns_the_stored_report(ordered, process_leader):
    again = order_report(ordered.plan, 2027, "politiska_samradsgruppen", process_leader)
    assert again.reused and again.report.pk == ordered.pk
    assert Report.objects.count() == 1


def test_ordering_after_a_value_changed_builds_a_new_report(ordered, process_leader):
    value(ordered.plan, DISCHARGE, "Tjörn", year(ordered.plan, 2027), number=Decimal("0.5"))
    again = order_report(ordered.plan, 2027, "politiska_samradsgruppen", process_leader)
    assert not again.reused and again.report.pk != ordered.pk


def test_ordering_a_year_outside_the_plan_is_refused(simba_plan, process_leader):
    with pytest.raises(ReportError, match="inom planens period 2026–2027"):
        order_report(simba_plan, 2030, "samordningsgruppen", process_leader)
    assert not Report.objects.exists()


def test_a_rendering_error_marks_the_job_failed_with_its_reason(simba_plan, process_leader):
    report = Report.objects.create(
        plan=simba_plan, year=2027, audience="samordningsgruppen", requested_by=process_leader,
        snapshot={"schema": 0}, fingerprint="x",
    )  # fmt: skip
    render_report.delay(report.pk)
    report.refresh_from_db()
    assert report.status == Report.Status.FAILED
    assert "format som den här versionen av SIMBA inte kan läsa" in report.error
    assert "ReportRenderError" in report.error_detail
    assert not report.file
    assert report.events.filter(action=ReportEvent.Action.FAILED).exists()


def test_a_job_already_claimed_is_not_run_again(ordered):
    finished = ordered.finished_at
    assert render_report.delay(ordered.pk).get() == "skipped"
    ordered.refresh_from_db()
    assert ordered.finished_at == finished


def test_a_job_running_too_long_is_marked_failed_and_can_be_retried(
    ordered, process_leader, django_capture_on_commit_callbacks
):
    Report.objects.filter(pk=ordered.pk).update(
        status=Report.Status.RUNNING, started_at=timezone.now() - timedelta(hours=1)
    )
    assert fail_stale_reports() == 1
    ordered.refresh_from_db()
    assert ordered.status == Report.Status.FAILED and "Försök igen" in ordered.error
    with django_capture_on_commit_callbacks(execute=True):
        retry_report(ordered, process_leader)
    ordered.refresh_from_db()
    assert ordered.status == Report.Status.DONE and ordered.error == ""


def test_a_recent_running_job_is_left_alone(ordered):
    Report.objects.filter(pk=ordered.pk).update(
        status=Report.Status.RUNNING, started_at=timezone.now()
    )
    assert fail_stale_reports() == 0


def test_published_report_keeps_its_data_when_values_are_corrected(ordered, process_leader):
    publish_report(ordered, process_leader, confirmed=True)
    checksum, snapshot = ordered.checksum, ordered.snapshot
    value(ordered.plan, DISCHARGE, "Tjörn", year(ordered.plan, 2027), number=Decimal("0.5"))
    newer = order_report(ordered.plan, 2027, "politiska_samradsgruppen", process_leader)
    # The correction makes a new report with new data; the published one keeps its own.
    assert not newer.reused and newer.report.pk != ordered.pk
    assert newer.report.fingerprint != ordered.fingerprint
    ordered.refresh_from_db()
    assert (ordered.checksum, ordered.snapshot) == (checksum, snapshot)
    assert ordered.published_by == process_leader


def test_publishing_twice_is_refused(ordered, process_leader):
    publish_report(ordered, process_leader, confirmed=True)
    with pytest.raises(ReportError):
        publish_report(ordered, process_leader, confirmed=True)
    assert ordered.events.filter(action=ReportEvent.Action.PUBLISHED).count() == 1


def test_an_unfinished_report_cannot_be_published(simba_plan, process_leader):
    report = Report.objects.create(
        plan=simba_plan, year=2027, audience="samordningsgruppen", requested_by=process_leader,
        snapshot={}, fingerprint="x",
    )  # fmt: skip
    with pytest.raises(ReportError):
        publish_report(report, process_leader)


def test_a_job_no_worker_takes_is_marked_failed(simba_plan, process_leader):
    report = Report.objects.create(
        plan=simba_plan, year=2027, audience="samordningsgruppen", requested_by=process_leader,
        snapshot={}, fingerprint="x", queued_at=timezone.now() - timedelta(hours=2),
    )  # fmt: skip
    assert fail_stale_reports() == 1
    report.refresh_from_db()
    assert report.status == Report.Status.FAILED
    assert report.error.startswith("Jobbet startade aldrig")
