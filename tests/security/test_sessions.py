"""Sessions: a new key at log-in, gone from the server at log-out and when a user is deactivated."""

import pytest
from django.contrib.sessions.models import Session

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def _log_in(client, user, password=PASSWORD):
    return client.post("/logga-in/", {"username": user.username, "password": password})


def test_session_key_changes_at_log_in(client, reader):
    client.get("/logga-in/")
    session = client.session  # an anonymous session, as a visitor has before log-in
    session["visited"] = True
    session.save()
    before = client.cookies["sessionid"].value
    assert _log_in(client, reader).status_code == 302
    after = client.cookies["sessionid"].value
    assert after != before
    assert not Session.objects.filter(session_key=before).exists()


def test_session_cookie_is_secure_and_http_only(client, reader):
    response = _log_in(client, reader)
    cookie = response.cookies["sessionid"]
    assert cookie["secure"] and cookie["httponly"]
    assert cookie["samesite"] == "Lax"


def test_log_out_ends_the_session_on_the_server(client, reader):
    _log_in(client, reader)
    key = client.cookies["sessionid"].value
    assert Session.objects.filter(session_key=key).exists()
    client.post("/logga-ut/")
    assert not Session.objects.filter(session_key=key).exists()


def test_a_replayed_session_cookie_after_log_out_is_not_logged_in(client, reader):
    _log_in(client, reader)
    key = client.cookies["sessionid"].value
    client.post("/logga-ut/")
    client.cookies["sessionid"] = key
    response = client.get("/")
    assert response.status_code == 302 and "/logga-in/" in response.url


def test_deactivating_a_user_ends_their_sessions(client, reader, ale_user):
    other = type(client)()
    _log_in(client, reader)
    _log_in(other, ale_user)
    reader.is_active = False
    reader.save()
    assert not Session.objects.filter(session_key=client.cookies["sessionid"].value).exists()
    assert Session.objects.filter(session_key=other.cookies["sessionid"].value).exists()
    response = client.get("/")
    assert response.status_code == 302 and "/logga-in/" in response.url
