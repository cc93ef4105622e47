"""Housekeeping jobs run by Celery beat (in-process here: no broker in the test settings)."""

from datetime import timedelta

import pytest
from axes.models import AccessLog
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from simba.celery import clear_expired_sessions, clear_old_login_records

pytestmark = pytest.mark.django_db


def test_expired_sessions_are_cleared():
    old, live = SessionStore(), SessionStore()
    old.create()
    live.create()
    Session.objects.filter(pk=old.session_key).update(expire_date=timezone.now() - timedelta(1))
    clear_expired_sessions.delay()
    assert list(Session.objects.values_list("pk", flat=True)) == [live.session_key]


def test_log_in_records_older_than_90_days_are_cleared():
    for username, age in (("gammal", 91), ("ny", 89)):
        record = AccessLog.objects.create(username=username, ip_address="10.0.0.1", user_agent="x")
        AccessLog.objects.filter(pk=record.pk).update(  # attempt_time is set on creation
            attempt_time=timezone.now() - timedelta(days=age)
        )
    assert clear_old_login_records.delay().get() == 1
    assert list(AccessLog.objects.values_list("username", flat=True)) == ["ny"]
