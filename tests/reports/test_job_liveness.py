"""Report jobs are never stuck: limits below the visibility timeout, a silent job is failed with a
retry offered, and ordering again never hands out a report that has no file.

The real worker killed mid-render is in tests/faults/test_report_main_process_killed.py."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from reports.models import Report
from reports.services import fail_stale_reports, order_report
from reports.tasks import render_report
from simba.celery import app
from tests.reports.conftest import stored_report


def test_task_limits_are_below_the_visibility_timeout():
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    soft = render_report.soft_time_limit or app.conf.task_soft_time_limit
    hard = render_report.time_limit or app.conf.task_time_limit
    assert 0 < soft < hard < visibility
    for task in app.tasks.values():  # no task sets longer limits of its own
        assert (task.time_limit or hard) <= hard < visibility, task.name


def test_a_dead_job_is_found_within_minutes():
    beat = settings.SIMBA_REPORT_HEARTBEAT_SECONDS
    lease = settings.SIMBA_REPORT_LEASE_SECONDS
    assert 0 < 3 * beat <= lease <= 5 * 60  # three missed beats, and minutes not a quarter hour
    check = settings.CELERY_BEAT_SCHEDULE["reports-fail-stale"]["schedule"]
    assert check <= lease


def _running(report, beat_age: timedelta):
    Report.objects.filter(pk=report.pk).update(
        status=Report.Status.RUNNING, file="", started_at=timezone.now() - beat_age,
        heartbeat_at=timezone.now() - beat_age,
    )  # fmt: skip


@pytest.mark.django_db
def test_a_job_without_heartbeat_is_shown_failed_with_a_retry(client, simba_plan, process_leader):
    report = stored_report(simba_plan, process_leader, status=Report.Status.QUEUED)
    _running(report, timedelta(seconds=settings.SIMBA_REPORT_LEASE_SECONDS + 1))
    client.force_login(process_leader)
    page = client.get(reverse("reports:status", args=[report.pk])).content.decode()
    assert "Misslyckades" in page and "slutade svara" in page and "Försök igen" in page
    report.refresh_from_db()
    assert report.status == Report.Status.FAILED


@pytest.mark.django_db
def test_a_job_that_beats_is_left_running(simba_plan, process_leader):
    report = stored_report(simba_plan, process_leader, status=Report.Status.QUEUED)
    _running(report, timedelta(seconds=settings.SIMBA_REPORT_LEASE_SECONDS - 10))
    assert fail_stale_reports() == 0
    report.refresh_from_db()
    assert report.status == Report.Status.RUNNING


@pytest.mark.django_db
def test_ordering_again_does_not_return_a_stuck_job(
    simba_plan, process_leader, django_capture_on_commit_callbacks
):
    stuck = stored_report(simba_plan, process_leader, status=Report.Status.QUEUED)
    _running(stuck, timedelta(seconds=settings.SIMBA_REPORT_LEASE_SECONDS + 1))
    with django_capture_on_commit_callbacks(execute=True):
        again = order_report(simba_plan, 2026, "politiska_samradsgruppen", process_leader)
    assert not again.reused and again.report.pk != stuck.pk
    again.report.refresh_from_db()
    assert again.report.status == Report.Status.DONE and again.report.file


@pytest.mark.django_db
def test_ordering_again_does_not_return_a_done_report_whose_file_is_gone(
    simba_plan, process_leader
):
    done = stored_report(simba_plan, process_leader)
    done.file.storage.delete(done.file.name)
    again = order_report(simba_plan, 2026, "politiska_samradsgruppen", process_leader)
    assert not again.reused and again.report.pk != done.pk
