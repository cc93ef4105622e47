"""Personal data: deactivation removes a user's details but keeps their history readable;
an administrator can export everything held about a user."""

import json

import pytest
from django.contrib.sessions.models import Session

from accounts.personal_data import deactivate_and_anonymise, export_user_data, history_models
from plans.models import Activity, Goal
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

USERS_URL = "/admin/auth/user/"


@pytest.fixture
def edited_goal(ale_user):
    """Alice changed a goal's title and an activity's text (recorded by simple-history)."""
    goal = Goal.objects.get(code="2:1")
    goal.title = "Ny titel av Alice"
    goal._history_user = ale_user
    goal.save()
    activity = Activity.objects.get(code="2:1:1")
    activity.text = "Ny text av Alice"
    activity._history_user = ale_user
    activity.save()
    return goal


def test_deactivation_removes_name_email_and_username(ale_user):
    ale_user.first_name, ale_user.last_name, ale_user.email = "Alice", "Andersson", "a@ale.se"
    ale_user.save()
    deactivate_and_anonymise(ale_user)
    ale_user.refresh_from_db()
    assert ale_user.username == f"former-user-{ale_user.pk}"
    assert ale_user.get_full_name() == f"Tidigare användare {ale_user.pk}"
    assert ale_user.email == ""
    assert not ale_user.is_active and not ale_user.has_usable_password()


def test_history_stays_readable_as_former_user(edited_goal, ale_user):
    deactivate_and_anonymise(ale_user)
    record = edited_goal.history.latest()
    assert record.title == "Ny titel av Alice"
    assert record.history_user.pk == ale_user.pk
    assert record.history_user.get_full_name() == f"Tidigare användare {ale_user.pk}"


def test_deactivation_ends_the_users_sessions(client, ale_user):
    client.post("/logga-in/", {"username": ale_user.username, "password": PASSWORD})
    key = client.cookies["sessionid"].value
    deactivate_and_anonymise(ale_user)
    assert not Session.objects.filter(session_key=key).exists()


def test_deactivation_removes_log_in_records_with_the_old_username(client, ale_user):
    from axes.models import AccessAttempt, AccessLog

    client.post("/logga-in/", {"username": ale_user.username, "password": "fel"})
    client.post("/logga-in/", {"username": ale_user.username, "password": PASSWORD})
    assert AccessLog.objects.filter(username="alice").exists()
    deactivate_and_anonymise(ale_user)
    assert not AccessLog.objects.filter(username="alice").exists()
    assert not AccessAttempt.objects.filter(username="alice").exists()


def test_every_history_model_is_found_through_the_registry():
    labels = {model._meta.label for model in history_models()}
    assert {"plans.HistoricalGoal", "plans.HistoricalActivity", "indicators.HistoricalValue",
            "plans.HistoricalKeyFigure"} <= labels  # fmt: skip


def test_export_holds_account_profile_and_every_history_row_authored(edited_goal, ale_user):
    data = export_user_data(ale_user)
    assert data["account"]["username"] == "alice"
    assert data["profile"]["role"] == "area_group" and data["profile"]["org_unit"] == "Ale"
    authored = {(row["model"], row.get("title") or row.get("text")) for row in data["history"]}
    assert ("plans.historicalgoal", "Ny titel av Alice") in authored
    assert ("plans.historicalactivity", "Ny text av Alice") in authored
    assert all(row["history_user"] == ale_user.pk for row in data["history"])


def test_admin_downloads_the_export_as_json(client, admin_user, edited_goal, ale_user):
    client.force_login(admin_user)
    response = client.post(
        USERS_URL, {"action": "export_personal_data", "_selected_action": [ale_user.pk]}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["users"][0]["account"]["id"] == ale_user.pk
    assert len(data["users"][0]["history"]) == 2


def test_admin_action_asks_for_confirmation_before_anonymising(client, admin_user, ale_user):
    client.force_login(admin_user)
    form = {"action": "deactivate_and_remove_personal_data", "_selected_action": [ale_user.pk]}
    response = client.post(USERS_URL, form)
    assert response.status_code == 200
    assert "kan inte" in response.content.decode() and "återställas" in response.content.decode()
    ale_user.refresh_from_db()
    assert ale_user.username == "alice"
    response = client.post(USERS_URL, {**form, "bekrafta": "ja"})
    assert response.status_code == 302
    ale_user.refresh_from_db()
    assert ale_user.username == f"former-user-{ale_user.pk}"


def test_admin_cannot_anonymise_their_own_account(client, admin_user):
    client.force_login(admin_user)
    form = {"action": "deactivate_and_remove_personal_data", "_selected_action": [admin_user.pk],
            "bekrafta": "ja"}  # fmt: skip
    client.post(USERS_URL, form)
    admin_user.refresh_from_db()
    assert admin_user.username == "adam" and admin_user.is_active
