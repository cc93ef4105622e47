"""The Celery application. Configuration comes from Django settings (CELERY_*)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "simba.settings")

app = Celery("simba")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="simba.ping")
def ping(value: int) -> int:
    """A trivial task used by the health check and the worker test: returns value + 1."""
    return value + 1


@app.task(name="simba.clear_expired_sessions")
def clear_expired_sessions() -> None:
    """Run by Celery beat: expired sessions are deleted from the database."""
    from django.core.management import call_command

    call_command("clearsessions")


@app.task(name="simba.clear_old_login_records")
def clear_old_login_records(days: int = 90) -> int:
    """Run by Celery beat: log-in records (user name, address) are kept `days` days only."""
    from datetime import timedelta

    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.utils import timezone

    cutoff = timezone.now() - timedelta(days=days)
    return sum(
        model.objects.filter(attempt_time__lt=cutoff).delete()[0]
        for model in (AccessLog, AccessFailureLog, AccessAttempt)
    )


@app.task(name="simba.diagnostic_sleep", bind=True)
def diagnostic_sleep(self, counter_key: str, seconds: float) -> int:
    """A diagnostic task for the job-reliability tests: counts its runs in Redis (`counter_key`)
    and sleeps `seconds` on its first run only, so a worker can be killed in the middle of it.
    Returns how many times it has been started; the process running it is in `<key>:pid`."""
    import os
    import time

    import redis

    client = redis.Redis.from_url(self.app.conf.broker_url)
    runs = client.incr(counter_key)
    client.set(f"{counter_key}:pid", os.getpid(), ex=600)
    client.expire(counter_key, 600)
    if runs == 1:
        time.sleep(seconds)
    return runs
