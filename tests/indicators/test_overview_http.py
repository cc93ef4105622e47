"""The process leader's overview, exports, activity follow-up and the area group's own page."""

import pytest
from django.urls import reverse

from indicators.demo import fill_values
from indicators.models import ActivityFollowUp, Submission
from organisation.models import OrgUnit
from tests.exports import read_export
from tests.indicators.conftest import entry_url, grid_data

pytestmark = pytest.mark.django_db


def test_area_group_lands_on_its_own_reports_after_log_in(client, ale_user):
    client.force_login(ale_user)
    response = client.get(reverse("home"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("indicators:unit", args=["1440"])
    assert "Ale: att rapportera" in response.content.decode()


def test_own_page_lists_open_periods_oldest_first_with_deadlines(client, ale_user, found):
    client.force_login(ale_user)
    page = client.get(reverse("indicators:unit", args=["1440"])).content.decode()
    due = page.split('id="att-gora"')[1].split('id="inskickat"')[0]
    # January 2026 has ended whenever this runs; February's deadline comes after January's.
    assert due.index("Januari 2026") < due.index("Februari 2026") < due.index("Mars 2026")
    assert "2 mar 2026" in due.lower()  # January's deadline: 31 January + 30 days
    assert "Antal förskrivna FaR" in page  # the figures Ale reports, with who follows up
    assert "Samordningsgruppen" in page


def _row_of(page: str, marker: str) -> str:
    """The table row (<tr>…</tr>) of the page that holds `marker`."""
    at = page.index(marker)
    return page[page.rindex("<tr", 0, at) : page.index("</tr>", at)]


def test_overview_shows_who_submitted_and_links_to_entry(
    client, process_leader, ale_user, ale, year_2027, ale_figures, helar_2027_ended
):
    client.force_login(ale_user)
    client.post(entry_url(ale, year_2027), {**grid_data(ale_figures), "spara_och_skicka": "1"})
    client.force_login(process_leader)
    page = client.get(reverse("indicators:overview"), {"year": 2027, "kind": "year"})
    assert page.status_code == 200
    text = page.content.decode()
    ale_row = _row_of(text, entry_url(ale, year_2027))
    assert "Inskickad" in ale_row and f"{len(ale_figures)} av {len(ale_figures)}" in ale_row
    kungalv = OrgUnit.objects.get(name="Kungälv")
    kungalv_row = _row_of(text, entry_url(kungalv, year_2027))
    assert "Ej påbörjad" in kungalv_row and "Inskickad" not in kungalv_row


def test_overview_counts_targets_met_per_goal(client, process_leader, ale_user, ale, year_2027,
                                              ale_figures):  # fmt: skip
    """Ale meets every target it has in 2027 (good_value); the goal table counts them."""
    client.force_login(ale_user)
    client.post(entry_url(ale, year_2027), grid_data(ale_figures))
    client.force_login(process_leader)
    empty = read_export(_export(client, "csv", "mal", 2026))
    rows = read_export(_export(client, "csv", "mal", 2027))
    header = rows[0]
    met = header.index("Uppfyllt")
    goal_21 = next(r for r in rows if "Mål 2:1" in r[header.index("Mål")])
    assert int(goal_21[met]) >= 1
    assert all(int(r[met]) == 0 for r in empty[1:])
    page = client.get(reverse("indicators:overview"), {"year": 2027}).content.decode()
    assert "Måluppfyllelse per fokusområde och mål 2027" in page
    assert f"✓</span> {goal_21[met]}" in _row_of(page, 'href="#mal-0002.0001"')


def _export(client, fmt, table, year, **extra):
    params = {"year": year, "export": fmt, "tabell": table, **extra}
    response = client.get(reverse("indicators:overview"), params)
    assert response.status_code == 200
    return response


@pytest.mark.parametrize(("fmt", "kind"), [("csv", "text/csv"), ("xlsx", "spreadsheetml")])
def test_overview_tables_export_their_contents(
    client, process_leader, ale_user, ale, year_2027, ale_figures, fmt, kind, helar_2027_ended
):
    client.force_login(ale_user)
    client.post(entry_url(ale, year_2027), {**grid_data(ale_figures), "spara_och_skicka": "1"})
    client.force_login(process_leader)
    far = next(kf for kf in ale_figures if kf.name == "Antal förskrivna FaR")
    exported = {}
    for table in ("inrapportering", "mal", "status"):
        response = _export(client, fmt, table, 2027, kind="year")
        assert kind in response["Content-Type"]
        assert "attachment" in response["Content-Disposition"]
        exported[table] = read_export(response)
    reports = exported["inrapportering"]
    assert reports[0] == ["Enhet", "Period", "Sista dag", "Status", "Ifyllda värden"]
    n = len(ale_figures)
    assert ["Ale", "Helår 2027", str(year_2027.deadline), "Inskickad", f"{n} av {n}"] in reports
    assert {r[0] for r in reports[1:]} >= {"Ale", "Kungälv", "Stenungsund", "Tjörn"}
    goals = exported["mal"]
    assert goals[0][:3] == ["Fokusområde", "Mål", "Nyckeltal"]
    assert any(r[1].startswith("Mål 2:1 ") for r in goals[1:])
    assert not any("<" in cell for row in goals for cell in row)  # values, not page markup
    statuses = exported["status"]
    header = statuses[0]
    assert header[:6] == ["Mål", "Nyckeltal", "Enhet", "År", "Värde", "Status"]
    far_ale = next(r for r in statuses if r[1] == far.name and r[2] == "Ale")
    assert (far_ale[0], far_ale[3], far_ale[4]) == ("1:1", "2027", "12")
    far_tjorn = next(r for r in statuses if r[1] == far.name and r[2] == "Tjörn")
    assert (far_tjorn[4], far_tjorn[5]) == ("", "Värde saknas")


def test_overview_filters_by_status(client, process_leader, simba_plan, found):
    Submission.objects.filter(org_unit__code="1440").update(status="returned")
    client.force_login(process_leader)
    page = client.get(reverse("indicators:overview"), {"year": 2026, "status": "returned"})
    text = page.content.decode()
    assert (
        "Återsänd" in text
        and "Kungälv" not in text.split("Inrapportering per enhet")[1].split("Måluppfyllelse")[0]
    )


def test_area_group_follows_up_its_activities(client, ale_user, ale, simba_plan):
    from indicators.activities import activities_for

    activity = activities_for(simba_plan, ale)[0]
    client.force_login(ale_user)
    url = reverse("indicators:activities", args=["1440", 2026])
    data = {f"a{activity.pk}-status": "paused", f"a{activity.pk}-comment": "Pausad till hösten"}
    response = client.post(url, data)
    assert response.status_code == 302
    saved = ActivityFollowUp.objects.get(activity=activity, org_unit=ale)
    assert (saved.status, saved.comment, saved.updated_by) == (
        "paused",
        "Pausad till hösten",
        ale_user,
    )
    assert saved.history.get().history_user == ale_user


def test_activity_follow_up_is_hidden_from_another_municipality(client, tjorn_user, simba_plan):
    client.force_login(tjorn_user)
    assert client.get(reverse("indicators:activities", args=["1440", 2026])).status_code == 404


def test_seed_demo_values_command_fills_every_unit(simba_plan):
    from django.core.management import call_command

    from indicators.models import Value

    call_command("seed_demo_values", "--years", "2026")
    units = set(Value.objects.values_list("org_unit__name", flat=True))
    assert units == {"Ale", "Kungälv", "Stenungsund", "Tjörn", "SIMBA-området"}
    assert Value.objects.filter(not_available=True).exists()


def test_demo_values_give_every_activity_a_whole_area_status_per_year(simba_plan):
    from plans.models import Activity

    fill_values(simba_plan, [2026, 2027], seed=1)
    fill_values(simba_plan, [2026, 2027], seed=2)  # a second run keeps what is there
    activities = Activity.objects.filter(goal__focus_area__plan=simba_plan).count()
    follow_ups = ActivityFollowUp.objects.filter(
        org_unit=None, activity__goal__focus_area__plan=simba_plan
    )
    assert follow_ups.count() == 2 * activities
    assert set(follow_ups.values_list("period__start__year", flat=True)) == {2026, 2027}
    assert len(set(follow_ups.values_list("status", flat=True))) > 1
