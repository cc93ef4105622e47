"""Brute-force protection (django-axes): too many failed log-ins lock the user name from that IP."""

import pytest
from django.conf import settings

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def _attempt(client, username, password, ip="10.1.2.3"):
    return client.post("/logga-in/", {"username": username, "password": password}, REMOTE_ADDR=ip)


def _fail_until_locked(client, username, ip="10.1.2.3"):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _attempt(client, username, "wrong-password", ip)


def test_failed_log_ins_below_the_limit_still_allow_the_right_password(client, reader):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _attempt(client, reader.username, "wrong-password").status_code == 200
    assert _attempt(client, reader.username, PASSWORD).status_code == 302


def test_too_many_failed_log_ins_lock_out_even_the_right_password(client, reader):
    _fail_until_locked(client, reader.username)
    response = _attempt(client, reader.username, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_locked_out_log_in_page_explains_in_swedish(client, reader):
    _fail_until_locked(client, reader.username)
    response = _attempt(client, reader.username, PASSWORD)
    text = response.content.decode()
    assert "För många misslyckade inloggningsförsök" in text
    assert "spärrad" in text and "15 minuter" in text
    assert 'role="alert"' in text


def test_lock_out_is_per_user_name_and_address(client, reader, ale_user):
    _fail_until_locked(client, reader.username, ip="10.1.2.3")
    assert _attempt(client, ale_user.username, PASSWORD, ip="10.1.2.3").status_code == 302
    client.logout()
    assert _attempt(client, reader.username, PASSWORD, ip="10.9.9.9").status_code == 302
