"""The report job through Redis and a real Celery worker process, against the test database."""

import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse

from reports.models import Report
from tests.celery_helpers import restore, use_redis
from tests.reports.factories import known_dataset
from tests.test_worker import REDIS_URL, _redis_is_up

ROOT = Path(__file__).resolve().parents[2]
QUEUE = f"simba-test-reports-{os.getpid()}"  # only this test's worker takes these jobs

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def report_worker(transactional_db, settings):
    if not _redis_is_up():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("Redis must run on 127.0.0.1:6379 in CI.")
        pytest.skip("Redis does not answer on 127.0.0.1:6379 on this machine.")
    database = f"postgres://postgres@127.0.0.1:5432/{connection.settings_dict['NAME']}"
    if connection.vendor != "postgresql":
        pytest.skip("The worker shares the test database only on PostgreSQL.")
    env = {
        **os.environ, "REDIS_URL": REDIS_URL, "DEBUG": "true", "DATABASE_URL": database,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }  # fmt: skip
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "simba", "worker", "--pool=solo",
         "--loglevel=WARNING", "--without-heartbeat", "--without-gossip", "--without-mingle",
         "-Q", QUEUE],
        cwd=ROOT, env=env,
    )  # fmt: skip
    previous = use_redis(REDIS_URL, QUEUE)
    try:
        yield worker
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        restore(previous)


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
