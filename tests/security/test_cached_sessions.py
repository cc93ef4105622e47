"""Sessions read through the cache (SESSION_ENGINE cached_db, used with Redis): the database stays
the truth, a signed-in request saves its session query, and ending sessions ends the cached copy
too. The test process' own cache stands in for Redis (one process, so the same guarantees)."""

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.urls import reverse

from simba.security import end_sessions_of
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _cached_sessions(settings):
    settings.SESSION_ENGINE = "simba.sessions"  # production's: cached_db, the user in its read
    cache.clear()


def _log_in(client, user):
    assert (
        client.post("/logga-in/", {"username": user.username, "password": PASSWORD}).status_code
        == 302
    )


def _signed_in(client, plan) -> bool:
    return "Inloggad som" in client.get(reverse("plans:detail", args=[plan.pk])).content.decode()


def test_signed_in_request_reads_no_session_row(
    client, simba_plan, reader, django_assert_max_num_queries
):
    _log_in(client, reader)
    assert Session.objects.filter(session_key=client.cookies["sessionid"].value).exists()
    url = reverse("plans:detail", args=[simba_plan.pk])
    client.get(url)
    with django_assert_max_num_queries(2) as captured:  # user with profile, plan with version
        assert "Inloggad som" in client.get(url).content.decode()
    assert not any("django_session" in q["sql"] for q in captured.captured_queries)


def test_replayed_cookie_after_log_out_is_not_signed_in(client, simba_plan, reader):
    _log_in(client, reader)
    key = client.cookies["sessionid"].value
    client.post("/logga-ut/")
    client.cookies["sessionid"] = key
    assert not _signed_in(client, simba_plan)


def test_ended_sessions_are_gone_from_the_cache_too(client, simba_plan, reader):
    _log_in(client, reader)
    assert _signed_in(client, simba_plan)
    assert end_sessions_of(reader) == 1
    assert not _signed_in(client, simba_plan)
