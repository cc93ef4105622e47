"""The reminder task runs in a real Celery worker through Redis, against the test database."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from indicators.models import Period, Submission
from indicators.reporting import ensure_reporting
from indicators.tasks import send_reminders_task
from tests import workers

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.worker


@pytest.fixture
def worker_on_test_db(transactional_db):
    workers.require_redis()
    queue = workers.unique_queue()
    worker = workers.start_worker(queue, on_test_db=True)
    try:
        with workers.client_app(queue):
            yield worker
    finally:
        workers.stop(worker)


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
    result = send_reminders_task.apply_async(kwargs={"days_before": 7})
    assert result.get(timeout=60) == 1  # Ale has an address; the others have none
    assert worker_on_test_db.poll() is None
    reminded = Submission.objects.get(org_unit=ale_user.profile.org_unit, period=period)
    assert reminded.reminded_for == period.deadline
