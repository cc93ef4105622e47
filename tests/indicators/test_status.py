"""The overview's figure × unit table (from outcomes.py): area totals, trend, goal counts."""

from decimal import Decimal

import pytest

from indicators.models import Period, Value
from indicators.status import figure_statuses, goal_summary
from organisation.models import OrgUnit
from plans.models import KeyFigure

pytestmark = pytest.mark.django_db


def put(kf, unit, period, **fields):
    return Value.objects.create(key_figure=kf, org_unit=unit, period=period, **fields)


@pytest.fixture
def years(found, simba_plan):
    return {p.start.year: p for p in Period.objects.filter(plan=simba_plan, kind="year")}


def status_of(found, name, year=2027):
    return next(fs for fs in figure_statuses(found, year) if fs.key_figure.name == name)


def test_counts_are_summed_for_the_area_and_compared_with_last_year(found, years):
    far = KeyFigure.objects.get(name="Antal förskrivna FaR")
    for index, unit in enumerate(OrgUnit.objects.filter(kind="municipality")):
        put(far, unit, years[2026], number=10)
        put(far, unit, years[2027], number=10 + index)
    fs = status_of(found, "Antal förskrivna FaR")
    assert fs.area.outcome.value == Decimal("46") and not fs.area.entry
    assert fs.area.status == "met"  # 46 > 40: "ska öka"
    assert fs.area.outcome.trend == "↑ ökning"
    first = fs.cells[0]
    assert first.status == "not_met"  # 10 → 10 is no increase


def test_area_percentage_comes_from_numerator_and_denominator(found, years):
    share = KeyFigure.objects.get(name__startswith="Andel patienter som skrivs ut från KS")
    for unit, (num, den) in zip(OrgUnit.objects.filter(kind="municipality"),
                                [(9, 10), (1, 10), (5, 10), (5, 10)], strict=True):  # fmt: skip
        put(share, unit, years[2027], number=Decimal(num * 10), numerator=num, denominator=den)
    fs = status_of(found, share.name)
    assert fs.area.outcome.value == Decimal("50.0")
    assert fs.area.status == "not_met"  # 50 % is not > 70 %


def test_days_are_entered_for_the_area_not_summed(found, years):
    days = KeyFigure.objects.get(name="Medelvårdtiden som utskrivningsklar")
    area = OrgUnit.objects.get(kind="area")
    put(days, area, years[2027], number=Decimal("0.8"))
    fs = status_of(found, days.name)
    assert fs.area.entry and fs.area.outcome.value == Decimal("0.8")
    assert fs.area.status == "met"


def test_a_missing_municipality_shows_the_partial_area_sum_unjudged(found, years):
    far = KeyFigure.objects.get(name="Antal förskrivna FaR")
    put(far, OrgUnit.objects.get(name="Ale"), years[2027], number=10)
    area = status_of(found, far.name).area.outcome
    assert area.shown == "10 (1 av 4 kommuner fullständiga)" and area.status == "not_judged"


def test_goal_summary_counts_each_status(found, years):
    days = KeyFigure.objects.get(name="Medelvårdtiden som utskrivningsklar")
    put(days, OrgUnit.objects.get(name="Ale"), years[2027], number=Decimal("2"))
    put(days, OrgUnit.objects.get(name="Tjörn"), years[2027], number=Decimal("0.5"))
    row = next(
        r for r in goal_summary(figure_statuses(found, 2027)) if r["goal"].startswith("Mål 2:1")
    )
    assert row["figures"] == 3
    # The days figure: Ale misses, Tjörn meets → its headline is the worst judged row.
    assert (row["met"], row["not_met"], row["missing"]) == (0, 1, 2)
