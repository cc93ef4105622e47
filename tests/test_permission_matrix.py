"""Every URL of the application, tried with every role, through the HTTP layer (pretix's grid)."""

import importlib
import pkgutil
from types import SimpleNamespace

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from indicators.models import OrgUnit
from plans.models import Activity, Goal
from tests.permissions import grid

pytestmark = pytest.mark.django_db


def all_rows():
    import tests.permissions as package

    rows = []
    for module in pkgutil.iter_modules(package.__path__):
        if module.name.startswith("rows_"):
            rows += importlib.import_module(f"tests.permissions.{module.name}").ROWS
    return rows


def url_names(resolver=None, namespace=""):
    """Every named URL pattern; Django's admin counts as one page (its index)."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            if ns == "admin":
                yield "admin:index"
                continue
            prefix = f"{namespace}{ns}:" if ns else namespace
            yield from url_names(entry, prefix)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}"


ROWS = all_rows()


def test_every_url_pattern_has_a_row_in_the_grid():
    covered = {row.name for row in ROWS}
    missing = sorted(set(url_names()) - covered)
    assert missing == [], f"URL patterns without a row in tests/permissions/: {missing}"


@pytest.fixture
def ctx(simba_plan, reader, ale_user, tjorn_user, process_leader, admin_user):
    goal = Goal.objects.get(focus_area__plan=simba_plan, code="2:1")
    return SimpleNamespace(
        plan=simba_plan,
        goal=goal,
        activity=Activity.objects.get(goal=goal, code="2:1:1"),
        key_figure=goal.key_figures.first(),
        ale=OrgUnit.objects.get(name="Ale"),
        tjorn=OrgUnit.objects.get(name="Tjörn"),
        users={
            "anonymous": None,
            "reader": reader,
            "area_same": ale_user,
            "area_other": tjorn_user,
            "process_leader": process_leader,
            "admin": admin_user,
        },
    )


def _mismatch(response, expected, row, role) -> str | None:
    """None when the answer is the expected one, else a line saying what came instead."""
    got = response.status_code
    where = f"{row.method.upper()} {row.name} as {role}: expected {expected}, got {got}"
    if expected == grid.LOGIN:
        if got != 302 or "/logga-in/" not in response.url:
            return where + f" ({getattr(response, 'url', '')})"
    elif expected == grid.REDIR:
        if got != 302 or (
            "/logga-in/" in response.url and row.name not in ("logout", "admin:index")
        ):
            return where + f" ({getattr(response, 'url', '')})"
    elif got != expected:
        return where
    return None


@pytest.mark.parametrize("row", ROWS, ids=[f"{r.method}-{r.name}" for r in ROWS])
def test_each_role_gets_what_it_should(client, ctx, row):
    """One row, every role; setup runs before each role so each sees the same state."""
    failures = []
    for role in grid.ROLES:
        client.logout()
        if row.setup:
            row.setup(ctx)
        user = ctx.users[role]
        if user is not None:
            client.force_login(user)
        url = reverse(row.name, args=row.args(ctx)) + row.query
        response = getattr(client, row.method)(url, row.data(ctx))
        failures.append(_mismatch(response, row.expect[role], row, role))
    assert [f for f in failures if f] == []
