"""The report job through Redis and a real Celery worker process, against the test database."""

import hashlib
import time
from pathlib import Path

import pytest
from django.urls import reverse

from reports.models import Report
from tests import workers
from tests.reports.factories import known_dataset

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def report_worker(transactional_db, settings):
    workers.require_redis()
    queue = workers.unique_queue()
    worker = workers.start_worker(queue, on_test_db=True, MEDIA_ROOT=str(settings.MEDIA_ROOT))
    try:
        with workers.client_app(queue):
            yield worker
    finally:
        workers.stop(worker)


def wait_until_finished(report: Report, seconds: int = 120) -> Report:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        report.refresh_from_db()
        if report.is_finished:
            return report
        time.sleep(0.5)
    pytest.fail(f"Report {report.pk} still {report.status} after {seconds} s")


def test_ordered_report_is_rendered_by_the_worker(
    report_worker, client, simba_plan, process_leader, settings
):
    known_dataset(simba_plan)
    client.force_login(process_leader)
    url = reverse("reports:order", args=[simba_plan.pk])
    response = client.post(url, {"year": 2027, "audience": "politiska_samradsgruppen"})
    assert response.status_code == 302
    report = Report.objects.get()
    report = wait_until_finished(report)
    assert report.status == Report.Status.DONE, report.error_detail
    stored = Path(settings.MEDIA_ROOT) / report.file.name
    assert hashlib.sha256(stored.read_bytes()).hexdigest() == report.checksum
    assert report_worker.poll() is None  # the worker process, still running, did the job
    download = client.get(reverse("reports:download", args=[report.pk]))
    assert b"".join(download.streaming_content) == stored.read_bytes()


def test_a_rendering_error_in_the_worker_marks_the_job_failed(
    report_worker, simba_plan, process_leader
):
    from reports.tasks import render_report

    report = Report.objects.create(
        plan=simba_plan, year=2027, audience="samordningsgruppen", requested_by=process_leader,
        snapshot={"schema": 0}, fingerprint="broken",
    )  # fmt: skip
    render_report.delay(report.pk)
    report = wait_until_finished(report)
    assert report.status == Report.Status.FAILED
    assert report.error.startswith("Rapportens underlag har ett format")
