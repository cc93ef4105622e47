"""The plan editor through HTTP: saves, validation, stale saves, deleting, locking."""

from datetime import date

import pytest
from django.urls import reverse

from indicators.models import Period, Value
from organisation.models import OrgUnit
from plans import lifecycle
from plans.models import Activity, Goal, KeyFigure

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def _goal_data(goal, **changes):
    return {"code": goal.code, "title": goal.title, "background": goal.background,
            "version": goal.version, **changes}  # fmt: skip


def test_editing_a_goal_in_place_returns_the_goal_fragment(leader, goal):
    url = reverse("plans:goal_edit", args=[goal.pk])
    response = leader.post(url, _goal_data(goal, title="Trygg utskrivning"), **HTMX)
    assert response.status_code == 200
    assert "Trygg utskrivning" in response.content.decode()
    assert "<html" not in response.content.decode()
    goal.refresh_from_db()
    assert (goal.title, goal.version) == ("Trygg utskrivning", 2)


def test_the_edit_form_opens_in_place(leader, goal):
    response = leader.get(reverse("plans:goal_edit", args=[goal.pk]), **HTMX)
    page = response.content.decode()
    assert 'name="version"' in page and "<html" not in page


def test_an_empty_title_is_refused_in_swedish_and_nothing_changes(leader, goal):
    url = reverse("plans:goal_edit", args=[goal.pk])
    response = leader.post(url, _goal_data(goal, title=""), **HTMX)
    assert response.status_code == 422
    assert "Skriv målets rubrik." in response.content.decode()
    assert Goal.objects.get(pk=goal.pk).version == 1


def test_the_second_of_two_simultaneous_saves_is_refused_showing_what_changed(
    client, process_leader, admin_user, goal
):
    url = reverse("plans:goal_edit", args=[goal.pk])
    client.force_login(admin_user)
    client.post(url, _goal_data(goal, title="Titel från Adam"))
    client.force_login(process_leader)
    response = client.post(url, _goal_data(goal, title="Titel från Paula"), **HTMX)
    page = response.content.decode()
    assert response.status_code == 409
    assert "Dina ändringar är inte sparade" in page
    assert "adam" in page and "Titel från Adam" in page and "Titel från Paula" in page
    assert Goal.objects.get(pk=goal.pk).title == "Titel från Adam"


def test_after_a_refused_save_saving_again_deliberately_succeeds(leader, goal):
    url = reverse("plans:goal_edit", args=[goal.pk])
    leader.post(url, _goal_data(goal, title="Första"))
    leader.post(url, _goal_data(goal, title="Andra"))  # stale: refused
    response = leader.post(url, _goal_data(goal, title="Andra", version=2))
    assert response.status_code == 302
    assert Goal.objects.get(pk=goal.pk).title == "Andra"


def test_typing_a_goal_number_moves_it_there_and_renumbers_the_rest(leader, goal):
    url = reverse("plans:goal_edit", args=[goal.pk])
    response = leader.post(url, _goal_data(goal, code="2:3"), **HTMX)
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#plan-structure"
    codes = dict(Goal.objects.filter(focus_area=goal.focus_area).values_list("pk", "code"))
    assert codes[goal.pk] == "2:3"
    assert sorted(codes.values()) == ["2:1", "2:2", "2:3"]


def test_a_number_outside_the_focus_area_is_refused(leader, goal):
    url = reverse("plans:goal_edit", args=[goal.pk])
    response = leader.post(url, _goal_data(goal, code="5:1"), **HTMX)
    assert response.status_code == 422
    assert "Numret ska börja med 2" in response.content.decode()


def test_adding_an_activity_with_a_number_inserts_it_there(leader, goal):
    url = reverse("plans:activity_add", args=[goal.pk])
    data = {
        "code": "2:1:1",
        "text": "Ny första aktivitet",
        "responsible_lines": "Samordningsgruppen\nNy grupp",
    }
    response = leader.post(url, data, **HTMX)
    assert response.status_code == 200
    codes = list(goal.activities.values_list("code", "text"))
    assert codes[0] == ("2:1:1", "Ny första aktivitet")
    assert [c for c, _ in codes] == ["2:1:1", "2:1:2", "2:1:3"]
    new = goal.activities.get(code="2:1:1")
    assert [r.actor.name for r in new.responsibilities.all()] == ["Samordningsgruppen", "Ny grupp"]


def test_editing_a_key_figure_target_is_shown_on_the_plan_page(leader, goal):
    figure = goal.key_figures.get(name="Medelvårdtiden som utskrivningsklar")
    data = {
        "name": figure.name, "target_kind": "comparison", "target_operator": "lte",
        "target_threshold": "0,8", "value_kind": "days", "frequency": "year",
        "reporting_level": "both", "reporting_frequency": "yearly", "version": 1,
        "reported_to": [a.pk for a in figure.reported_to.all()],
    }  # fmt: skip
    response = leader.post(reverse("plans:key_figure_edit", args=[figure.pk]), data)
    assert response.status_code == 302
    page = leader.get(reverse("plans:detail", args=[goal.focus_area.plan_id])).content.decode()
    assert "≤ 0,8 dygn" in page


def test_a_comparison_target_without_a_threshold_is_refused(leader, goal):
    figure = goal.key_figures.first()
    data = {"name": figure.name, "target_kind": "comparison", "target_operator": "gt",
            "value_kind": "percentage", "frequency": "year", "reporting_level": "both",
            "reporting_frequency": "yearly", "version": 1}  # fmt: skip
    response = leader.post(reverse("plans:key_figure_edit", args=[figure.pk]), data, **HTMX)
    assert response.status_code == 422
    assert "Skriv ett gränsvärde" in response.content.decode()


def test_one_key_figure_save_is_one_history_record_with_its_recipients(leader, goal):
    figure = goal.key_figures.first()
    before = figure.history.count()
    data = {"name": "Nytt namn", "target_kind": "none", "value_kind": "count",
            "frequency": "year", "reporting_level": "both", "reporting_frequency": "yearly",
            "version": 1, "reported_to": [figure.reported_to.first().pk]}  # fmt: skip
    leader.post(reverse("plans:key_figure_edit", args=[figure.pk]), data)
    assert figure.history.count() == before + 1
    assert figure.history.first().reported_to.count() == 1


def test_deleting_asks_for_confirmation_first(leader, goal):
    activity = goal.activities.get(code="2:1:1")
    response = leader.get(reverse("plans:activity_delete", args=[activity.pk]), **HTMX)
    assert "Vill du ta bort aktivitet 2:1:1?" in response.content.decode()
    assert Activity.objects.filter(pk=activity.pk).exists()


def test_deleting_an_activity_renumbers_the_rest(leader, goal):
    activity = goal.activities.get(code="2:1:1")
    response = leader.post(reverse("plans:activity_delete", args=[activity.pk]), **HTMX)
    assert response.status_code == 200
    assert list(goal.activities.values_list("code", flat=True)) == ["2:1:1"]


def test_a_goal_whose_key_figure_has_values_is_never_deleted(leader, goal, simba_plan):
    period = Period.objects.create(plan=simba_plan, kind="year", start=date(2026, 1, 1),
                                   end=date(2026, 12, 31), deadline=date(2027, 1, 31))  # fmt: skip
    figure = goal.key_figures.first()
    Value.objects.create(key_figure=figure, org_unit=OrgUnit.objects.get(name="Ale"),
                         period=period, number=2)  # fmt: skip
    response = leader.post(reverse("plans:goal_delete", args=[goal.pk]), **HTMX)
    assert response.status_code == 409
    assert "har 1 rapporterat värde." in response.content.decode()
    assert KeyFigure.objects.filter(pk=figure.pk).exists()


def test_an_adopted_plan_refuses_edits_until_reopened(leader, goal, simba_plan):
    lifecycle.adopt(simba_plan, date(2026, 1, 15))
    url = reverse("plans:goal_edit", args=[goal.pk])
    response = leader.post(url, _goal_data(goal, title="Ändrad"))
    assert response.status_code == 409
    assert "Öppna den för ändringar" in response.content.decode()
    assert Goal.objects.get(pk=goal.pk).title != "Ändrad"


def test_reopening_through_the_page_records_who_and_why(leader, simba_plan, process_leader):
    lifecycle.adopt(simba_plan, date(2026, 1, 15))
    leader.post(reverse("plans:reopen", args=[simba_plan.pk]), {"reason": "Ny lag"})
    record = simba_plan.history.first()
    assert (record.history_user, record.status) == (process_leader, "draft")
    assert "Ny lag" in record.history_change_reason


def test_adopting_through_the_page_without_a_date_says_what_to_fix(leader, simba_plan):
    response = leader.post(reverse("plans:adopt", args=[simba_plan.pk]), {"adopted_on": ""})
    assert response.status_code == 422
    assert "Ange datum för beslutet." in response.content.decode()


def test_moving_a_key_figure_changes_its_place(leader, goal):
    first, second = list(goal.key_figures.all())[:2]
    leader.post(reverse("plans:key_figure_move", args=[second.pk]), {"direction": "up"})
    assert list(goal.key_figures.all())[:2] == [second, first]


def _editor_queries(client, plan) -> int:
    from tests.queries import count_queries

    return count_queries(client, reverse("plans:editor", args=[plan.pk]))


def test_editor_queries_do_not_grow_with_the_size_of_the_plan(leader, simba_plan, plan_document):
    from plans.document import enlarged, load_plan

    real = _editor_queries(leader, simba_plan)
    larger_document = enlarged(plan_document, 4)
    larger_document["plan"].update(first_year=2030, last_year=2031)
    assert _editor_queries(leader, load_plan(larger_document)) == real


def test_a_new_recipient_is_added_to_the_plan_and_the_key_figure(leader, goal):
    figure = goal.key_figures.first()
    data = {"name": figure.name, "target_kind": "none", "value_kind": "count",
            "frequency": "year", "reporting_level": "both", "reporting_frequency": "yearly",
            "version": 1, "new_recipients": "Kommunstyrelsen i Ale"}  # fmt: skip
    leader.post(reverse("plans:key_figure_edit", args=[figure.pk]), data)
    assert list(figure.reported_to.values_list("name", flat=True)) == ["Kommunstyrelsen i Ale"]
    assert figure.history.first().reported_to.count() == 1


def test_an_activity_with_follow_up_is_never_deleted(leader, goal, simba_plan):
    from indicators.models import ActivityFollowUp

    period = Period.objects.create(plan=simba_plan, kind="year", start=date(2026, 1, 1),
                                   end=date(2026, 12, 31), deadline=date(2027, 1, 31))  # fmt: skip
    activity = goal.activities.first()
    ActivityFollowUp.objects.create(activity=activity, period=period, status="done")
    response = leader.post(reverse("plans:activity_delete", args=[activity.pk]), **HTMX)
    assert response.status_code == 409
    assert "har 1 uppföljning." in response.content.decode()
    assert Activity.objects.filter(pk=activity.pk).exists()
