"""Every URL of the application, tried with every role, through the HTTP layer (pretix's grid)."""

import importlib
import pkgutil
from types import SimpleNamespace

import pytest
from django.contrib import messages
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from indicators.reporting import ensure_reporting
from organisation.models import OrgUnit
from plans.models import Activity, Goal
from tests import dbstate
from tests.conftest import OTHER_AREA_LEAKS
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


def _without_row() -> list[tuple[str, str, grid.Row]]:
    """(name, method, a row of that name for its arguments) for each method with no row."""
    by_name = {}
    for row in ROWS:
        by_name.setdefault(row.name, []).append(row)
    return [
        (name, method, rows[0])
        for name, rows in sorted(by_name.items())
        if name != "admin:index"  # Django's admin: its own pages and methods
        for method in grid.METHODS
        if method not in {r.method for r in rows}
    ]


@pytest.mark.parametrize(
    ("name", "method", "row"), _without_row(), ids=[f"{m}-{n}" for n, m, _ in _without_row()]
)
def test_a_method_without_a_row_is_not_allowed(client, ctx, name, method, row):
    """Completeness per URL name × method: a method the grid has no row for must be refused
    with 405 (for whoever asks), so a view that starts accepting POST cannot slip past."""
    for role in ("process_leader", "area_same"):
        client.logout()
        if row.setup:
            row.setup(ctx)
        client.force_login(ctx.users[role])
        url = reverse(name, args=row.args(ctx)) + row.query
        before = dbstate.snapshot()
        response = getattr(client, method)(url, row.data(ctx))
        assert response.status_code == 405, (
            f"{method.upper()} {name} as {role} answered {response.status_code}: add a row for "
            f"it in tests/permissions/ or refuse the method in the view"
        )
        assert dbstate.changes(before, dbstate.snapshot()) == {}


@pytest.fixture
def ctx(simba_plan, reader, ale_user, tjorn_user, process_leader, admin_user, region_reader):
    goal = Goal.objects.get(focus_area__plan=simba_plan, code="2:1")
    # The plan's reporting periods exist, as in any running system (the first page that needs
    # them creates them), so a refused request is not blamed for creating them.
    ensure_reporting(simba_plan)
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
            "region_reader": region_reader,
        },
    )


def _errors(response) -> list[str]:
    """The error messages this request queued for the next page (django.contrib.messages)."""
    request = getattr(response, "wsgi_request", None)
    if request is None or not hasattr(request, "_messages"):
        return []
    return [str(m) for m in request._messages._queued_messages if m.level >= messages.ERROR]


def _mismatch(response, expected, row, role) -> str | None:
    """None when the answer is the expected one, else a line saying what came instead."""
    got = response.status_code
    where = f"{row.method.upper()} {row.name} as {role}: expected {expected}, got {got}"
    url = getattr(response, "url", "")
    if expected == grid.LOGIN:
        if got != 302 or "/logga-in/" not in url:
            return where + f" ({url})"
    elif expected in (grid.REDIR, grid.BOUNCE):
        if got != 302 or ("/logga-in/" in url and row.name not in ("logout", "admin:index")):
            return where + f" ({url})"
        errors = _errors(response)
        if expected == grid.REDIR and errors:
            return where + f" with an error message (a refusal: expect BOUNCE?): {errors}"
        if expected == grid.BOUNCE and not errors:
            return where + " without an error message (a success: expect REDIR?)"
    elif got != expected:
        return where
    return None


@pytest.mark.parametrize("row", ROWS, ids=[f"{r.method}-{r.name}" for r in ROWS])
def test_each_role_gets_what_it_should(client, ctx, row):
    """One row, every role; setup runs before each role so each sees the same state."""
    failures = []
    for role in grid.ALL_ROLES:
        client.logout()
        if row.setup:
            row.setup(ctx)
        user = ctx.users[role]
        if user is not None:
            client.force_login(user)
        url = reverse(row.name, args=row.args(ctx)) + row.query
        data = row.data(ctx)
        expected = row.expect[role]
        check_unchanged = row.method == "post" and grid.refuses(expected)
        before = dbstate.snapshot() if check_unchanged else None
        response = getattr(client, row.method)(url, data)
        failures.append(_mismatch(response, expected, row, role))
        if check_unchanged:
            changed = dbstate.changes(before, dbstate.snapshot())
            if changed:
                failures.append(f"POST {row.name} as {role} was refused but changed {changed}")
    assert [f for f in failures if f] == []


@pytest.mark.parametrize("row", ROWS, ids=[f"{r.method}-{r.name}" for r in ROWS])
def test_another_area_knows_nothing_of_simba(client, ctx, other_area, row):
    """The same grid for the users of a second collaboration area, on SIMBA's objects: 404 for
    every object of SIMBA (never 403), public pages as for anyone, pages without an object as
    in their own area; no answer shows SIMBA's names, and no refused POST changes anything."""
    failures = []
    ensure_reporting(other_area.plan)  # as for SIMBA's plan in `ctx`: a running system has them
    for role in grid.OTHER_AREA_ROLES:
        client.logout()
        if row.setup:
            row.setup(ctx)
        client.force_login(other_area.users[role])
        args = row.args(ctx)
        url = reverse(row.name, args=args) + row.query
        expected = grid.other_area_expectation(row, role, names_an_object=bool(args))
        public = row.expect["anonymous"] != grid.LOGIN
        before = dbstate.snapshot() if row.method == "post" and not public else None
        response = getattr(client, row.method)(url, row.data(ctx))
        failures.append(_mismatch(response, expected, row, role))
        if response.status_code == 200 and not public and not response.streaming:
            text = response.content.decode("utf-8", "replace")
            leaked = [word for word in OTHER_AREA_LEAKS if word in text]
            if leaked:
                failures.append(f"{row.method.upper()} {row.name} as {role} showed {leaked}")
        if before is not None:
            changed = dbstate.changes(before, dbstate.snapshot())
            if changed and grid.refuses(expected):
                failures.append(f"{row.method.upper()} {row.name} as {role} changed {changed}")
    assert [f for f in failures if f] == []
