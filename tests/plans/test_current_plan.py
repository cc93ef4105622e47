"""One current plan: the start page, follow-up, overview and reports agree on it, and the next
plan's draft never takes over."""

from datetime import date

import pytest
from django.urls import reverse

from indicators.models import Period
from plans import lifecycle
from plans.models import Plan
from plans.selectors import current_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def adopted_with_next_draft(simba_plan):
    lifecycle.adopt(simba_plan, date(2026, 1, 15))
    draft = lifecycle.create_next_plan(simba_plan, 2028, 2029)
    return simba_plan, draft


@pytest.mark.parametrize("today", [date(2026, 11, 30), date(2027, 6, 1), date(2028, 3, 1)])
def test_an_adopted_plan_stays_current_while_the_next_one_is_a_draft(
    adopted_with_next_draft, today
):
    adopted, _ = adopted_with_next_draft
    assert current_plan(adopted.collaboration_area, today) == adopted


def test_the_adopted_plan_covering_today_wins_over_a_newer_adopted_one(adopted_with_next_draft):
    adopted, draft = adopted_with_next_draft
    lifecycle.adopt(draft, date(2027, 11, 1))
    area = adopted.collaboration_area
    assert current_plan(area, date(2027, 12, 1)) == adopted  # 2026–2027 still runs
    assert current_plan(area, date(2028, 1, 2)) == draft  # its years have begun
    assert current_plan(area, date(2031, 1, 1)) == draft  # none covers today: the newest adopted


def test_without_an_adopted_plan_the_newest_draft_is_current(simba_plan):
    newer = Plan.objects.create(
        collaboration_area=simba_plan.collaboration_area,
        title="Nästa",
        first_year=2028,
        last_year=2029,
    )
    assert current_plan(simba_plan.collaboration_area, date(2026, 11, 30)) == newer
    Plan.objects.filter(pk=newer.pk).update(status=Plan.Status.ARCHIVED)
    assert current_plan(simba_plan.collaboration_area, date(2026, 11, 30)) == simba_plan


def test_every_page_uses_the_adopted_plan_not_the_next_draft(
    client, process_leader, adopted_with_next_draft
):
    adopted, draft = adopted_with_next_draft
    client.force_login(process_leader)

    start = client.get(reverse("home"))
    assert start.url == reverse("plans:detail", args=[adopted.pk])
    reports = client.get(reverse("reports:home"))
    assert reports.url == reverse("reports:index", args=[adopted.pk])
    overview = client.get(reverse("indicators:overview"))
    assert overview.status_code == 200
    assert overview.context["plan"] == adopted
    unit = client.get(reverse("indicators:unit", args=["1440"]))
    assert unit.context["plan"] == adopted
    # Follow-up never created periods for the draft.
    assert not Period.objects.filter(plan=draft).exists()
    assert Period.objects.filter(plan=adopted).exists()
