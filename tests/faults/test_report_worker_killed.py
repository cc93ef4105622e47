"""A worker killed in the middle of a report job: the job is completed by a restarted worker
(redelivered, it may take over the RUNNING row), never left running for ever."""

import signal
import time

import pytest

from reports.models import Report
from reports.services import order_report
from tests import workers
from tests.reports.factories import known_dataset

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def _status(report_id: int) -> str:
    return Report.objects.values_list("status", flat=True).get(pk=report_id)


def test_report_of_a_worker_killed_mid_job_is_completed_by_a_restarted_worker(
    simba_plan, process_leader, settings, tmp_path
):
    workers.require_redis()
    known_dataset(simba_plan)
    queue = workers.unique_queue()
    media = {"MEDIA_ROOT": str(settings.MEDIA_ROOT)}
    marker = tmp_path / "rendering"
    first = workers.start_worker(
        queue, on_test_db=True, module="tests.faults.paused_worker",
        SIMBA_TEST_RENDER_MARKER=str(marker), **media,
    )  # fmt: skip
    second = None
    try:
        with workers.client_app(queue):
            ordered = order_report(simba_plan, 2027, "politiska_samradsgruppen", process_leader)
            report = ordered.report
            # The first worker stops inside the render (tests/faults/paused_worker.py).
            workers.wait_for(marker.exists, 60, "the first worker to be rendering")
            assert _status(report.pk) == Report.Status.RUNNING
            first.send_signal(signal.SIGKILL)  # mid-render: the message stays unacknowledged
            first.wait(timeout=5)
            assert _status(report.pk) == Report.Status.RUNNING  # the row alone would stay so
            second = workers.start_worker(queue, on_test_db=True, **media)
            deadline = time.monotonic() + 90
            while _status(report.pk) == Report.Status.RUNNING and time.monotonic() < deadline:
                time.sleep(0.3)
        report.refresh_from_db()
        assert report.status == Report.Status.DONE, report.error
        assert len(report.checksum) == 64
        assert report.file.read().startswith(b"%PDF")
    finally:
        workers.stop(first)
        if second is not None:
            workers.stop(second)
