"""Every lock, on every path that writes, through HTTP: the answer says no and the database is
unchanged (tests/dbstate.py compares every project table before and after).

Paths: the entry grid, its single-row save (htmx), the year page, the import (preview and
confirm), activity follow-up, history restore, and the plan editor on an adopted plan. Stale
saves (someone saved meanwhile) are refused the same way on every path that has a version.
"""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from indicators.models import ActivityFollowUp, Submission, Value
from plans import lifecycle
from plans.models import Activity, FocusArea, Goal, KeyFigure
from tests.dbstate import Unchanged
from tests.indicators.conftest import entry_url, good_value, grid_data

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def status_url(unit, period, action):
    return reverse("indicators:change_status", args=[unit.code, period.pk, action])


def report(unit, period):
    return Submission.objects.get(org_unit=unit, period=period)


@pytest.fixture
def far():
    return KeyFigure.objects.get(name="Antal förskrivna FaR")


@pytest.fixture
def filled(client, ale_user, ale, year_2027, ale_figures):
    """Ale's Helår 2027 complete as a draft, every value at version 1."""
    client.force_login(ale_user)
    assert client.post(entry_url(ale, year_2027), grid_data(ale_figures)).status_code == 302
    return year_2027


def _lock(state, _client, process_leader, ale, period):
    """Put Ale's report in `state`: submitted, approved, or past its deadline (still a draft).
    The process leader acts in a browser of their own (the test's client keeps its session)."""
    if state == "past_deadline":
        period.deadline = timezone.localdate() - timedelta(days=1)
        period.save()
        return "Sista dag att rapportera var"
    client = Client()
    client.force_login(process_leader)
    client.post(status_url(ale, period, "submit"))
    if state == "approved":
        client.post(status_url(ale, period, "approve"))
    assert report(ale, period).status == state
    return {"submitted": "inskickad och väntar", "approved": "godkänd och låst"}[state]


def _changed(ale_figures, far, version="1"):
    data = grid_data(ale_figures, {far.pk: {"number": "99"}})
    return {**data, **{f"kf{f.pk}-version": version for f in ale_figures}}


LOCKS = ["submitted", "approved", "past_deadline"]


@pytest.mark.parametrize("state", LOCKS)
def test_the_entry_grid_writes_nothing_into_a_locked_report(
    client, ale_user, process_leader, ale, ale_figures, far, filled, state, helar_2027_ended
):
    message = _lock(state, client, process_leader, ale, filled)
    client.force_login(ale_user)
    with Unchanged():
        response = client.post(entry_url(ale, filled), _changed(ale_figures, far), follow=True)
    assert message in response.content.decode()


@pytest.mark.parametrize("state", LOCKS)
def test_the_single_row_save_writes_nothing_into_a_locked_report(
    client, ale_user, process_leader, ale, ale_figures, far, filled, state, helar_2027_ended
):
    _lock(state, client, process_leader, ale, filled)
    client.force_login(ale_user)
    data = {**_changed(ale_figures, far), "rad": str(far.pk)}
    with Unchanged():
        response = client.post(entry_url(ale, filled), data, **HTMX)
    assert response.status_code in (302, 200)
    assert Value.objects.get(key_figure=far, org_unit=ale, period=filled).number == 12


def _year_data(period, figures, far, number="99", version="1"):
    data = {}
    for kf in figures:
        fields = {"explanation": "Förklaring", **good_value(kf), "version": version}
        if kf.pk == far.pk:
            fields["number"] = number
        for name, value in fields.items():
            data[f"p{period.pk}-kf{kf.pk}-{name}"] = value
    return data


@pytest.mark.parametrize("state", LOCKS)
def test_the_year_page_writes_nothing_into_a_locked_period(
    client, ale_user, process_leader, ale, ale_figures, far, filled, state, helar_2027_ended
):
    message = _lock(state, client, process_leader, ale, filled)
    client.force_login(ale_user)
    url = reverse("indicators:year", args=[ale.code, 2027])
    with Unchanged():
        response = client.post(url, _year_data(filled, ale_figures, far), follow=True)
    assert message in response.content.decode()


def test_a_stale_save_on_the_year_page_is_refused_and_changes_nothing(
    client, ale_user, process_leader, ale, ale_figures, far, filled
):
    url = reverse("indicators:year", args=[ale.code, 2027])
    client.force_login(process_leader)  # saves version 1 → 2 while Ale has the page open
    assert client.post(url, _year_data(filled, ale_figures, far, "20")).status_code == 302
    client.force_login(ale_user)
    with Unchanged():
        response = client.post(url, _year_data(filled, ale_figures, far, "30"))
    assert response.status_code == 409
    assert "Någon annan har sparat" in response.content.decode()


def _upload(client, text):
    file = SimpleUploadedFile("v.csv", text.encode(), content_type="text/csv")
    return client.post(reverse("indicators:import"), {"file": file})


IMPORT = "kommun;nyckeltal;period;värde\nAle;Antal förskrivna FaR;2027;55\n"


@pytest.mark.parametrize("state", LOCKS)
def test_the_import_preview_refuses_a_row_for_a_locked_period(
    client, ale_user, process_leader, ale, filled, state, helar_2027_ended
):
    message = _lock(state, client, process_leader, ale, filled)
    client.force_login(ale_user)
    with Unchanged():
        response = _upload(client, IMPORT)
        page = response.content.decode()
        assert "Rad 2: " in page and message in page
        client.post(reverse("indicators:import_confirm"))


@pytest.mark.parametrize("state", LOCKS)
def test_an_import_confirmed_after_the_report_was_locked_writes_nothing(
    client, ale_user, process_leader, ale, far, filled, state, helar_2027_ended
):
    client.force_login(ale_user)
    assert "Raden är korrekt" in _upload(client, IMPORT).content.decode()
    message = _lock(state, client, process_leader, ale, filled)
    with Unchanged():
        response = client.post(reverse("indicators:import_confirm"), follow=True)
    assert message in response.content.decode()


def test_an_import_confirmed_after_someone_saved_writes_nothing(
    client, ale_user, process_leader, ale, ale_figures, far, filled
):
    client.force_login(ale_user)
    _upload(client, IMPORT)
    client.post(entry_url(ale, filled), grid_data(ale_figures, {far.pk: {"number": "13"}},
                                                  **{f"kf{far.pk}-version": "1"}))  # fmt: skip
    assert Value.objects.get(key_figure=far, org_unit=ale, period=filled).version == 2
    with Unchanged():
        response = client.post(reverse("indicators:import_confirm"), follow=True)
    assert "Någon annan har sparat" in response.content.decode()


@pytest.fixture
def activity_url(simba_plan, ale):
    return reverse("indicators:activities", args=[ale.code, 2027])


def _activity_data(simba_plan, ale, status="in_progress", version="0"):
    from indicators.activities import activities_for

    activity = activities_for(simba_plan, ale)[0]
    prefix = f"a{activity.pk}"
    return activity, {f"{prefix}-status": status, f"{prefix}-comment": "x",
                      f"{prefix}-version": version}  # fmt: skip


def test_activity_follow_up_refuses_a_reader_and_another_municipality(
    client, reader, tjorn_user, simba_plan, ale, activity_url
):
    _, data = _activity_data(simba_plan, ale)
    client.get(activity_url)  # the year's period exists before the snapshot
    client.force_login(reader)
    client.get(activity_url)
    with Unchanged():
        assert client.post(activity_url, data).status_code == 403
    client.force_login(tjorn_user)
    with Unchanged():
        assert client.post(activity_url, data).status_code == 404


def test_a_stale_activity_follow_up_is_refused_and_changes_nothing(
    client, ale_user, process_leader, simba_plan, ale, activity_url
):
    activity, data = _activity_data(simba_plan, ale, "in_progress")
    client.force_login(ale_user)
    assert client.post(activity_url, data).status_code == 302
    assert ActivityFollowUp.objects.get(activity=activity, org_unit=ale).version == 1
    _, late = _activity_data(simba_plan, ale, "done", version="0")  # opened before the save
    with Unchanged():
        response = client.post(activity_url, late)
    assert "Någon annan har sparat" in response.content.decode()


@pytest.fixture
def adopted(client, process_leader, simba_plan):
    """Goal 2:1 edited once while a draft (so it has a version to restore), then adopted."""
    goal = Goal.objects.get(focus_area__plan=simba_plan, code="2:1")
    client.force_login(process_leader)
    data = {"code": goal.code, "title": "Ny rubrik", "background": goal.background,
            "version": goal.version}  # fmt: skip
    assert client.post(reverse("plans:goal_edit", args=[goal.pk]), data).status_code == 302
    lifecycle.adopt(simba_plan, date(2026, 1, 15))
    return simba_plan


def test_a_history_restore_does_not_change_an_adopted_plan(client, adopted):
    goal = Goal.objects.get(focus_area__plan=adopted, code="2:1")
    url = reverse("plans:goal_restore", args=[goal.pk, goal.history.earliest().history_id])
    with Unchanged():
        response = client.post(url, {"version": goal.version}, follow=True)
    assert "Öppna den för ändringar först" in response.content.decode()


def _editor_posts(plan):
    area = FocusArea.objects.filter(plan=plan).first()
    goal = Goal.objects.get(focus_area__plan=plan, code="2:1")
    activity = Activity.objects.get(goal=goal, code="2:1:2")
    figure = goal.key_figures.first()
    goal_data = {"code": goal.code, "title": "Ändrad", "background": "", "version": goal.version}
    return [
        ("plans:goal_edit", goal.pk, goal_data),
        ("plans:goal_add", area.pk, {**goal_data, "code": "", "version": ""}),
        ("plans:activity_edit", activity.pk,
         {"code": activity.code, "text": "Ändrad", "responsible_lines": "Ny grupp",
          "version": activity.version}),
        ("plans:activity_add", goal.pk, {"code": "", "text": "Ny", "responsible_lines": ""}),
        ("plans:key_figure_edit", figure.pk,
         {"name": "Nytt namn", "target_kind": "none", "value_kind": "count", "frequency": "year",
          "reporting_level": "both", "reporting_frequency": "yearly", "version": figure.version}),
        ("plans:focus_area_edit", area.pk,
         {"number": area.number, "title": "Ändrad", "version": area.version}),
        ("plans:activity_delete", activity.pk, {}),
        ("plans:activity_move", activity.pk, {"direction": "up"}),
        ("plans:goal_move", goal.pk, {"direction": "down"}),
        ("plans:key_figure_move", figure.pk, {"direction": "down"}),
    ]  # fmt: skip


@pytest.mark.parametrize("index", range(10))
def test_the_plan_editor_does_not_change_an_adopted_plan(client, adopted, index):
    name, pk, data = _editor_posts(adopted)[index]
    with Unchanged():
        response = client.post(reverse(name, args=[pk]), data)
    assert response.status_code == 409, name
    assert "Öppna den för ändringar först" in response.content.decode()


@pytest.mark.parametrize("index", range(10))
def test_the_same_editor_posts_do_change_a_draft(client, process_leader, simba_plan, index):
    """The posts above are real edits: on a draft each one changes the plan."""
    client.force_login(process_leader)
    name, pk, data = _editor_posts(simba_plan)[index]
    with pytest.raises(AssertionError, match="the database changed"), Unchanged():
        response = client.post(reverse(name, args=[pk]), data)
    assert response.status_code in (200, 302), (name, response.status_code)
