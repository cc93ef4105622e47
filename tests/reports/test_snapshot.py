"""The report's snapshot: plain data with the right values, statuses, sums and approval marks."""

import json
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from indicators.models import Value
from reports.snapshot import build_snapshot, fingerprint
from tests.reports.factories import (
    DISCHARGE,
    OUTREACH,
    SIP,
    known_dataset,
    period,
    value,
    year,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def snapshot(simba_plan):
    known_dataset(simba_plan)
    return build_snapshot(simba_plan, 2027, "politiska_samradsgruppen")


def find_figure(snapshot, name):
    return next(
        f
        for fa in snapshot["focus_areas"]
        for g in fa["goals"]
        for f in g["key_figures"]
        if f["name"] == name
    )


def cells(figure, unit_name):
    row = next(r for r in figure["rows"] if r["unit"] == unit_name)
    return {c["year"]: c for c in row["cells"]}


def test_yearly_values_carry_status_trend_and_display(snapshot):
    ale = cells(find_figure(snapshot, DISCHARGE), "Ale")
    assert (ale[2026]["display"], ale[2026]["status"]) == ("0,8 dygn", "met")
    assert (ale[2027]["display"], ale[2027]["status"]) == ("1,3 dygn", "not_met")
    assert ale[2027]["trend"] == "↑ ökning"
    assert ale[2027]["comment"] == "Vårdplatsbrist i mars."


def test_value_is_final_only_when_its_submission_is_approved(snapshot):
    ale = cells(find_figure(snapshot, DISCHARGE), "Ale")
    assert ale[2026]["final"] is True
    assert ale[2027]["final"] is False


def test_monthly_counts_are_summed_over_the_year(simba_plan):
    known_dataset(simba_plan)
    snap = build_snapshot(simba_plan, 2026, "samordningsgruppen")
    assert cells(find_figure(snap, SIP), "Ale")[2026]["value"] == sum(range(1, 13))


def test_a_year_with_a_missing_month_shows_its_coverage_and_is_not_judged(simba_plan):
    known_dataset(simba_plan)
    Value.objects.filter(period__start=date(2026, 5, 1), org_unit__name="Ale").delete()
    snap = build_snapshot(simba_plan, 2026, "samordningsgruppen")
    cell = cells(find_figure(snap, SIP), "Ale")[2026]
    assert (cell["value"], cell["shown"], cell["basis"]) == (73, "73 (11 av 12 mån)",
                                                             "summa jan–dec")  # fmt: skip
    assert (cell["status_label"], cell["missing_reason"]) == ("Ej bedömt", "")


def test_area_count_is_the_sum_of_the_municipalities(snapshot):
    area = cells(find_figure(snapshot, OUTREACH), "SIMBA-området")
    assert area[2027]["value"] == 11 + 22 + 33 + 44


def test_area_days_cannot_be_summed_and_are_listed_as_missing(snapshot):
    area = cells(find_figure(snapshot, DISCHARGE), "SIMBA-området")
    assert area[2027]["value"] is None
    listed = [m for m in snapshot["missing"] if m["figure"] == DISCHARGE]
    assert {"unit": "SIMBA-området", "year": 2027} in [
        {"unit": m["unit"], "year": m["year"]} for m in listed
    ]


def test_headline_status_is_not_met_when_a_municipality_misses_the_target(snapshot):
    assert find_figure(snapshot, DISCHARGE)["status"] == "not_met"


def test_activity_has_the_years_status_and_comment(snapshot):
    goal = next(g for fa in snapshot["focus_areas"] for g in fa["goals"] if g["code"] == "2:1")
    activity = next(a for a in goal["activities"] if a["code"] == "2:1:1")
    assert (activity["status_label"], activity["comment"]) == (
        "Pågår",
        "Ny rutin prövas i Ale och Tjörn.",
    )


def test_snapshot_is_plain_json(snapshot):
    assert json.loads(json.dumps(snapshot)) == snapshot


def test_fingerprint_is_stable_for_unchanged_data_and_changes_with_a_value(simba_plan):
    known_dataset(simba_plan)
    first = fingerprint(build_snapshot(simba_plan, 2027, "samordningsgruppen"))
    again = fingerprint(build_snapshot(simba_plan, 2027, "samordningsgruppen"))
    value(simba_plan, DISCHARGE, "Tjörn", year(simba_plan, 2027), number=Decimal("0.9"))
    changed = fingerprint(build_snapshot(simba_plan, 2027, "samordningsgruppen"))
    assert first == again != changed


def _queries(plan) -> int:
    with CaptureQueriesContext(connection) as captured:
        build_snapshot(plan, 2027, "samordningsgruppen")
    return len(captured)


def test_snapshot_takes_a_fixed_number_of_queries(simba_plan):
    """The count does not grow with the data: twelve more months of values cost no query."""
    known_dataset(simba_plan)
    period(simba_plan, "month", date(2027, 1, 1))
    small = _queries(simba_plan)
    for month in range(1, 13):
        value(simba_plan, SIP, "Tjörn", period(simba_plan, "month", date(2027, month, 1)),
              number=month)  # fmt: skip
    assert _queries(simba_plan) == small <= 16 + 4  # + 4: the analysis texts


def test_should_increase_without_last_years_value_cannot_be_judged(simba_plan):
    value(simba_plan, "Antal förskrivna FaR", "Ale", year(simba_plan, 2026), number=Decimal(40))
    snap = build_snapshot(simba_plan, 2026, "samordningsgruppen")
    cell = cells(find_figure(snap, "Antal förskrivna FaR"), "Ale")[2026]
    assert (cell["display"], cell["status"], cell["status_label"]) == (
        "40",
        "not_judged",
        "Ej bedömt",
    )
    assert "föregående år" in cell["reason"]
