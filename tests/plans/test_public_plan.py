import pytest
from django.urls import reverse

from plans.models import Goal

pytestmark = pytest.mark.django_db


def test_a_public_plan_is_readable_without_log_in(client, simba_plan):
    simba_plan.is_public = True
    simba_plan.save()
    response = client.get(reverse("plans:detail", args=[simba_plan.pk]))
    assert response.status_code == 200
    assert "Redigera planen" not in response.content.decode()


def test_the_home_page_leads_anonymous_visitors_to_a_public_plan(client, simba_plan):
    simba_plan.is_public = True
    simba_plan.save()
    assert client.get("/").url == reverse("plans:detail", args=[simba_plan.pk])


def test_history_of_a_public_plan_still_needs_log_in(client, simba_plan):
    simba_plan.is_public = True
    simba_plan.save()
    goal = Goal.objects.filter(focus_area__plan=simba_plan).first()
    response = client.get(reverse("plans:goal_history", args=[goal.pk]))
    assert response.status_code == 302 and "/logga-in/" in response.url


def test_the_process_leader_finds_the_editor_from_the_plan_page(client, process_leader):
    client.force_login(process_leader)
    plan = Goal.objects.first().focus_area.plan
    page = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert reverse("plans:editor", args=[plan.pk]) in page


def test_the_process_leader_makes_the_plan_public(client, process_leader, simba_plan):
    client.force_login(process_leader)
    client.post(reverse("plans:publish", args=[simba_plan.pk]), {"is_public": "true"})
    client.logout()
    assert client.get(reverse("plans:detail", args=[simba_plan.pk])).status_code == 200
