"""Point the Celery app of this test process at Redis (and back) for worker tests."""

import threading

from simba.celery import app

KEYS = ("broker_url", "result_backend", "task_always_eager", "task_default_queue")


def _forget_connections() -> None:
    """Earlier in-process (eager) tests leave a cached connection pool and a disabled result
    backend on the app; without forgetting them, messages never reach Redis."""
    app._pool = None
    if "amqp" in app.__dict__:
        app.amqp._producer_pool = None
    app._backend_cache = None
    app._local = threading.local()


def use_redis(redis_url: str, queue: str) -> dict:
    previous = {key: app.conf[key] for key in KEYS}
    app.conf.update(
        broker_url=redis_url, result_backend=redis_url, task_always_eager=False,
        task_default_queue=queue,
    )  # fmt: skip
    _forget_connections()
    return previous


def restore(previous: dict) -> None:
    app.conf.update(previous)
    _forget_connections()
