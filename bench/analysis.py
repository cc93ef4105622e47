"""How the analysis pages' cost grows with the plan: queries and time, as ratios within one run.

    DATABASE_URL=... SECRET_KEY=x python bench/analysis.py

The real plan and one four times larger, both with demo analysis texts and comments
(analysis/demo.py). Runs in one transaction that is rolled back.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "simba.settings")

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from accounts.models import Profile  # noqa: E402
from analysis.demo import fill_analysis  # noqa: E402
from analysis.models import GoalAnalysis  # noqa: E402
from analysis.snapshot import analysis_for  # noqa: E402
from bench.editor import ROUNDS, Rollback, measure  # noqa: E402
from organisation.models import CollaborationArea  # noqa: E402
from plans.document import enlarged, load_plan, read_document  # noqa: E402
from plans.models import Goal  # noqa: E402


def main():
    try:
        with transaction.atomic():
            run()
            raise Rollback
    except Rollback:
        pass


def run():
    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    user = get_user_model().objects.create_user("bench-analysis")
    Profile.objects.create(
        user=user,
        role=Profile.Role.PROCESS_LEADER,
        collaboration_area=CollaborationArea.objects.default(),  # where load_plan puts the plans
    )
    client = Client()
    client.force_login(user)
    plans = []
    for factor, year in ((1, 3000), (4, 3002)):
        document = enlarged(read_document(), factor) if factor > 1 else read_document()
        document["plan"].update(first_year=year, last_year=year + 1)
        plan = load_plan(document)
        fill_analysis(plan, year)
        plans.append((plan, year))
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
    print(f"(times as multiples of the real plan's plan page, best of {ROUNDS}; "
          f"1.00× = {base * 1000:.0f} ms)")  # fmt: skip


if __name__ == "__main__":
    main()
