"""Celery tasks of the follow-up (scheduled by Celery beat, see CELERY_BEAT_SCHEDULE)."""

from celery import shared_task
from django.utils import timezone

from indicators.reminders import send_reminders


@shared_task(name="indicators.send_reminders", acks_late=True, reject_on_worker_lost=True)
def send_reminders_task(days_before: int | None = None) -> int:
    """E-mail units with reports due soon; safe to run twice (each deadline reminded once)."""
    return send_reminders(timezone.localdate(), days_before)
