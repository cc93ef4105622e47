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
