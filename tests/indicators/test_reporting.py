"""Which unit reports which figure and when: the plan's Uppföljning/Redovisning as data."""

import pytest

from indicators.models import Period, Submission
from indicators.reporting import ensure_reporting, reporting_units
from organisation.models import OrgUnit
from plans.models import KeyFigure

pytestmark = pytest.mark.django_db


def test_periods_cover_each_frequency_over_the_plan_years(simba_plan):
    ensure_reporting(simba_plan)
    kinds = {k: Period.objects.filter(plan=simba_plan, kind=k).count() for k in
             ("year", "half_year", "month", "rolling_12_months")}  # fmt: skip
    assert kinds == {"year": 2, "half_year": 4, "month": 24, "rolling_12_months": 2}
    assert all(p.deadline > p.end for p in Period.objects.filter(plan=simba_plan))


def test_creating_reporting_twice_creates_nothing_new(simba_plan):
    ensure_reporting(simba_plan)
    counts = (Period.objects.count(), Submission.objects.count())
    ensure_reporting(simba_plan)
    assert (Period.objects.count(), Submission.objects.count()) == counts


def test_a_moved_deadline_is_kept(simba_plan):
    ensure_reporting(simba_plan)
    period = Period.objects.filter(plan=simba_plan, kind="year").first()
    period.deadline = period.deadline.replace(day=15)
    period.save()
    ensure_reporting(simba_plan)
    period.refresh_from_db()
    assert period.deadline.day == 15


def test_municipality_level_figures_go_to_each_municipality_only(simba_plan):
    kf = KeyFigure.objects.get(name="Antal proaktiva SIP/kommun")
    units = list(OrgUnit.objects.all())
    assert sorted(u.name for u in reporting_units(kf, units)) == [
        "Ale", "Kungälv", "Stenungsund", "Tjörn",
    ]  # fmt: skip


def test_area_enters_figures_that_cannot_be_summed_from_municipalities(simba_plan):
    days = KeyFigure.objects.get(name="Medelvårdtiden som utskrivningsklar")
    count = KeyFigure.objects.get(name="Antal förskrivna FaR")
    units = list(OrgUnit.objects.all())
    assert "SIMBA-området" in [u.name for u in reporting_units(days, units)]
    assert "SIMBA-området" not in [u.name for u in reporting_units(count, units)]


def test_an_actor_tied_to_a_unit_makes_that_unit_the_only_reporter(simba_plan):
    kf = KeyFigure.objects.get(name="Antal förskrivna FaR")
    tjorn = OrgUnit.objects.get(name="Tjörn")
    kf.followed_up_by.org_unit = tjorn
    kf.followed_up_by.save()
    assert reporting_units(kf, list(OrgUnit.objects.all())) == [tjorn]


def test_each_municipality_has_one_report_per_month_for_sip(simba_plan):
    found = ensure_reporting(simba_plan)
    ale = OrgUnit.objects.get(name="Ale")
    months = [p for p in found.periods_for(ale) if p.kind == "month"]
    assert len(months) == 24
    assert [kf.name for kf in found.figures_for(ale, months[0])] == [
        "Antal upprättade SIP i SAMSA", "Antal uppföljda SIP i SAMSA",
    ]  # fmt: skip
