"""How the plan editor's cost grows with the plan: queries and time, as ratios within one run.

    DATABASE_URL=... SECRET_KEY=x python bench/editor.py

Runs in one transaction that is rolled back, so the database is left as it was.
"""

import os
import sys
import time
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
from organisation.models import CollaborationArea  # noqa: E402
from plans.document import enlarged, load_plan, read_document  # noqa: E402
from plans.models import Goal  # noqa: E402

ROUNDS = 5


def measure(client, method, url, data=None, **extra):
    best, queries = float("inf"), 0
    for _ in range(ROUNDS):
        body = data() if callable(data) else (data or {})
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = getattr(client, method)(url, body, **extra)
            best = min(best, time.perf_counter() - start)
        assert response.status_code in (200, 302), response.status_code
        queries = len(captured)
    return best, queries


class Rollback(Exception):
    pass


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
    user = get_user_model().objects.create_user("bench-leader")
    Profile.objects.create(
        user=user,
        role=Profile.Role.PROCESS_LEADER,
        collaboration_area=CollaborationArea.objects.default(),  # where load_plan puts the plans
    )
    client = Client()
    client.force_login(user)
    document = read_document()
    document["plan"].update(first_year=3000, last_year=3001)
    small = load_plan(document)
    big_document = enlarged(read_document(), 4)
    big_document["plan"].update(first_year=3002, last_year=3003)
    big = load_plan(big_document)
    rows = []
    for plan in (small, big):
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
    print(f"(times as multiples of the real plan's plan page, best of {ROUNDS}; "
          f"1.00× = {base * 1000:.0f} ms)")  # fmt: skip


if __name__ == "__main__":
    main()
