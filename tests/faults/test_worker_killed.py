"""A job whose worker dies mid-task is not lost: it is delivered again and completed.

Uses the diagnostic task `simba.diagnostic_sleep`, which counts its runs in Redis and sleeps on
its first run only, so the test can kill the process running it.
"""

import os
import signal
import uuid

import pytest

from simba.celery import diagnostic_sleep
from tests import workers

pytestmark = pytest.mark.worker


@pytest.fixture
def redis_client():
    workers.require_redis()
    with workers.client_app() as client:
        yield client


def _started(client, key):
    return lambda: int(client.get(key) or 0) >= 1


def test_task_of_a_sigkilled_worker_is_completed_by_a_restarted_worker(redis_client):
    queue, key = workers.unique_queue(), f"fault:{uuid.uuid4().hex}"
    first = workers.start_worker(queue)
    second = None
    try:
        result = diagnostic_sleep.apply_async(args=[key, 60], queue=queue)
        workers.wait_for(_started(redis_client, key), 20, "the first worker to start the task")
        first.send_signal(signal.SIGKILL)  # no warm shutdown: the message stays unacknowledged
        first.wait(timeout=5)
        second = workers.start_worker(queue)
        # Redelivered once the visibility timeout has passed; the second run does not sleep.
        assert result.get(timeout=20) == 2
    finally:
        workers.stop(first)
        if second is not None:
            workers.stop(second)


def test_task_whose_pool_process_dies_is_requeued_at_once_and_completed(redis_client):
    """reject_on_worker_lost: a killed prefork child (e.g. out of memory) requeues the task."""
    queue, key = workers.unique_queue(), f"fault:{uuid.uuid4().hex}"
    worker = workers.start_worker(queue, pool="prefork")
    try:
        result = diagnostic_sleep.apply_async(args=[key, 60], queue=queue)
        workers.wait_for(_started(redis_client, key), 20, "the worker to start the task")
        child = int(redis_client.get(f"{key}:pid"))
        assert child != worker.pid
        os.kill(child, signal.SIGKILL)
        assert result.get(timeout=15) == 2
        assert worker.poll() is None
    finally:
        workers.stop(worker)
