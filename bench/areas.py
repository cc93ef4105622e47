"""Several collaboration areas in one database: does one area's work get slower or need more
queries when nine other areas share the database?

    .venv/bin/python bench/areas.py                       # SQLite in a temporary folder
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/simba .venv/bin/python bench/areas.py

Builds one area (5 municipalities, the real plan's structure, two years of values, a process
leader and an area group) and measures its plan page (body not cached: the structure queries
run), overview and entry page. Then nine more areas of the same size are added and the same
pages of the first area are measured again; then the nine are rolled back and the single-area
database is measured once more, so drift of a busy machine shows instead of passing for a
difference. Times are medians over --runs requests of this process's CPU time
(`time.process_time`, steadier on a busy machine) and of wall time (which includes the database's
work on the larger tables); each ratio is ten areas over the mean of the two single-area runs.
The last line is

    areas=10 queries_equal=<yes|no> worst_cpu_ratio=<largest> worst_wall_ratio=<largest>

Runs inside one transaction that is rolled back: the database is left as it was.
"""

import argparse
import copy
import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
FOLDER = tempfile.mkdtemp(prefix="simba-bench-areas-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{FOLDER}/bench.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "simba.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("SECRET_KEY", "bench")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

# As the tests do: production settings, but static files without the collectstatic manifest.
settings.STORAGES = {**settings.STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # fmt: skip

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402

from accounts.models import Profile  # noqa: E402
from indicators.demo import fill_values  # noqa: E402
from organisation.models import CollaborationArea  # noqa: E402
from plans.document import load_plan, read_document  # noqa: E402
from plans.views.reading import PLAN_BODIES  # noqa: E402

MUNICIPALITIES = 5
YEARS = [2026, 2027]


def area_document(base: dict, index: int) -> dict:
    """The real plan's structure for area number `index`, with its own five municipalities."""
    document = copy.deepcopy(base)
    code = f"A{index}"
    document["plan"]["area"] = f"Område {index}"
    document["org_units"] = [{"name": f"Område {index}", "code": code, "kind": "area",
                              "parent": None}] + [
        {"name": f"Kommun {index}-{m}", "code": f"{index:02}{m:02}", "kind": "municipality",
         "parent": code}
        for m in range(1, MUNICIPALITIES + 1)
    ]  # fmt: skip
    return document


def build_area(base: dict, index: int):
    """An area with its plan, two years of values and two users; returns the pages to measure."""
    area = CollaborationArea.objects.create(name=f"Område {index}", slug=f"omrade-{index}")
    plan = load_plan(area_document(base, index), area)
    fill_values(plan, YEARS, seed=index)
    users = get_user_model().objects
    leader = users.create_user(f"ledare-{index}")
    Profile.objects.create(user=leader, role=Profile.Role.PROCESS_LEADER, collaboration_area=area)
    unit = area.org_units.get(code=f"{index:02}01")
    member = users.create_user(f"grupp-{index}")
    Profile.objects.create(
        user=member, role=Profile.Role.AREA_GROUP, collaboration_area=area, org_unit=unit
    )
    period = plan.periods.get(kind="year", start__year=2026)
    return {
        "plan page": (leader, f"/planer/{plan.pk}/", True),
        "overview": (leader, "/uppfoljning/oversikt/?year=2026", False),
        "entry page": (member, f"/uppfoljning/enhet/{unit.code}/period/{period.pk}/", False),
        "health view": (leader, "/halsa/", False),
    }


def forget_plan_bodies() -> None:
    """The plan page's body is kept in the shared cache and in the process: drop both, so the
    page reads the plan's structure (what grows with the database)."""
    cache.clear()
    PLAN_BODIES.clear()


def measure(pages: dict, runs: int) -> dict:
    """(queries, median CPU seconds, median wall seconds) per page."""
    found = {}
    for name, (user, url, clear_cache) in pages.items():
        client = Client()
        client.force_login(user)
        client.get(url)  # warm: templates, the session
        queries = []

        def counter(execute, sql, params, many, context, queries=queries):
            queries.append(sql)
            return execute(sql, params, many, context)

        if clear_cache:
            forget_plan_bodies()
        with connection.execute_wrapper(counter):
            assert client.get(url).status_code == 200, url
        cpu, wall = [], []
        for _ in range(runs):
            if clear_cache:
                forget_plan_bodies()
            start, start_wall = time.process_time(), time.perf_counter()
            assert client.get(url).status_code == 200, url
            cpu.append(time.process_time() - start)
            wall.append(time.perf_counter() - start_wall)
        found[name] = (len(queries), statistics.median(cpu), statistics.median(wall))
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--areas", type=int, default=10)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    logging.disable(logging.INFO)  # every log-in is logged; not what this measures
    call_command("migrate", verbosity=0)
    base = read_document()
    with transaction.atomic():
        pages = build_area(base, 1)
        single = measure(pages, args.runs)
        started = time.perf_counter()
        nine_more = transaction.savepoint()
        for index in range(2, args.areas + 1):
            build_area(base, index)
        built = time.perf_counter() - started
        ten = measure(pages, args.runs)
        transaction.savepoint_rollback(nine_more)
        again = measure(pages, args.runs)
        transaction.set_rollback(True)  # leave the database as it was
    engine = connection.vendor
    print(f"{engine}; area 1 of {args.areas} ({MUNICIPALITIES} municipalities, years {YEARS}); "
          f"{args.areas - 1} more built in {built:.0f} s; medians of {args.runs}")  # fmt: skip
    print(f"{'':12} {'queries':>17}   {'CPU ms':>30}   {'wall ms (with the database)':>30}")
    print(f"{'page':12} {'1 area':>8} {'10':>8}   {'1 area':>8} {'10':>6} {'1 again':>8} {'×':>5}"
          f"   {'1 area':>8} {'10':>6} {'1 again':>8} {'×':>5}")  # fmt: skip
    worst, equal = {"cpu": 0.0, "wall": 0.0}, True
    for name in pages:
        (q1, *one), (q10, *ten_), (_, *again_) = single[name], ten[name], again[name]
        equal &= q1 == q10
        line = f"{name:12} {q1:8} {q10:8}"
        for i, kind in enumerate(("cpu", "wall")):
            ratio = ten_[i] / statistics.mean([one[i], again_[i]])
            if name != "health view":  # the baseline: its ratio shows the machine's noise
                worst[kind] = max(worst[kind], ratio)
            line += (f"   {one[i] * 1000:8.1f} {ten_[i] * 1000:6.1f} {again_[i] * 1000:8.1f} "
                     f"{ratio:5.2f}")  # fmt: skip
        print(line)
    print(
        f"areas={args.areas} queries_equal={'yes' if equal else 'no'} "
        f"worst_cpu_ratio={worst['cpu']:.2f} worst_wall_ratio={worst['wall']:.2f}"
    )


if __name__ == "__main__":
    main()
