"""Shared test fixtures: the real plan, and one named user per role (as healthchecks does)."""

import json
import os
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
import time_machine

from accounts.models import Profile
from organisation.models import CollaborationArea, OrgUnit
from plans.document import load_plan, read_document

PASSWORD = "test-password-123"


@pytest.fixture(scope="session", autouse=True)
def _plain_http():
    """Tests speak plain HTTP: no redirect to HTTPS (production's default when DEBUG is off).

    Session-wide and applied before the live server builds its middleware, which reads the
    setting once; tests/security/ checks the production defaults in a subprocess."""
    from django.test import override_settings

    with override_settings(SECURE_SSL_REDIRECT=False):
        yield


# The suite's "now": every test sees the same date whatever day it runs (the clock still ticks
# from here, so durations work). Late November 2026: inside the plan's period, the 2026 months up
# to October ended, Helår 2026 and everything in 2027 still open. Tests of other dates travel
# themselves (tests/test_dates.py).
FIXED_NOW = datetime(2026, 11, 30, 10, 0, tzinfo=ZoneInfo("Europe/Stockholm"))
_OTHER_PROCESSES = {"faults", "browser"}  # workers, gunicorn, Chromium: they keep the real clock


def runs_on_the_real_clock(item) -> bool:
    """Time travel reaches only this process: a test that shares dates with a worker, a server or
    a browser (cookie expiry) must run on the machine's clock."""
    if any(item.get_closest_marker(m) for m in ("worker", "browser", "real_clock")):
        return True
    if "live_server" in getattr(item, "fixturenames", ()):
        return True
    return bool(_OTHER_PROCESSES & set(Path(str(item.fspath)).parts))


@pytest.fixture(autouse=True)
def _fixed_clock(request):
    if runs_on_the_real_clock(request.node):
        yield None
        return
    with time_machine.travel(FIXED_NOW, tick=True) as traveller:
        yield traveller


@pytest.fixture(scope="session")
def django_db_modify_db_settings():
    """A test database of this run's own (test_simba_<run id>): parallel checkouts on the
    shared PostgreSQL server never drop each other's database."""
    from django.conf import settings

    run_id = os.environ.setdefault("SIMBA_TEST_RUN_ID", str(os.getpid()))
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = f"test_{database['NAME']}_{run_id}"


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    # Generated files (reports) go to a temporary folder, never into the worktree.
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Hashed static names need `collectstatic`; tests serve the files as they are.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def plan_document():
    return read_document()


@pytest.fixture
def simba_plan(db, plan_document):
    """The real SIMBA plan 2026–2027, loaded from fixtures/."""
    return load_plan(plan_document)


def make_user(django_user_model, username, role, unit_code=None, area=None, **extra):
    """A user with a profile; in `area` (default SIMBA) unless the role is region-wide."""
    user = django_user_model.objects.create_user(username=username, password=PASSWORD, **extra)
    if role in (Profile.Role.ADMIN, Profile.Role.REGION_READER):
        area = None
    else:
        area = area or CollaborationArea.objects.default()
    unit = OrgUnit.objects.in_area(area).get(code=unit_code) if unit_code else None
    Profile.objects.create(user=user, role=role, org_unit=unit, collaboration_area=area)
    return user


@pytest.fixture
def process_leader(simba_plan, django_user_model):
    return make_user(django_user_model, "paula", Profile.Role.PROCESS_LEADER)


@pytest.fixture
def ale_user(simba_plan, django_user_model):
    return make_user(django_user_model, "alice", Profile.Role.AREA_GROUP, "1440")


@pytest.fixture
def tjorn_user(simba_plan, django_user_model):
    return make_user(django_user_model, "tore", Profile.Role.AREA_GROUP, "1419")


@pytest.fixture
def reader(simba_plan, django_user_model):
    return make_user(django_user_model, "rut", Profile.Role.READER)


@pytest.fixture
def admin_user(simba_plan, django_user_model):
    return make_user(
        django_user_model, "adam", Profile.Role.ADMIN, is_staff=True, is_superuser=True
    )


OTHER_AREA_LEAKS = ("SIMBA-området", "Stenungsund", "Kungälv")  # SIMBA's own words


def _other_areas_document(document: dict) -> dict:
    """The SIMBA plan's structure as another area's plan: its own title, area and units, and
    none of SIMBA's names (so a page that shows one has leaked it)."""
    text = json.dumps(document, ensure_ascii=False)
    for simba_word, other_word in (
        ("SIMBA-området", "Lerum–Alingsås-området"), ("SIMBA", "LA"),
        ("Stenungsund", "Lerum"), ("Kungälv", "Alingsås"), ("Tjörn", "Vårgårda"),
    ):  # fmt: skip
        text = text.replace(simba_word, other_word)
    other = json.loads(text)
    other["org_units"] = [
        {"name": "Lerum–Alingsås-området", "code": "LA", "kind": "area", "parent": None},
        {"name": "Lerum", "code": "1441", "kind": "municipality", "parent": "LA"},
        {"name": "Alingsås", "code": "1489", "kind": "municipality", "parent": "LA"},
    ]
    other["plan"]["area_members"] = "Lerum, Alingsås"
    return other


@pytest.fixture
def other_area(simba_plan, plan_document, django_user_model):
    """A second collaboration area beside SIMBA, with its own plan, units and users."""
    area = CollaborationArea.objects.create(name="Lerum–Alingsås", slug="lerum-alingsas")
    plan = load_plan(_other_areas_document(plan_document), area)
    return SimpleNamespace(
        area=area,
        plan=plan,
        lerum=OrgUnit.objects.get(collaboration_area=area, code="1441"),
        users={
            "other_process_leader": make_user(
                django_user_model, "olle", Profile.Role.PROCESS_LEADER, area=area
            ),
            "other_area_group": make_user(
                django_user_model, "lena", Profile.Role.AREA_GROUP, "1441", area=area
            ),
            "other_reader": make_user(django_user_model, "rakel", Profile.Role.READER, area=area),
        },
    )


@pytest.fixture
def region_reader(simba_plan, django_user_model):
    return make_user(django_user_model, "regina", Profile.Role.REGION_READER)
