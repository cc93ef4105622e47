"""The plan page's body is cached per plan content version and per role (server-side)."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from plans.models import Goal, Plan
from plans.selectors import plan_with_content_version
from plans.views.reading import PLAN_BODIES

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    PLAN_BODIES.clear()


def _goal_data(goal, **changes):
    return {"code": goal.code, "title": goal.title, "background": goal.background,
            "version": goal.version, **changes}  # fmt: skip


def test_cached_page_costs_few_queries_and_an_edit_shows_at_once(
    client, simba_plan, process_leader, django_assert_max_num_queries
):
    client.force_login(process_leader)
    url = reverse("plans:detail", args=[simba_plan.pk])
    client.get(url)
    # session, user with profile (simba/auth_backends.py; from the cache with Redis), plan with
    # its version
    with django_assert_max_num_queries(3):
        assert client.get(url).status_code == 200
    goal = Goal.objects.get(focus_area__plan=simba_plan, code="2:1")
    client.post(reverse("plans:goal_edit", args=[goal.pk]), _goal_data(goal, title="Ny rubrik X"))
    assert "Mål 2:1 Ny rubrik X" in client.get(url).content.decode()


def test_an_edit_in_another_process_shows_at_once(client, simba_plan, reader):
    """Each process keeps bodies of its own; the version read from the database moves with an
    edit made anywhere, here straight in the database as another process would."""
    client.force_login(reader)
    url = reverse("plans:detail", args=[simba_plan.pk])
    client.get(url)
    goal = Goal.objects.get(focus_area__plan=simba_plan, code="2:1")
    goal.title = "Rubrik från en annan process"
    goal.save()
    assert "Mål 2:1 Rubrik från en annan process" in client.get(url).content.decode()


def test_the_access_check_runs_before_the_cached_body(client, simba_plan, reader):
    url = reverse("plans:detail", args=[simba_plan.pk])
    client.force_login(reader)
    assert client.get(url).status_code == 200  # the body is cached now
    client.logout()
    response = client.get(url)  # the plan is not public
    assert response.status_code == 302 and "/logga-in/" in response.url
    assert client.get(reverse("plans:detail", args=[simba_plan.pk + 1000])).status_code == 404


def test_each_plan_has_its_own_body(client, simba_plan, reader):
    client.force_login(reader)
    client.get(reverse("plans:detail", args=[simba_plan.pk]))
    other = Plan.objects.create(collaboration_area=simba_plan.collaboration_area,
                                title="En annan plan", area="X", area_members="Y",
                                first_year=2028, last_year=2029)  # fmt: skip
    simba_plan.refresh_from_db()
    html = client.get(reverse("plans:detail", args=[other.pk])).content.decode()
    assert "En annan plan" in html and "Fokusområde 1" not in html
    assert (
        "Fokusområde 1"
        in client.get(reverse("plans:detail", args=[simba_plan.pk])).content.decode()
    )


def test_the_plan_row_is_read_as_the_orm_reads_it(simba_plan):
    fast = plan_with_content_version(simba_plan.pk)
    orm = Plan.objects.get(pk=simba_plan.pk)
    for field in Plan._meta.concrete_fields:
        assert getattr(fast, field.attname) == getattr(orm, field.attname), field.name
    assert fast.content_version and plan_with_content_version(simba_plan.pk + 1000) is None


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
