"""The process leader's overview, exports, activity follow-up and the area group's own page."""

import pytest
from django.urls import reverse

from indicators.demo import fill_values
from indicators.models import ActivityFollowUp, Submission
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


def test_overview_shows_who_submitted_and_links_to_entry(client, process_leader, ale_user, ale,
                                                         year_2027, ale_figures):  # fmt: skip
    client.force_login(ale_user)
    client.post(entry_url(ale, year_2027), {**grid_data(ale_figures), "spara_och_skicka": "1"})
    client.force_login(process_leader)
    page = client.get(reverse("indicators:overview"), {"year": 2027, "kind": "year"})
    text = page.content.decode()
    assert page.status_code == 200
    assert "Inskickad" in text and "Ej påbörjad" in text
    assert entry_url(ale, year_2027) in text


def test_overview_counts_targets_met_per_goal(client, process_leader, simba_plan):
    fill_values(simba_plan, [2026], seed=1)
    client.force_login(process_leader)
    page = client.get(reverse("indicators:overview"), {"year": 2026}).content.decode()
    assert "Måluppfyllelse per fokusområde och mål 2026" in page
    assert "✓" in page and "Mål 2:1" in page


@pytest.mark.parametrize(("fmt", "kind"), [("csv", "text/csv"), ("xlsx", "spreadsheetml")])
def test_overview_tables_export(client, process_leader, simba_plan, fmt, kind):
    fill_values(simba_plan, [2026], seed=1)
    client.force_login(process_leader)
    for table in ("inrapportering", "mal", "status"):
        response = client.get(
            reverse("indicators:overview"), {"year": 2026, "export": fmt, "tabell": table}
        )
        assert kind in response["Content-Type"]
        assert "attachment" in response["Content-Disposition"]


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
