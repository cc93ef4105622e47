"""A Celery task goes through Redis to a real worker process and its result comes back."""

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from simba.celery import ping
from tests.celery_helpers import restore, use_redis

ROOT = Path(__file__).resolve().parents[1]
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")

pytestmark = pytest.mark.worker


def _redis_is_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture
def celery_worker_process():
    if not _redis_is_up():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("Redis must run on 127.0.0.1:6379 in CI.")
        pytest.skip("Redis does not answer on 127.0.0.1:6379 on this machine.")
    env = {**os.environ, "REDIS_URL": REDIS_URL, "DEBUG": "true"}
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "simba", "worker", "--pool=solo",
         "--loglevel=WARNING", "--without-heartbeat", "--without-gossip", "--without-mingle",
         "-Q", "simba-test"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    previous = use_redis(REDIS_URL, "simba-test")
    try:
        yield worker
    finally:
        worker.terminate()
        worker.wait(timeout=20)
        restore(previous)


def test_task_runs_in_a_worker_through_redis(celery_worker_process):
    result = ping.apply_async(args=[41], queue="simba-test")
    assert type(result).__name__ == "AsyncResult"  # not run eagerly in this process
    assert result.get(timeout=30) == 42
    assert celery_worker_process.poll() is None  # the worker, not this process, answered
