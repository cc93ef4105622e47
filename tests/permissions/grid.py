"""The permission grid: every URL of the application × every role, with the expected answer.

Each app keeps its rows in `rows_<app>.py` beside this file. `test_permission_matrix.py` fails
for a URL pattern that has no row, so a new page cannot slip past the grid.

Expected answers:
  LOGIN  redirect to the log-in page        OK     200
  DENY   403: may see, may not change        HIDE   404: not theirs to know of
  REDIR  a redirect that is not a refusal (after a successful POST): no error message
  BOUNCE a refused POST answered with a redirect and an error message (e.g. "nothing to save")
  NOT_ALLOWED 405; any other number is that status code (409 for a conflict, 422 for bad input)

Every answer to a POST that refuses (LOGIN, DENY, HIDE, BOUNCE, NOT_ALLOWED, any 4xx) is also
checked to leave the database unchanged: every project table before and after the request
(tests/dbstate.py).

Completeness is per URL name × HTTP method: a URL name needs a row for every method its view
accepts (GET and POST are tried); a method without a row must be answered 405.

A row: `Row(name, expect, args=..., method="get" | "post", data=..., setup=..., query=...,
notes=...)`. Only `name` and `expect` (one answer per role in ROLES) are required; `method`
defaults to "get". Two rows for the same name and method are fine (e.g. published and
unpublished reports).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

LOGIN, OK, DENY, HIDE, REDIR, NOT_ALLOWED = "login", 200, 403, 404, "redirect", 405
BOUNCE = "refused redirect"
METHODS = ("get", "post")


def refuses(expected) -> bool:
    """Whether this answer means the request was refused (and must change nothing)."""
    return expected in (LOGIN, DENY, HIDE, BOUNCE, NOT_ALLOWED) or (
        isinstance(expected, int) and expected >= 400
    )


ROLES = ("anonymous", "reader", "area_same", "area_other", "process_leader", "admin")
# A region-wide reader reads every area like an area's reader: its answer is the reader's unless
# a row says otherwise (extra={"region_reader": ...}).
ALL_ROLES = (*ROLES, "region_reader")
# The roles of a second collaboration area, tried on SIMBA's objects (test_permission_matrix):
# each as the SIMBA role it mirrors.
OTHER_AREA_ROLES = {
    "other_process_leader": "process_leader",
    "other_area_group": "area_same",
    "other_reader": "reader",
}


def other_area_expectation(row, role: str, names_an_object: bool):
    """What a user of another area gets from a row's URL about SIMBA: public pages as anyone
    does; SIMBA's objects (the URL names one) 404, never 403; pages without an object (the start
    page, the overview) as the mirrored role gets them in SIMBA, but about their own area."""
    if "other_area" in row.extra:  # one answer, or per role with a default
        special = row.extra["other_area"]
        return special.get(role, special["default"]) if isinstance(special, dict) else special
    if row.expect[OTHER_AREA_ROLES[role]] == NOT_ALLOWED:
        return NOT_ALLOWED  # the method is refused before anything is looked up
    if row.expect["anonymous"] != LOGIN:
        return row.expect["anonymous"]
    if names_an_object:  # a plan, unit, report … by id or code
        return HIDE
    return row.expect[OTHER_AREA_ROLES[role]]


@dataclass
class Row:
    """One URL pattern (by name) and what each role gets from it.

    `args(ctx)` builds the URL's arguments from the shared objects in `ctx` (see the test's
    `ctx` fixture: plan, goal, activity, key_figure, ale, tjorn, period, …); `data(ctx)` the POST
    body. `area_same` is an area-group member of the municipality the object belongs to (Ale),
    `area_other` one of another (Tjörn). Rows for objects that belong to no municipality expect
    the same for both.
    """

    name: str
    expect: dict[str, object]
    args: Callable = lambda ctx: []
    method: str = "get"
    data: Callable = lambda ctx: {}
    setup: Callable | None = None
    query: str = ""
    notes: str = ""
    extra: dict = field(default_factory=dict)

    def __post_init__(self):
        self.method = self.method.lower()
        if self.method not in METHODS:
            raise ValueError(f"{self.name}: method {self.method!r} is not one of {METHODS}")
        missing = set(ROLES) - set(self.expect)
        if missing:
            raise ValueError(f"{self.name}: no expectation for {sorted(missing)}")
        self.expect = {
            **self.expect,
            "region_reader": self.extra.get("region_reader", self.expect["reader"]),
        }


def everyone(answer, **overrides) -> dict[str, object]:
    return {role: overrides.get(role, answer) for role in ROLES}


def logged_in(answer, **overrides) -> dict[str, object]:
    """Log-in required; every signed-in role gets `answer` unless overridden."""
    return everyone(answer, anonymous=LOGIN, **overrides)


def process_leader_only(ok=OK, others=DENY, **overrides) -> dict[str, object]:
    return logged_in(others, process_leader=ok, admin=ok, **overrides)
