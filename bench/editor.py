"""How the plan editor's cost grows with the plan: queries and time, as ratios within one run.

    DATABASE_URL=... SECRET_KEY=x python bench/editor.py

Runs in one transaction that is rolled back, so the database is left as it was.
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
from django.urls import reverse

from plans.models import Goal


def run():
    client = process_leader_client("bench-leader")
    rows = []
    for plan, _year in real_and_larger(4):
        goals = Goal.objects.filter(focus_area__plan=plan).count()
        page = measure(client, "get", reverse("plans:detail", args=[plan.pk]))
        editor = measure(client, "get", reverse("plans:editor", args=[plan.pk]))
        goal = Goal.objects.filter(focus_area__plan=plan, shares_with=None).first()
        url = reverse("plans:goal_edit", args=[goal.pk])

        def data(goal=goal):
            goal.refresh_from_db()
            return {"code": goal.code, "title": goal.title + ".", "version": goal.version}

        saved = measure(client, "post", url, data, HTTP_HX_REQUEST="true")
        rows.append((goals, page, editor, saved))
    base = rows[0][1][0]
    print(f"{'goals':>6} {'plan page':>22} {'editor page':>22} {'save one goal (htmx)':>24}")
    for goals, page, editor, saved in rows:
        print(f"{goals:>6} " + " ".join(
            f"{t / base:>9.2f}× {q:>4} queries" for t, q in (page, editor, saved)
        ))  # fmt: skip
    print(footnote(base))


if __name__ == "__main__":
    rolled_back(run)
