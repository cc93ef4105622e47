"""How the analysis pages' cost grows with the plan: queries and time, as ratios within one run.

    DATABASE_URL=... SECRET_KEY=x python bench/analysis.py

The real plan and one four times larger, both with demo analysis texts and comments
(analysis/demo.py). Runs in one transaction that is rolled back.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

# bench._setup sets Django up: it comes before any model is imported.
from bench._setup import (
    footnote,
    measure,
    process_leader_client,
    real_and_larger,
    rolled_back,
)

# isort: split
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from analysis.demo import fill_analysis
from analysis.models import GoalAnalysis
from analysis.snapshot import analysis_for
from plans.models import Goal


def run():
    client = process_leader_client("bench-analysis")
    plans = real_and_larger(4)
    for plan, year in plans:
        fill_analysis(plan, year)
    rows = []
    for plan, year in plans:
        goals = Goal.objects.filter(focus_area__plan=plan).count()
        plan_page = measure(client, "get", reverse("plans:detail", args=[plan.pk]))
        page = measure(client, "get", reverse("analysis:year", args=[plan.pk, year]))
        goal = Goal.objects.filter(focus_area__plan=plan).first()
        url = reverse("analysis:goal_edit", args=[plan.pk, year, goal.pk])

        def data(goal=goal, year=year):
            row = GoalAnalysis.objects.get(goal=goal, year=year)
            return {"analysis": row.analysis + ".", "next_steps": "", "version": row.version}

        saved = measure(client, "post", url, data, HTTP_HX_REQUEST="true")
        with CaptureQueriesContext(connection) as captured:
            analysis_for(plan, year)
        rows.append((goals, plan_page, page, saved, len(captured)))
    base = rows[0][1][0]
    print(f"{'goals':>6} {'plan page':>22} {'analysis page':>22} {'save one goal (htmx)':>24}"
          f" {'snapshot':>9}")  # fmt: skip
    for goals, plan_page, page, saved, snapshot_queries in rows:
        print(f"{goals:>6} " + " ".join(
            f"{t / base:>9.2f}× {q:>4} queries" for t, q in (plan_page, page, saved)
        ) + f" {snapshot_queries:>3} queries")  # fmt: skip
    print(footnote(base))


if __name__ == "__main__":
    rolled_back(run)
