"""The date-dependent parts, run at two instants on either side of a year boundary (the last
half hour of 2026 and the first of 2027, Swedish time). Each expectation is written out for its
date, not computed with the code's own rule.

What depends on the date: which periods are due and which coming (the unit's page), the
overview's and the import template's default year, and which periods "Spara och skicka in" on
the year page submits (only ended ones).
"""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from indicators.models import Submission
from tests.indicators.test_year_http import year_data

pytestmark = pytest.mark.django_db
SWEDEN = ZoneInfo("Europe/Stockholm")
NEW_YEARS_EVE = datetime(2026, 12, 31, 23, 30, tzinfo=SWEDEN)
NEW_YEARS_DAY = datetime(2027, 1, 1, 0, 30, tzinfo=SWEDEN)
INSTANTS = pytest.mark.parametrize(
    "now", [NEW_YEARS_EVE, NEW_YEARS_DAY], ids=["new-years-eve", "new-years-day"]
)
# A period is open for reporting from its last day (workflow.has_ended): December, the second
# half and the year 2026 become due when 31 December begins, not when it ends.
DAY_BEFORE = datetime(2026, 12, 30, 23, 30, tzinfo=SWEDEN)
LAST_DAY = datetime(2026, 12, 31, 0, 30, tzinfo=SWEDEN)
PERIOD_INSTANTS = pytest.mark.parametrize(
    "now", [DAY_BEFORE, LAST_DAY], ids=["30-december", "31-december"]
)


@pytest.fixture
def at(now):
    with time_machine.travel(now, tick=False):
        yield now


@INSTANTS
def test_the_overview_opens_on_the_current_year(client, process_leader, found, at):
    client.force_login(process_leader)
    page = client.get(reverse("indicators:overview")).content.decode()
    shown = {NEW_YEARS_EVE: 2026, NEW_YEARS_DAY: 2027}[at]
    assert f"Måluppfyllelse per fokusområde och mål {shown}" in page
    assert f"Måluppfyllelse per fokusområde och mål {4053 - shown}" not in page


@INSTANTS
def test_the_import_template_is_for_the_current_year(client, ale_user, found, at):
    client.force_login(ale_user)
    response = client.get(reverse("indicators:import_template"))
    year = {NEW_YEARS_EVE: 2026, NEW_YEARS_DAY: 2027}[at]
    assert f"simba-import-{year}.csv" in response["Content-Disposition"]


@PERIOD_INSTANTS
def test_the_unit_page_moves_helar_2026_from_coming_to_due(client, ale_user, found, at):
    client.force_login(ale_user)
    page = client.get(reverse("indicators:unit", args=["1440"])).content.decode()
    due = page.split('id="att-gora"')[1].split('id="inskickat"')[0]
    coming = page.split('id="kommande"')[1].split('id="aktiviteter"')[0]
    if at == DAY_BEFORE:
        assert "Helår 2026" in coming and "Helår 2026" not in due
        assert "December 2026" in coming and "November 2026" in due
    else:
        assert "Helår 2026" in due and "Helår 2026" not in coming
        assert "December 2026" in due and "Januari 2027" in coming


@PERIOD_INSTANTS
def test_submitting_the_year_submits_only_what_has_ended(client, process_leader, ale, found, at):
    """As the process leader, whom passed deadlines do not stop (the area group's own months of
    2026 are past their deadlines on both dates)."""
    client.force_login(process_leader)
    data = year_data(found, ale, 2026, skicka_in="1")
    assert client.post(reverse("indicators:year", args=["1440", 2026]), data).status_code == 302
    status = {
        (s.period.kind, s.period.start.month): s.status
        for s in Submission.objects.filter(org_unit=ale, period__end__year=2026)
    }
    last_ones = {("month", 12), ("half_year", 7), ("year", 1)}
    assert last_ones <= status.keys()
    if at == DAY_BEFORE:  # December, the second half and the year end tomorrow
        assert {k for k, v in status.items() if v == "draft"} == last_ones
    else:
        assert set(status.values()) == {"submitted"}
