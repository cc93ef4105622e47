"""Demo analysis texts: every part gets a text once; a second run changes nothing."""

import pytest
from django.core.management import call_command

from analysis.models import GoalAnalysis
from analysis.snapshot import analysis_for
from plans.models import Goal

pytestmark = pytest.mark.django_db


def test_demo_texts_fill_every_part_once_and_leave_saved_texts_alone(simba_plan):
    goal = Goal.objects.get(focus_area__plan=simba_plan, code="2:1")
    GoalAnalysis.objects.create(goal=goal, year=2026, analysis="Egen text.", version=1)
    call_command("seed_demo_analysis", "--years", "2026")
    shape = analysis_for(simba_plan, 2026)
    assert shape["overall"].startswith("Planen går i huvudsak enligt plan 2026.")
    assert len(shape["focus_areas"]) == simba_plan.focus_areas.count()
    assert len(shape["goals"]) == Goal.objects.filter(focus_area__plan=simba_plan).count()
    assert shape["goals"]["2:1"]["analysis"] == "Egen text."
    assert any(g["unit_comments"] for g in shape["goals"].values())
    call_command("seed_demo_analysis", "--years", "2026")
    assert analysis_for(simba_plan, 2026) == shape
