"""The signed-in user is loaded with the profile (simba/auth_backends.py), and sessions begun
under Django's own model backend stay signed in."""

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY
from django.urls import reverse

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_log_in_page_signs_in_with_the_projects_backend(client, ale_user):
    response = client.post("/logga-in/", {"username": ale_user.username, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session[BACKEND_SESSION_KEY] == "simba.auth_backends.ModelBackend"


def test_user_profile_and_unit_come_in_one_query(
    client, simba_plan, ale_user, django_assert_num_queries
):
    client.post("/logga-in/", {"username": ale_user.username, "password": PASSWORD})
    url = reverse("indicators:my_reports")
    # session, then the user with profile and unit; the page reads `profile.org_unit` freely
    with django_assert_num_queries(2, exact=False) as captured:
        client.get(url)
    user_queries = [q["sql"] for q in captured.captured_queries if '"auth_user"' in q["sql"]]
    assert user_queries and "accounts_profile" in user_queries[0]
    assert not any(
        q["sql"].startswith('SELECT "accounts_profile"') for q in captured.captured_queries
    )


def test_session_begun_under_djangos_model_backend_stays_signed_in(client, simba_plan, reader):
    client.force_login(reader, backend="django.contrib.auth.backends.ModelBackend")
    response = client.get(reverse("plans:detail", args=[simba_plan.pk]))
    assert response.status_code == 200
    assert "Inloggad som" in response.content.decode()


def test_deactivated_user_is_not_signed_in(client, simba_plan, reader):
    client.force_login(reader)
    type(reader).objects.filter(pk=reader.pk).update(is_active=False)  # no signal: session stays
    response = client.get(reverse("plans:detail", args=[simba_plan.pk]))
    assert "Inloggad som" not in response.content.decode()
