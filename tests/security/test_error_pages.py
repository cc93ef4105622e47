"""Users get Swedish error pages, never a stack trace or a debug page; refusals are logged."""

import logging

import pytest

from tests.conftest import PASSWORD

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.security.urls_faults")]


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    settings.DEBUG_PROPAGATE_EXCEPTIONS = False


def test_server_error_shows_a_swedish_page_without_details(client, reader, production):
    client.raise_request_exception = False
    client.force_login(reader)
    response = client.get("/test-boom/")
    text = response.content.decode()
    assert response.status_code == 500
    assert "Något gick fel hos oss" in text
    assert "secret-internal-detail" not in text and "Traceback" not in text


def test_missing_page_shows_a_swedish_page(client, reader, production):
    client.force_login(reader)
    response = client.get("/planer/999999/")
    assert response.status_code == 404
    assert "Sidan finns inte" in response.content.decode()


def test_refused_page_shows_a_swedish_page(client, reader, production):
    client.force_login(reader)
    response = client.get("/test-refused/")
    assert response.status_code == 403
    assert "Du har inte behörighet" in response.content.decode()


def test_refused_form_without_csrf_token_shows_a_swedish_page(reader, production):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(reader)
    response = client.post("/logga-ut/")
    assert response.status_code == 403
    assert "Formuläret kunde inte skickas" in response.content.decode()


def test_refused_requests_are_logged_with_user_and_path_but_no_query(client, reader, caplog):
    client.force_login(reader)
    with caplog.at_level(logging.WARNING, logger="simba.security"):
        client.get("/test-refused/?token=abc123")
        client.get("/planer/999999/")
    lines = [r.getMessage() for r in caplog.records if r.name == "simba.security"]
    assert any("403" in m and "/test-refused/" in m and f"user_id={reader.pk}" in m for m in lines)
    assert any("404" in m and "/planer/999999/" in m for m in lines)
    assert "abc123" not in caplog.text


def test_log_ins_are_logged_without_password(client, reader, caplog):
    with caplog.at_level(logging.INFO, logger="simba.security"):
        client.post("/logga-in/", {"username": reader.username, "password": "Hemligt-fel-1"})
        client.post("/logga-in/", {"username": reader.username, "password": PASSWORD})
    lines = [r.getMessage() for r in caplog.records if r.name == "simba.security"]
    assert any(m.startswith("login failed") and reader.username in m for m in lines)
    assert any(m.startswith("login succeeded") and f"user_id={reader.pk}" in m for m in lines)
    assert "Hemligt-fel-1" not in caplog.text and PASSWORD not in caplog.text
    assert client.cookies["sessionid"].value not in caplog.text


def test_too_large_request_is_refused_before_it_is_read(client, reader, settings, caplog):
    settings.MAX_REQUEST_BYTES = 1000
    client.force_login(reader)
    with caplog.at_level(logging.WARNING, logger="simba.security"):
        response = client.post("/logga-ut/", {"fil": "x" * 5000})
    assert response.status_code == 413
    assert "för stort" in response.content.decode()
    assert "_auth_user_id" in client.session  # the log-out did not happen
    assert "body too large" in caplog.text
