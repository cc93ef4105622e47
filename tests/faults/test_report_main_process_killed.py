"""A report worker's MAIN process killed (SIGKILL) mid-render: the job is shown as failed with
"Försök igen" within the configured lease, not after Redis' visibility timeout; retrying on a
new worker completes it, and ordering again then returns the report with its file.

Production-like: the visibility timeout is 600 s here, so Redis' redelivery cannot be what
rescues the job; only the heartbeat lease (4 s in this test) can. With the solo pool the render
runs in the worker's main process, so the SIGKILL hits exactly the process that renders; with
the prefork pool (as in docker-compose) the main process dies and its pool child is left
orphaned: whatever it then does, the job must end done or failed with a retry, never stuck."""

import contextlib
import os
import signal
import time

import pytest
from django.urls import reverse

from reports.models import Report
from reports.services import order_report
from tests import workers
from tests.reports.factories import known_dataset

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

LEASE = 4
LIVENESS = {
    "SIMBA_REPORT_HEARTBEAT_SECONDS": "1",
    "SIMBA_REPORT_LEASE_SECONDS": str(LEASE),
    "CELERY_VISIBILITY_TIMEOUT": "600",
}


def _row(report_id: int) -> Report:
    return Report.objects.get(pk=report_id)


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(c) for c in f.read().split()]
    except OSError:
        return []


def _end(pids: list[int]) -> None:
    """The orphaned pool children of the killed worker (started by this test), by id."""
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


@pytest.mark.parametrize("pool", ["solo", "prefork"])
def test_killed_main_process_is_shown_failed_then_retried_to_completion(
    client, simba_plan, process_leader, settings, pool
):
    workers.require_redis()
    settings.SIMBA_REPORT_LEASE_SECONDS = LEASE
    known_dataset(simba_plan)
    queue = workers.unique_queue()
    env = {"MEDIA_ROOT": str(settings.MEDIA_ROOT), **LIVENESS}
    first = workers.start_worker(queue, pool=pool, on_test_db=True, **env)
    second, orphans = None, []
    client.force_login(process_leader)
    try:
        with workers.client_app(queue):
            report = order_report(simba_plan, 2027, "politiska_samradsgruppen", process_leader)
            report = report.report
            # The known point: the worker has claimed the row and its heartbeat runs.
            workers.wait_for(
                lambda: (
                    _row(report.pk).status == Report.Status.RUNNING
                    and _row(report.pk).heartbeat_at is not None
                ),
                60,
                "the render to start",
            )
            orphans = _children(first.pid)
            first.send_signal(signal.SIGKILL)
            first.wait(timeout=5)
            killed_at = time.monotonic()
            assert _row(report.pk).status == Report.Status.RUNNING  # killed mid-render

            status_url = reverse("reports:status", args=[report.pk])

            def ended():  # the status page (polled like a browser does) runs the check
                text = client.get(status_url).content.decode()
                return _row(report.pk).status != Report.Status.RUNNING and text

            page = workers.wait_for(
                ended,
                LEASE + 60,
                "the job to end as done or failed",
            )
            noticed = time.monotonic() - killed_at
            outcome = _row(report.pk).status
            second = workers.start_worker(queue, pool=pool, on_test_db=True, **env)
            if outcome == Report.Status.FAILED:
                assert "slutade svara" in page and "Försök igen" in page
                assert not _row(report.pk).file and noticed < LEASE + 10
                retry = client.post(reverse("reports:retry", args=[report.pk]))
                assert retry.status_code == 302
            workers.wait_for(
                lambda: _row(report.pk).status in (Report.Status.DONE, Report.Status.FAILED),
                120,
                "the retried job to finish",
            )
            again = order_report(simba_plan, 2027, "politiska_samradsgruppen", process_leader)
        done = _row(report.pk)
        assert done.status == Report.Status.DONE, done.error
        assert done.file.read().startswith(b"%PDF")
        assert again.reused and again.report.pk == report.pk
        print(f"\n{pool} worker's main process killed: job {outcome} after {noticed:.1f} s")
    finally:
        _end(orphans)
        workers.stop(first)
        if second is not None:
            workers.stop(second)
