"""A Celery task goes through Redis to a real worker process and its result comes back."""

import pytest

from simba.celery import ping
from tests import workers

pytestmark = pytest.mark.worker


@pytest.fixture
def celery_worker_process():
    workers.require_redis()
    queue = workers.unique_queue()
    worker = workers.start_worker(queue)
    try:
        with workers.client_app(queue):
            yield worker
    finally:
        workers.stop(worker)


def test_task_runs_in_a_worker_through_redis(celery_worker_process):
    result = ping.apply_async(args=[41])
    assert type(result).__name__ == "AsyncResult"  # not run eagerly in this process
    assert result.get(timeout=30) == 42
    assert celery_worker_process.poll() is None  # the worker, not this process, answered
