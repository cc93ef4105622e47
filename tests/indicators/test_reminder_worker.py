"""The reminder task runs in a real Celery worker through Redis, against the test database."""

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from indicators.models import Period, Submission
from indicators.reporting import ensure_reporting
from indicators.tasks import send_reminders_task
from tests.faults.workers import client_app
from tests.test_worker import REDIS_URL, _redis_is_up

ROOT = Path(__file__).resolve().parents[2]
QUEUE = "simba-wt4-indicators-test"

pytestmark = pytest.mark.worker


@pytest.fixture
def worker_on_test_db(transactional_db):
    if not _redis_is_up():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("Redis must run on 127.0.0.1:6379 in CI.")
        pytest.skip("Redis does not answer on 127.0.0.1:6379 on this machine.")
    settings = connection.settings_dict
    url = f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"
    if connection.vendor != "postgresql":
        pytest.skip("The worker shares the test database only on PostgreSQL.")
    env = {**os.environ, "REDIS_URL": REDIS_URL, "DEBUG": "true", "DATABASE_URL": url}
    if settings.get("PASSWORD"):
        env["DATABASE_URL"] = url.replace("@", f":{settings['PASSWORD']}@", 1)
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "simba", "worker", "--pool=solo",
         "--loglevel=WARNING", "--without-heartbeat", "--without-gossip", "--without-mingle",
         "-Q", QUEUE],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        with client_app():
            yield worker
    finally:
        worker.terminate()
        worker.wait(timeout=20)


def test_reminder_task_runs_in_a_worker_and_marks_reports_reminded(
    worker_on_test_db, simba_plan, ale_user
):
    ale_user.email = "ale@example.se"
    ale_user.save()
    ensure_reporting(simba_plan)
    Period.objects.update(deadline=timezone.localdate() + timedelta(days=400))
    period = Period.objects.get(plan=simba_plan, kind="year", start__year=2027)
    period.deadline = timezone.localdate() + timedelta(days=2)
    period.save()
    result = send_reminders_task.apply_async(kwargs={"days_before": 7}, queue=QUEUE)
    assert result.get(timeout=60) == 1  # Ale has an address; the others have none
    assert worker_on_test_db.poll() is None
    reminded = Submission.objects.get(org_unit=ale_user.profile.org_unit, period=period)
    assert reminded.reminded_for == period.deadline
