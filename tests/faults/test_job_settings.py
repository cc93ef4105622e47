"""With the production defaults a healthy long job is never handed to a second worker."""

import os
import subprocess
import sys

from tests.workers import ROOT


def test_visibility_timeout_exceeds_the_hard_time_limit_by_default():
    env = {k: v for k, v in os.environ.items() if not k.startswith("CELERY_")}
    code = (
        "from simba.celery import app; c = app.conf;"
        "print(c.task_time_limit, c.broker_transport_options['visibility_timeout'],"
        " c.task_acks_late, c.task_reject_on_worker_lost, c.worker_prefetch_multiplier)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
        env={**env, "DEBUG": "true", "REDIS_URL": "redis://127.0.0.1:6379/14"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    hard_limit, visibility, acks_late, reject_lost, prefetch = result.stdout.split()
    assert int(visibility) > int(hard_limit) > 0
    assert (acks_late, reject_lost, prefetch) == ("True", "True", "1")
