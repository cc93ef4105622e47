"""The entry page and the overview take the same number of SQL queries however many key figures
and units there are."""

import pytest
from django.urls import reverse

from indicators.demo import fill_values
from indicators.reporting import ensure_reporting
from organisation.models import OrgUnit
from plans.models import KeyFigure
from tests.indicators.conftest import entry_url
from tests.queries import count_queries

pytestmark = pytest.mark.django_db


def add_figures(plan, count):
    template = KeyFigure.objects.get(name="Antal förskrivna FaR")
    for index in range(count):
        KeyFigure.objects.create(
            goal=template.goal, name=f"Extra nyckeltal {index}", value_kind="count",
            reporting_level="municipality", frequency="year", position=10 + index,
        )  # fmt: skip


def add_units(count):
    area = OrgUnit.objects.get(kind="area")
    for index in range(count):
        OrgUnit.objects.create(name=f"Kommun {index}", code=f"99{index}", kind="municipality",
                               parent=area, collaboration_area=area.collaboration_area)  # fmt: skip


def test_entry_page_queries_do_not_grow_with_key_figures(client, process_leader, simba_plan, ale):
    ensure_reporting(simba_plan)
    fill_values(simba_plan, [2026, 2027], seed=3)
    period = simba_plan.periods.get(kind="year", start__year=2027)
    client.force_login(process_leader)
    before = count_queries(client, entry_url(ale, period))
    add_figures(simba_plan, 12)
    fill_values(simba_plan, [2026, 2027], seed=4)
    assert count_queries(client, entry_url(ale, period)) == before


def test_overview_queries_do_not_grow_with_key_figures_or_units(client, process_leader, simba_plan):
    fill_values(simba_plan, [2026], seed=3)
    client.force_login(process_leader)
    url = reverse("indicators:overview")
    before = count_queries(client, url, {"year": 2026})
    add_figures(simba_plan, 8)
    add_units(3)
    fill_values(simba_plan, [2026], seed=4)
    assert count_queries(client, url, {"year": 2026}) == before


def test_own_page_queries_do_not_grow_with_key_figures(client, ale_user, simba_plan):
    fill_values(simba_plan, [2026], seed=3)
    client.force_login(ale_user)
    url = reverse("indicators:unit", args=["1440"])
    before = count_queries(client, url)
    add_figures(simba_plan, 8)
    assert count_queries(client, url) == before


def test_year_page_queries_do_not_grow_with_key_figures(client, ale_user, simba_plan):
    fill_values(simba_plan, [2026], seed=3)
    client.force_login(ale_user)
    url = reverse("indicators:year", args=["1440", 2026])
    before = count_queries(client, url)
    add_figures(simba_plan, 8)
    fill_values(simba_plan, [2026], seed=4)
    assert count_queries(client, url) == before
