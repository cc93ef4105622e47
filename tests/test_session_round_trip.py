"""With Redis (production's cache) a signed-in request reads its session and its user in one
round trip (simba/sessions.py), and every change of the user still reaches the very next request
(simba/auth_backends.py). On a Redis DB of this test run's own (tests/workers.py)."""

import pytest
import redis
from django.test import Client
from django.urls import reverse

from accounts.models import Profile
from organisation.models import OrgUnit
from simba import sessions
from simba.auth_backends import user_cache_key
from tests.conftest import PASSWORD
from tests.workers import REDIS_URL, require_redis

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _production_sessions(settings):
    require_redis()
    redis_cache = {"BACKEND": "simba.cache_backends.RedisCache", "LOCATION": REDIS_URL,
                   "KEY_PREFIX": "simba-round-trip"}  # fmt: skip
    settings.CACHES = {"default": redis_cache}
    settings.SESSION_ENGINE = "simba.sessions"
    settings.SIMBA_CACHE_USERS = True
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def commands(monkeypatch):
    """The Redis commands sent, by name."""
    sent = []
    real = redis.Redis.execute_command

    def execute_command(self, *args, **options):
        sent.append(str(args[0]).upper())
        return real(self, *args, **options)

    monkeypatch.setattr(redis.Redis, "execute_command", execute_command)
    return sent


def log_in(client, user):
    """Signed in, and past the marker the log-in's save leaves (the user is read from the
    database for a few seconds after a change): from here the user's entry is a cached copy."""
    response = client.post("/logga-in/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    from django.core.cache import cache

    cache.delete(user_cache_key(user.pk))


def plan_page(client, plan) -> str:
    return client.get(reverse("plans:detail", args=[plan.pk])).content.decode()


def test_a_signed_in_page_reads_session_and_user_in_one_round_trip(
    client, simba_plan, reader, commands
):
    log_in(client, reader)
    plan_page(client, simba_plan)  # the process learns whose the session is
    plan_page(client, simba_plan)  # and the page's body is kept by now
    commands.clear()
    assert "Inloggad som" in plan_page(client, simba_plan)
    assert commands == ["MGET"]


def test_a_new_role_reaches_the_very_next_request(
    client, simba_plan, process_leader, django_capture_on_commit_callbacks
):
    log_in(client, process_leader)
    for _ in range(3):
        assert "Redigera planen" in plan_page(client, simba_plan)
    with django_capture_on_commit_callbacks(execute=True):
        profile = process_leader.profile
        profile.role = Profile.Role.READER
        profile.save()
    html = plan_page(client, simba_plan)
    assert "Redigera planen" not in html and "Inloggad som" in html


def test_a_new_password_ends_the_session_at_once(
    client, simba_plan, reader, django_capture_on_commit_callbacks
):
    log_in(client, reader)
    for _ in range(3):
        assert "Inloggad som" in plan_page(client, simba_plan)
    with django_capture_on_commit_callbacks(execute=True):
        reader.set_password("ett helt annat lösenord")
        reader.save()
    response = client.get(reverse("plans:detail", args=[simba_plan.pk]))
    assert response.status_code == 302 and "/logga-in/" in response.url


def test_a_changed_unit_reaches_its_users_at_once(
    client, simba_plan, ale_user, django_capture_on_commit_callbacks
):
    log_in(client, ale_user)
    url = reverse("indicators:my_reports")
    for _ in range(3):
        assert "Ale" in client.get(url, follow=True).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        unit = OrgUnit.objects.get(code="1440")
        unit.name = "Ale kommun Q"
        unit.save()
    assert "Ale kommun Q" in client.get(url, follow=True).content.decode()


def test_a_wrong_hint_never_shows_another_user(client, simba_plan, reader, process_leader):
    other = Client()
    log_in(client, reader)
    log_in(other, process_leader)
    plan_page(other, simba_plan)
    plan_page(other, simba_plan)  # the process leader's own entry is in the cache
    sessions.remember_user_of(client.cookies["sessionid"].value, process_leader.pk)
    html = plan_page(client, simba_plan)
    assert "Inloggad som <strong>rut</strong>" in html and "Redigera planen" not in html


def test_a_logged_out_session_stays_logged_out_with_its_hint(client, simba_plan, reader):
    log_in(client, reader)
    plan_page(client, simba_plan)
    key = client.cookies["sessionid"].value
    client.post("/logga-ut/")
    client.cookies["sessionid"] = key
    assert "Inloggad som" not in plan_page(client, simba_plan)
