"""The plan page's body is cached per plan content version and per role (server-side)."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from plans.models import Goal

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def _goal_data(goal, **changes):
    return {"code": goal.code, "title": goal.title, "background": goal.background,
            "version": goal.version, **changes}  # fmt: skip


def test_cached_page_costs_few_queries_and_an_edit_shows_at_once(
    client, simba_plan, process_leader, django_assert_max_num_queries
):
    client.force_login(process_leader)
    url = reverse("plans:detail", args=[simba_plan.pk])
    client.get(url)
    # session, user with profile (simba/auth_backends.py), plan with its version
    with django_assert_max_num_queries(3):
        assert client.get(url).status_code == 200
    goal = Goal.objects.get(focus_area__plan=simba_plan, code="2:1")
    client.post(reverse("plans:goal_edit", args=[goal.pk]), _goal_data(goal, title="Ny rubrik X"))
    assert "Mål 2:1 Ny rubrik X" in client.get(url).content.decode()


def test_each_role_gets_its_own_page(client, simba_plan, process_leader, reader):
    url = reverse("plans:detail", args=[simba_plan.pk])
    client.force_login(process_leader)
    assert "Redigera planen" in client.get(url).content.decode()
    client.force_login(reader)
    html = client.get(url).content.decode()
    assert "Redigera planen" not in html and "Historik" in html
    client.logout()
    simba_plan.is_public = True
    simba_plan.save()
    anonymous = client.get(url).content.decode()
    assert "Historik" not in anonymous and "Redigera planen" not in anonymous
