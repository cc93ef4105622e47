"""What the plan editor's and the analysis pages' benchmarks share (bench/editor.py,
bench/analysis.py): Django set up from this checkout, the real plan and one `factor` times
larger, a process leader's logged-in test client, best-of-`ROUNDS` timing with the query count,
and a run inside one transaction that is rolled back, so the database is left as it was.

Importing this module sets Django up; import it before any model.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "simba.settings")
# Production settings measure what production runs; plain HTTP on the test client.
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")

import django

django.setup()

from django.conf import settings  # noqa: E402

# As the tests do: static files without the collectstatic manifest.
settings.STORAGES = {**settings.STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # fmt: skip
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from accounts.models import Profile  # noqa: E402
from organisation.models import CollaborationArea  # noqa: E402
from plans.document import enlarged, load_plan, read_document  # noqa: E402

ROUNDS = 5


def measure(client, method, url, data=None, **extra):
    """Best time of `ROUNDS` requests and the queries one makes; `data` may be a callable
    (a fresh form each round, e.g. with the current version)."""
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


def rolled_back(run) -> None:
    """Call `run()` in a transaction and roll it back."""
    try:
        with transaction.atomic():
            run()
            raise Rollback
    except Rollback:
        pass


def process_leader_client(username: str) -> Client:
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    user = get_user_model().objects.create_user(username)
    Profile.objects.create(
        user=user,
        role=Profile.Role.PROCESS_LEADER,
        collaboration_area=CollaborationArea.objects.default(),  # where load_plan puts the plans
    )
    client = Client()
    client.force_login(user)
    return client


def real_and_larger(factor: int = 4) -> list[tuple]:
    """(plan, first year) for the real plan (3000–3001) and one `factor` times larger
    (3002–3003): years of their own, so they never become the current plan."""
    plans = []
    for times, year in ((1, 3000), (factor, 3002)):
        document = enlarged(read_document(), times) if times > 1 else read_document()
        document["plan"].update(first_year=year, last_year=year + 1)
        plans.append((load_plan(document), year))
    return plans


def footnote(base: float) -> str:
    return (f"(times as multiples of the real plan's plan page, best of {ROUNDS}; "
            f"1.00× = {base * 1000:.0f} ms)")  # fmt: skip
