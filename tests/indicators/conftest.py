"""Shared helpers for the follow-up tests: Ale's report for a period and POST data for its grid."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from indicators.models import Period
from indicators.reporting import ensure_reporting
from organisation.models import OrgUnit
from plans.targets import ValueKind


@pytest.fixture
def found(simba_plan):
    return ensure_reporting(simba_plan)


@pytest.fixture
def ale(simba_plan):
    return OrgUnit.objects.get(code="1440")


@pytest.fixture
def year_2027(found, simba_plan):
    """Helår 2027, open for the area group: its deadline (2028-01-30) lies ahead of the suite's
    fixed date (tests/conftest.py). Tests on the real clock (browser) may run later; for them
    the deadline is moved ahead, as the process leader may do."""
    period = Period.objects.get(plan=simba_plan, kind="year", start__year=2027)
    today = timezone.localdate()
    if period.deadline <= today:
        period.deadline = today + timedelta(days=60)
        period.save(update_fields=["deadline"])
    return period


# A period can be submitted from its last day on (indicators/workflow.py `has_ended`): Helår
# 2027's report can be sent between 31 December 2027 and its deadline, 30 January 2028.
HELAR_2027_ENDED = datetime(2028, 1, 10, 10, 0, tzinfo=ZoneInfo("Europe/Stockholm"))


@pytest.fixture
def helar_2027_ended(year_2027):
    """The clock on 10 January 2028: Helår 2027 has ended and its deadline lies ahead, so its
    report can be submitted, approved, returned and reopened."""
    with time_machine.travel(HELAR_2027_ENDED, tick=True):
        yield year_2027


@pytest.fixture
def ale_figures(found, ale, year_2027):
    return found.figures_for(ale, year_2027)


def entry_url(unit, period):
    return reverse("indicators:entry", args=[unit.code, period.pk])


def good_value(kf) -> dict:
    """A valid value for the figure's kind, meeting its target where it has one."""
    kind = kf.value_kind
    if kind == ValueKind.YES_NO:
        return {"yes_no": "ja"}
    if kind == ValueKind.TEXT:
        return {"text": "Enligt mallen"}
    if kind == ValueKind.DAYS:
        return {"number": "0,8"}
    if kind == ValueKind.PERCENTAGE:
        return {"number": "100"}
    return {"number": "12"}


def grid_data(figures, overrides=None, **extra) -> dict:
    """POST data for the entry grid with every figure filled in (explanations where needed)."""
    overrides = overrides or {}
    data = dict(extra)
    for kf in figures:
        fields = overrides.get(kf.pk, good_value(kf))
        fields = {"explanation": "Förklaring", **fields}
        for name, value in fields.items():
            data[f"kf{kf.pk}-{name}"] = value
        data.setdefault(f"kf{kf.pk}-version", "0")
    return data
