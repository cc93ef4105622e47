"""Follow-up pages under growth: SQL queries and CPU time of the entry grid and the overview, for
the real plan and for a plan with 4× the key figures and 3× the municipalities, printed as ratios
(and each page against the trivial health view measured in the same run).

    DATABASE_URL=... SECRET_KEY=x python bench/followup_pages.py

Production settings (DEBUG off: cached templates), plain HTTP. Times are CPU seconds of this
process (`time.process_time`), so other work on the machine disturbs them little; the database's
own time is not in them. Runs inside one transaction that is rolled back.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "simba.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("SECRET_KEY", "bench")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")

import django

django.setup()

from django.conf import settings  # noqa: E402

# As the tests do: production settings, but static files without the collectstatic manifest.
settings.STORAGES = {**settings.STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # fmt: skip

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402

from accounts.models import Profile  # noqa: E402
from indicators.demo import fill_values  # noqa: E402
from organisation.models import OrgUnit  # noqa: E402
from plans.document import load_plan, read_document  # noqa: E402
from plans.models import KeyFigure, Plan  # noqa: E402

RUNS = 21


class Rollback(Exception):
    pass


def measure(client, url):
    client.get(url)
    queries = []

    def counter(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counter):
        client.get(url)
    times = []
    for _ in range(RUNS):
        start = time.process_time()
        assert client.get(url).status_code == 200
        times.append(time.process_time() - start)
    return len(queries), statistics.median(times)


def grow(plan):
    area = OrgUnit.objects.get(collaboration_area=plan.collaboration_area, kind="area")
    for index in range(8):
        OrgUnit.objects.create(name=f"Bench kommun {index}", code=f"B{index}", kind="municipality",
                               parent=area, collaboration_area=area.collaboration_area)  # fmt: skip
    for kf in list(KeyFigure.objects.filter(goal__focus_area__plan=plan)):
        for copy in range(3):
            kf.pk = None
            kf.name = f"{kf.name} ({copy})"
            kf.save()


def main():
    try:
        with transaction.atomic():
            plan = Plan.objects.exclude(status="archived").first() or load_plan(read_document())
            user = get_user_model().objects.create_user("bench-leader")
            Profile.objects.create(user=user, role=Profile.Role.PROCESS_LEADER,
                                   collaboration_area=plan.collaboration_area)  # fmt: skip
            client = Client()
            client.force_login(user)
            fill_values(plan, [2026], seed=1)
            period = plan.periods.get(kind="year", start__year=2026)
            pages = {
                "health view (baseline)": "/halsa/",
                "entry grid (Ale, Helår 2026)": f"/uppfoljning/enhet/1440/period/{period.pk}/",
                "overview 2026": "/uppfoljning/oversikt/?year=2026",
            }
            base = {name: measure(client, url) for name, url in pages.items()}
            figures = KeyFigure.objects.filter(goal__focus_area__plan=plan).count()
            grow(plan)
            fill_values(plan, [2026], seed=2)
            grown = {name: measure(client, url) for name, url in pages.items()}
            after = KeyFigure.objects.filter(goal__focus_area__plan=plan).count()
            units = OrgUnit.objects.filter(kind="municipality").count()
            print(
                f"key figures {figures} → {after}; municipalities 4 → {units}; median CPU of {RUNS}"
            )
            for name in pages:
                (q0, t0), (q1, t1) = base[name], grown[name]
                print(f"{name:32} queries {q0:3} → {q1:3}   time {t0 * 1000:6.1f} → "
                      f"{t1 * 1000:6.1f} ms   ratio {t1 / t0:4.2f}   "
                      f"× health {t0 / base['health view (baseline)'][1]:5.1f}")  # fmt: skip
            raise Rollback
    except Rollback:
        pass


if __name__ == "__main__":
    main()
