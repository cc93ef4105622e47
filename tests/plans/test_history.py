"""Historik: who, when, before and after; restoring an earlier text is itself recorded."""

import pytest
from django.urls import reverse

from plans.models import Goal

pytestmark = pytest.mark.django_db


@pytest.fixture
def edited_goal(client, process_leader, simba_plan):
    goal = Goal.objects.get(focus_area__plan=simba_plan, code="2:1")
    client.force_login(process_leader)
    data = {"code": goal.code, "title": "Ny rubrik", "background": goal.background,
            "version": goal.version}  # fmt: skip
    client.post(reverse("plans:goal_edit", args=[goal.pk]), data)
    return goal


def test_history_shows_who_changed_what_from_and_to(client, reader, edited_goal):
    client.force_login(reader)
    page = client.get(reverse("plans:goal_history", args=[edited_goal.pk])).content.decode()
    assert "Ändrad" in page and "av paula" in page
    assert "Trygg och effektiv utskrivning" in page and "Ny rubrik" in page


def test_restoring_brings_back_the_earlier_text_and_is_recorded(client, edited_goal):
    goal = Goal.objects.get(pk=edited_goal.pk)
    first = goal.history.earliest()
    url = reverse("plans:goal_restore", args=[goal.pk, first.history_id])
    response = client.post(url, {"version": goal.version})
    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.title.startswith("Trygg och effektiv utskrivning")
    latest = goal.history.first()
    assert latest.history_change_reason.startswith("Återställd till versionen från")
    assert latest.history_user.username == "paula"


def test_a_restore_from_a_stale_page_is_refused(client, edited_goal):
    goal = Goal.objects.get(pk=edited_goal.pk)
    url = reverse("plans:goal_restore", args=[goal.pk, goal.history.earliest().history_id])
    client.post(url, {"version": 1})
    assert Goal.objects.get(pk=goal.pk).title == "Ny rubrik"


def test_activity_history_lists_changes_of_responsibility(client, process_leader, simba_plan):
    goal = Goal.objects.get(focus_area__plan=simba_plan, code="2:1")
    activity = goal.activities.get(code="2:1:1")
    client.force_login(process_leader)
    data = {"code": "2:1:1", "text": activity.text, "responsible_lines": "Ny grupp",
            "version": activity.version}  # fmt: skip
    client.post(reverse("plans:activity_edit", args=[activity.pk]), data)
    page = client.get(reverse("plans:activity_history", args=[activity.pk])).content.decode()
    assert "Ändrat ansvar" in page and "Ny grupp" in page
