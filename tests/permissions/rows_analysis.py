"""Rows for the analysis pages (analysis/): everyone signed in reads; the process leader (and
administrators) writes the analysis; a municipality's comments are written by its own area
group or the process leader, hidden from another municipality's area group."""

from analysis.models import FocusAreaAnalysis, GoalAnalysis, UnitComment, YearAnalysis
from tests.permissions.grid import DENY, HIDE, OK, REDIR, Row, logged_in, process_leader_only

YEAR = 2026


def _version(model, **keys) -> int:
    row = model.objects.filter(year=YEAR, **keys).first()
    return row.version if row else 0


def _year(ctx):
    return [ctx.plan.pk, YEAR]


def _unit(ctx):
    return [ctx.plan.pk, YEAR, ctx.ale.code]


PARTS = {
    "overall": (
        _year,
        lambda ctx: {"overall": "Året gick bra.", "version": _version(YearAnalysis, plan=ctx.plan)},
    ),
    "focus_area": (
        lambda ctx: [*_year(ctx), ctx.goal.focus_area.pk],
        lambda ctx: {"analysis": "A", "next_steps": "N",
                     "version": _version(FocusAreaAnalysis, focus_area=ctx.goal.focus_area)},
    ),
    "goal": (
        lambda ctx: [*_year(ctx), ctx.goal.pk],
        lambda ctx: {"analysis": "A", "next_steps": "N",
                     "version": _version(GoalAnalysis, goal=ctx.goal)},
    ),
}  # fmt: skip

ROWS = [
    Row("analysis:year", logged_in(OK), args=_year),
    Row("analysis:history", logged_in(OK), args=_year),
    Row("analysis:unit", logged_in(OK, area_other=HIDE), args=_unit),
]
for kind, (args, data) in PARTS.items():
    ROWS += [
        Row(f"analysis:{kind}_show", logged_in(REDIR), args=args),
        Row(f"analysis:{kind}_edit", process_leader_only(), args=args),
        Row(f"analysis:{kind}_edit", process_leader_only(ok=REDIR), args=args, method="post",
            data=data),
    ]  # fmt: skip

COMMENT_ARGS = lambda ctx: [*_unit(ctx), ctx.goal.pk]  # noqa: E731
COMMENT_DATA = lambda ctx: {  # noqa: E731
    "text": "Kort kommentar.", "version": _version(UnitComment, goal=ctx.goal, org_unit=ctx.ale),
}  # fmt: skip
ROWS += [
    Row("analysis:unit_comment_show", logged_in(REDIR, area_other=HIDE), args=COMMENT_ARGS),
    Row(
        "analysis:unit_comment_edit",
        logged_in(DENY, area_same=OK, area_other=HIDE, process_leader=OK, admin=OK),
        args=COMMENT_ARGS,
    ),
    Row(
        "analysis:unit_comment_edit",
        logged_in(DENY, area_same=REDIR, area_other=HIDE, process_leader=REDIR, admin=REDIR),
        args=COMMENT_ARGS,
        method="post",
        data=COMMENT_DATA,
    ),
]
