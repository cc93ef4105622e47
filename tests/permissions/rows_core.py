"""Rows for the project's own pages (simba/) and the plan pages (plans/)."""

from tests.permissions.grid import HIDE, OK, REDIR, Row, everyone, logged_in


def _forget_failed_logins():
    from axes.utils import reset

    reset()


ROWS = [
    Row("home", logged_in(REDIR)),
    Row("login", everyone(OK)),
    Row(
        "login",
        everyone(OK),
        method="post",
        data=lambda ctx: {"username": "finns-inte", "password": "fel"},
        setup=lambda ctx: _forget_failed_logins(),
        notes="Wrong credentials: the form again with its error, for everyone (the failed "
        "attempts are forgotten before each role, so the lockout does not answer instead).",
    ),
    Row("logout", everyone(REDIR), method="post"),
    Row("logout", everyone(OK), notes="GET: a page with the log-out button; only POST logs out."),
    Row("accessibility", everyone(OK)),
    Row("health", everyone(OK)),
    Row("plans:detail", logged_in(OK), args=lambda ctx: [ctx.plan.pk]),
    Row(
        "admin:index",
        everyone(REDIR, admin=OK),
        notes="Django's admin: only administrators; others are sent to its log-in.",
    ),
]


def _simba_area(ctx):
    return {"omrade": ctx.plan.collaboration_area_id}


ROWS += [
    Row(
        "choose_area",
        logged_in(OK),
        notes="Lists the areas the user reaches; only region-wide users have a choice.",
    ),
    Row(
        "choose_area",
        logged_in(REDIR),
        method="post",
        data=_simba_area,
        extra={"other_area": HIDE},
        notes="Choosing SIMBA: its own users and region-wide ones may (their own area); a user "
        "of another area gets 404, as for anything of SIMBA's.",
    ),
]
