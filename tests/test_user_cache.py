"""With a shared cache (production's Redis) the signed-in user, with profile and unit, is read
from the cache instead of the database; any change of the user, the profile or the unit reaches
the next request (simba/auth_backends.py). Here the test's memory cache stands in for Redis."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Profile
from organisation.models import OrgUnit
from simba.auth_backends import user_cache_key

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _shared_user_cache(settings):
    settings.SIMBA_CACHE_USERS = True
    cache.clear()


def _user_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return sum('"auth_user"' in q["sql"] and "FROM" in q["sql"] for q in queries)


def test_the_signed_in_user_comes_from_the_cache(client, ale_user, simba_plan):
    client.force_login(ale_user)
    cache.delete(user_cache_key(ale_user.pk))  # past the marker the log-in's save left
    url = reverse("plans:detail", args=[simba_plan.pk])
    assert _user_queries(client, url) == 1
    assert _user_queries(client, url) == 0


def test_a_new_role_shows_on_the_next_request(
    client, process_leader, simba_plan, django_capture_on_commit_callbacks
):
    client.force_login(process_leader)
    cache.delete(user_cache_key(process_leader.pk))
    url = reverse("plans:detail", args=[simba_plan.pk])
    assert "Redigera planen" in client.get(url).content.decode()
    assert "Redigera planen" in client.get(url).content.decode()  # now from the cache
    with django_capture_on_commit_callbacks(execute=True):
        profile = process_leader.profile
        profile.role = Profile.Role.READER
        profile.save()
    html = client.get(url).content.decode()
    assert "Redigera planen" not in html and "Inloggad som" in html
    # Read from the database while the change is fresh, and not cached again meanwhile.
    assert _user_queries(client, url) == 1


def test_a_new_password_ends_the_old_sessions(
    client, reader, simba_plan, django_capture_on_commit_callbacks
):
    client.force_login(reader)
    cache.delete(user_cache_key(reader.pk))
    url = reverse("plans:detail", args=[simba_plan.pk])
    client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        reader.set_password("ett helt annat lösenord")
        reader.save()
    response = client.get(url)
    assert response.status_code == 302 and "/logga-in/" in response.url


def test_a_changed_unit_reaches_its_users(
    client, ale_user, simba_plan, django_capture_on_commit_callbacks
):
    client.force_login(ale_user)
    cache.delete(user_cache_key(ale_user.pk))
    url = reverse("plans:detail", args=[simba_plan.pk])
    client.get(url)
    assert _user_queries(client, url) == 0
    with django_capture_on_commit_callbacks(execute=True):
        unit = OrgUnit.objects.get(code="1440")
        unit.name = "Ale kommun"
        unit.save()
    assert _user_queries(client, url) == 1


def test_a_rolled_back_change_leaves_the_cache_alone(client, reader, simba_plan):
    client.force_login(reader)
    cache.delete(user_cache_key(reader.pk))
    url = reverse("plans:detail", args=[simba_plan.pk])
    client.get(url)
    reader.first_name = "Ingen"
    reader.save()  # inside the test's transaction: never committed, so nothing is dropped
    assert _user_queries(client, url) == 0
