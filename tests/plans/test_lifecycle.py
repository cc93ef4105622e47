from datetime import date

import pytest

from indicators.models import Period, Value
from plans import lifecycle
from plans.models import Activity, Goal, KeyFigure, Plan

pytestmark = pytest.mark.django_db


def test_adopting_a_draft_locks_it_with_the_date(simba_plan):
    lifecycle.adopt(simba_plan, date(2026, 1, 15))
    simba_plan.refresh_from_db()
    assert (simba_plan.status, simba_plan.adopted_on) == ("adopted", date(2026, 1, 15))
    with pytest.raises(lifecycle.PlanLocked, match="2026-01-15"):
        lifecycle.ensure_editable(simba_plan)


def test_reopening_needs_a_reason_and_records_it(simba_plan):
    lifecycle.adopt(simba_plan, date(2026, 1, 15))
    with pytest.raises(lifecycle.LifecycleError, match="Skriv varför"):
        lifecycle.reopen(simba_plan, "  ")
    lifecycle.reopen(simba_plan, "Ny lag om SIP")
    simba_plan.refresh_from_db()
    assert simba_plan.status == "draft"
    assert "Ny lag om SIP" in simba_plan.history.first().history_change_reason


def test_only_an_adopted_plan_can_be_reopened(simba_plan):
    with pytest.raises(lifecycle.LifecycleError, match="Bara en fastställd"):
        lifecycle.reopen(simba_plan, "skäl")


def test_the_next_plan_follows_right_after_with_the_same_length(simba_plan):
    assert lifecycle.next_period(simba_plan) == (2028, 2029)


def test_the_next_plan_needs_an_adopted_plan(simba_plan):
    with pytest.raises(lifecycle.LifecycleError, match="Fastställ planen först"):
        lifecycle.create_next_plan(simba_plan, 2028, 2029)


def _structure(plan):
    goals = Goal.objects.filter(focus_area__plan=plan).order_by("focus_area__number", "sort_key")
    return [
        (g.focus_area.number, g.code, g.title, g.shares_with.code if g.shares_with else None,
         [(a.code, a.text, [r.actor.name for r in a.responsibilities.all()])
          for a in g.activities.all()],
         [(k.name, k.target_label, sorted(a.name for a in k.reported_to.all()))
          for k in g.key_figures.all()])
        for g in goals
    ]  # fmt: skip


def test_the_next_plan_copies_the_structure_without_follow_up_values(simba_plan, ale_user):
    period = Period.objects.create(
        plan=simba_plan, kind="year", start=date(2026, 1, 1), end=date(2026, 12, 31),
        deadline=date(2027, 1, 31),
    )  # fmt: skip
    figure = KeyFigure.objects.filter(goal__focus_area__plan=simba_plan).first()
    Value.objects.create(key_figure=figure, org_unit=ale_user.profile.org_unit, period=period,
                         number=3)  # fmt: skip
    lifecycle.adopt(simba_plan, date(2026, 1, 15))
    new = lifecycle.create_next_plan(simba_plan, 2028, 2029)
    assert (new.first_year, new.last_year, new.status) == (2028, 2029, "draft")
    assert _structure(new) == _structure(simba_plan)
    assert not Value.objects.filter(key_figure__goal__focus_area__plan=new).exists()
    assert not Period.objects.filter(plan=new).exists()
    assert Activity.objects.filter(goal__focus_area__plan=simba_plan).count() == (
        Activity.objects.filter(goal__focus_area__plan=new).count()
    )


def test_the_next_plan_is_not_created_twice(simba_plan):
    lifecycle.adopt(simba_plan, date(2026, 1, 15))
    lifecycle.create_next_plan(simba_plan, 2028, 2029)
    with pytest.raises(lifecycle.LifecycleError, match="finns redan"):
        lifecycle.create_next_plan(simba_plan, 2028, 2029)
    assert Plan.objects.count() == 2


def test_the_next_plan_must_start_after_this_one(simba_plan):
    lifecycle.adopt(simba_plan, date(2026, 1, 15))
    with pytest.raises(lifecycle.LifecycleError, match="börja efter 2027"):
        lifecycle.create_next_plan(simba_plan, 2027, 2028)
