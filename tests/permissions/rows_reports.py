"""Rows for the report pages (reports/). Published reports: every signed-in role; unpublished
ones: only the process leader and administrators, 404 for the rest (not theirs to know of)."""

from reports.models import Report
from tests.permissions.grid import (
    BOUNCE,
    DENY,
    HIDE,
    NOT_ALLOWED,
    OK,
    REDIR,
    Row,
    logged_in,
    process_leader_only,
)


def _reports(ctx):
    """One published, one unpublished and one failed report, reset before each role."""
    from tests.reports.conftest import stored_report

    if not hasattr(ctx, "published"):
        leader = ctx.users["process_leader"]
        ctx.published = stored_report(ctx.plan, leader, published=True)
        ctx.unpublished = stored_report(ctx.plan, leader)
        ctx.failed = stored_report(ctx.plan, leader, status=Report.Status.FAILED)
        deck = Report.Kind.DECK
        ctx.published_deck = stored_report(ctx.plan, leader, published=True, kind=deck)
        ctx.unpublished_deck = stored_report(ctx.plan, leader, kind=deck)
    Report.objects.filter(pk=ctx.unpublished.pk).update(published_at=None, published_by=None)
    Report.objects.filter(pk=ctx.unpublished_deck.pk).update(published_at=None, published_by=None)
    Report.objects.filter(pk=ctx.failed.pk).update(status=Report.Status.FAILED)


def published(ctx):
    return [ctx.published.pk]


def unpublished(ctx):
    return [ctx.unpublished.pk]


HIDDEN_UNLESS_LEADER = logged_in(HIDE, process_leader=OK, admin=OK)
CHANGE_HIDDEN = logged_in(HIDE, process_leader=REDIR, admin=REDIR)
CHANGE_VISIBLE = process_leader_only(ok=REDIR, others=DENY)
REFUSED_VISIBLE = process_leader_only(ok=BOUNCE, others=DENY)

ROWS = [
    Row("reports:home", logged_in(REDIR)),
    Row("reports:index", logged_in(OK), args=lambda ctx: [ctx.plan.pk]),
    Row(
        "reports:order",
        process_leader_only(ok=REDIR, others=DENY),
        args=lambda ctx: [ctx.plan.pk],
        method="post",
        data=lambda ctx: {"year": 2026, "what": "both"},
    ),
    Row(
        "reports:download_slides",
        logged_in(OK),
        args=lambda ctx: [ctx.published_deck.pk],
        setup=_reports,
        notes="published deck",
    ),
    Row(
        "reports:download_slides",
        HIDDEN_UNLESS_LEADER,
        args=lambda ctx: [ctx.unpublished_deck.pk],
        setup=_reports,
        notes="unpublished deck",
    ),
    Row(
        "reports:download_slides",
        logged_in(NOT_ALLOWED),
        args=lambda ctx: [ctx.published_deck.pk],
        setup=_reports,
        method="post",
    ),
]
for name in ("reports:detail", "reports:status", "reports:download", "reports:web", "reports:data"):
    ROWS += [
        Row(name, logged_in(OK), args=published, setup=_reports, notes="published"),
        Row(name, HIDDEN_UNLESS_LEADER, args=unpublished, setup=_reports, notes="unpublished"),
    ]
ROWS += [
    Row("reports:publish", CHANGE_HIDDEN, args=unpublished, setup=_reports, method="post"),
    Row(
        "reports:publish",
        REFUSED_VISIBLE,
        args=published,
        setup=_reports,
        method="post",
        notes="Already published: refused with a message.",
    ),
    Row(
        "reports:retry",
        CHANGE_HIDDEN,
        args=lambda ctx: [ctx.failed.pk],
        setup=_reports,
        method="post",
    ),
    Row(
        "reports:retry",
        REFUSED_VISIBLE,
        args=published,
        setup=_reports,
        method="post",
        notes="Only a failed report can be retried.",
    ),
]
