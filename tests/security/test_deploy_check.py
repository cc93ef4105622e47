"""Production settings pass Django's deployment checks and send the security headers."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _production_env(**extra) -> dict[str, str]:
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for their live server: not production.
    skip = ("DEBUG", "SECURE_", "DJANGO_ALLOW_ASYNC_UNSAFE")
    clean = {k: v for k, v in os.environ.items() if not k.startswith(skip)}
    return {
        **clean,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "simba.example.se",
        "BEHIND_TLS_PROXY": "true",
        **extra,
    }


def test_deploy_check_passes_with_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=_production_env(), capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def test_deploy_check_fails_when_tls_protections_are_switched_off():
    """The check above can fail: turning off the redirect and HSTS makes it complain."""
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=_production_env(SECURE_SSL_REDIRECT="false", SECURE_HSTS_SECONDS="0"),
        capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode != 0
    assert "security.W008" in result.stderr and "security.W004" in result.stderr


@pytest.mark.django_db
def test_pages_carry_a_strict_content_security_policy(client):
    policy = client.get("/logga-in/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


@pytest.mark.django_db
def test_https_responses_carry_hsts_and_no_framing(client):
    response = client.get("/logga-in/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_production_redirects_plain_http_to_https_except_the_health_check():
    code = (
        "import django; django.setup();"
        "from django.test import Client; c = Client(HTTP_HOST='simba.example.se');"
        "r = c.get('/logga-in/'); print(r.status_code, r.headers.get('Location'));"
        "r = c.get('/uppfoljning/', HTTP_X_FORWARDED_PROTO='https'); print(r.status_code, r.url);"
        "print(c.get('/halsa/').status_code)"
    )
    env = _production_env(DJANGO_SETTINGS_MODULE="simba.settings", DATABASE_URL="sqlite://:memory:")
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:3] == [
        "301 https://simba.example.se/logga-in/",  # plain HTTP is sent to HTTPS
        # over TLS (the proxy says so) the application itself answers (a page needing log-in;
        # one that reads no database, as this check runs without one)
        "302 /logga-in/?next=/uppfoljning/",
        "200",  # the container's health check is exempt
    ]
