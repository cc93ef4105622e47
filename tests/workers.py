"""Real Celery worker processes for tests: on this checkout's Redis DB (TEST_REDIS_URL) and a
queue of their own, optionally on the test database; and this test process as their client."""

import atexit
import os
import socket
import subprocess
import sys
import threading
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
import redis

from simba.celery import app

ROOT = Path(__file__).resolve().parents[1]
RUN_ID = os.environ.setdefault("SIMBA_TEST_RUN_ID", str(os.getpid()))
LEASE_SECONDS = 4 * 3600


def _lease_redis_db() -> str:
    """A Redis DB (1–15) of this test run's own, so that parallel checkouts never share queues
    or results: leased in DB 0 with SET NX, released at exit, expiring if the run is killed."""
    if os.environ.get("TEST_REDIS_URL"):
        return os.environ["TEST_REDIS_URL"]
    leases = redis.Redis(host="127.0.0.1", port=6379, db=0, socket_connect_timeout=1)
    try:
        for number in range(1, 16):
            key = f"simba-test-run:db{number}"
            if leases.set(key, RUN_ID, nx=True, ex=LEASE_SECONDS) or (
                leases.get(key) == RUN_ID.encode()
            ):
                atexit.register(_release, leases, key)
                os.environ["TEST_REDIS_URL"] = f"redis://127.0.0.1:6379/{number}"
                return os.environ["TEST_REDIS_URL"]
    except redis.ConnectionError:
        return "redis://127.0.0.1:6379/15"  # no server: the worker tests skip (require_redis)
    raise RuntimeError("All Redis test DBs 1–15 are leased by other test runs.")


def _release(leases: redis.Redis, key: str) -> None:
    try:
        if leases.get(key) == RUN_ID.encode():
            leases.delete(key)
    except redis.RedisError:
        pass  # it expires on its own


REDIS_URL = _lease_redis_db()
VISIBILITY_TIMEOUT = 3  # seconds: how soon Redis hands an unacknowledged message out again


def require_redis() -> None:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return
    except OSError:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("Redis must run on 127.0.0.1:6379 in CI.")
        pytest.skip("Redis does not answer on 127.0.0.1:6379 on this machine.")


def unique_queue() -> str:
    return f"simba-fault-{uuid.uuid4().hex[:10]}"


def test_database_url() -> str:
    """The test database of this test run, for a worker that must read and write its data."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("A worker process shares the test database only on PostgreSQL.")
    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
    return f"postgres://{s['USER']}{password}@{s['HOST']}:{s['PORT']}/{s['NAME']}"


def start_worker(
    queue: str,
    pool: str = "solo",
    on_test_db: bool = False,
    module: str = "celery",
    **extra_env: str,
) -> subprocess.Popen:
    """A worker taking only `queue`; with `on_test_db` it uses this run's test database (the
    test must then be transactional, so the worker sees committed rows). `module` is what runs
    it (`python -m <module>`): Celery itself, or a test wrapper such as
    tests.faults.paused_worker."""
    env = {
        **os.environ,
        "REDIS_URL": REDIS_URL,
        "DEBUG": "true",
        "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
        **extra_env,
    }
    if on_test_db:
        env["DATABASE_URL"] = test_database_url()
    return subprocess.Popen(
        [sys.executable, "-m", module, "-A", "simba", "worker", f"--pool={pool}",
         "--concurrency=1", "--loglevel=WARNING", "--without-heartbeat", "--without-gossip",
         "--without-mingle", "-Q", queue, "-n", f"{queue}@%h"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


def stop(worker: subprocess.Popen) -> None:
    if worker.poll() is None:
        worker.terminate()
        try:
            worker.wait(timeout=15)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()


@contextmanager
def client_app(queue: str | None = None):
    """This process sends through Redis (to `queue` by default) instead of running tasks
    in-process.

    Celery caches its connection pool and result backend at first use; a test that ran a task
    in-process before would leave them pointing at the in-memory broker, so they are dropped
    on the way in and out."""
    keys = ("broker_url", "result_backend", "task_always_eager", "task_default_queue")
    previous = {key: app.conf[key] for key in keys}
    app.conf.update(
        broker_url=REDIS_URL, result_backend=REDIS_URL, task_always_eager=False,
        task_default_queue=queue or previous["task_default_queue"],
    )  # fmt: skip
    _forget_connections()
    try:
        yield redis.Redis.from_url(REDIS_URL)
    finally:
        app.conf.update(previous)
        _forget_connections()


def _forget_connections() -> None:
    """Drop what Celery cached from earlier use (in-process tests run tasks eagerly): the
    connection pool (one per broker URL), the AMQP helper with its queues and router (built
    from the default queue of its day) and the result backend."""
    app._pool = None
    app.__dict__.pop("amqp", None)
    app._backend_cache = None
    app._local = threading.local()


def wait_for(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")
