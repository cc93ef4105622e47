"""Reminder e-mails for reports not handed in near their deadline (Django's locmem outbox)."""

from datetime import date, timedelta

import pytest
from django.core import mail

from indicators.models import Period, Submission
from indicators.reminders import send_reminders
from indicators.reporting import ensure_reporting

pytestmark = pytest.mark.django_db
TODAY = date(2027, 1, 25)


@pytest.fixture
def due_period(simba_plan, ale_user, tjorn_user, settings):
    """Helår 2026 due in five days; every other period far away."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    ensure_reporting(simba_plan)
    ale_user.email, tjorn_user.email = "ale@example.se", "tjorn@example.se"
    ale_user.save()
    tjorn_user.save()
    Period.objects.update(deadline=date(2030, 1, 1))
    period = Period.objects.get(plan=simba_plan, kind="year", start__year=2026)
    period.deadline = TODAY + timedelta(days=5)
    period.save()
    return period


def test_units_that_have_not_submitted_get_one_email_each(due_period):
    assert send_reminders(TODAY, days=7) == 2
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == ["ale@example.se", "tjorn@example.se"]
    message = next(m for m in mail.outbox if m.to == ["ale@example.se"])
    assert message.subject == "SIMBA: påminnelse om rapportering för Ale"
    assert "Helår 2026: sista dag 30 januari 2027" in message.body
    assert message.alternatives[0][1] == "text/html"


def test_a_submitted_report_is_not_reminded(due_period):
    Submission.objects.filter(period=due_period, org_unit__code="1440").update(status="submitted")
    send_reminders(TODAY, days=7)
    assert [m.to for m in mail.outbox] == [["tjorn@example.se"]]


def test_a_report_is_reminded_only_once_per_deadline(due_period):
    send_reminders(TODAY, days=7)
    assert send_reminders(TODAY + timedelta(days=1), days=7) == 0
    assert len(mail.outbox) == 2


def test_no_reminder_before_the_set_number_of_days(due_period, settings):
    settings.SIMBA_REMINDER_DAYS_BEFORE = 3
    assert send_reminders(TODAY) == 0
    assert mail.outbox == []


def test_the_beat_schedule_runs_the_reminder_task_every_morning_at_seven():
    """What beat reads (the Celery app's configuration): the reminder task, daily at 07:00."""
    from indicators.tasks import send_reminders_task
    from simba.celery import app

    entry = app.conf.beat_schedule["follow-up-reminders"]
    assert entry["task"] == send_reminders_task.name and entry["task"] in app.tasks
    schedule = entry["schedule"]
    assert (schedule.hour, schedule.minute) == ({7}, {0})
    assert schedule.day_of_week == set(range(7)) and schedule.day_of_month == set(range(1, 32))
    assert schedule.month_of_year == set(range(1, 13))
