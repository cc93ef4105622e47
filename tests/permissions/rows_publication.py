"""Rows for the public pages and open data (/insyn/, no log-in) and the process leader's
publishing pages. A year that is not published is 404 for everyone, signed in or not."""

from django.core.cache import cache

from plans.models import Plan
from publication.models import Publication
from tests.permissions.grid import HIDE, NOT_ALLOWED, OK, REDIR, Row, everyone, process_leader_only


def _public(ctx):
    """The plan public, its 2026 report published and public; 2027 has nothing. Reset per role."""
    from tests.reports.conftest import stored_report

    if not hasattr(ctx, "public_report"):
        ctx.public_report = stored_report(ctx.plan, ctx.users["process_leader"], published=True)
    Plan.objects.filter(pk=ctx.plan.pk).update(is_public=True)
    Publication.objects.update_or_create(
        plan=ctx.plan, year=2026,
        defaults={"report": ctx.public_report, "is_public": True, "public_comments": []},
    )  # fmt: skip
    cache.clear()  # the rows change tables with .update(), which leaves no history to key on


def _published_not_public(ctx):
    """As `_public`, but the 2026 report is not yet shown to the public: publishing it is new."""
    _public(ctx)
    Publication.objects.filter(plan=ctx.plan, year=2026).delete()
    cache.clear()


def _private(ctx):
    _public(ctx)
    Plan.objects.filter(pk=ctx.plan.pk).update(is_public=False)


def plan(ctx):
    return [ctx.plan.pk]


def published(ctx):
    return [ctx.plan.pk, 2026]


def unpublished(ctx):
    return [ctx.plan.pk, 2027]


ROWS = [
    Row("publication:index", everyone(OK), setup=_public),
    Row("publication:about", everyone(OK)),
    Row("publication:data", everyone(OK), setup=_public),
    Row("publication:dcat", everyone(OK), setup=_public),
    Row("publication:plan", everyone(OK), args=plan, setup=_public),
    Row("publication:plan", everyone(HIDE), args=plan, setup=_private, notes="plan not public"),
    Row("publication:year", everyone(NOT_ALLOWED), args=published, setup=_public, method="post"),
    Row("publication:deck_pdf", everyone(HIDE), args=published, setup=_public, notes="no deck"),
]
for name in ("publication:year", "publication:report_pdf", "publication:data_csv",
             "publication:data_json"):  # fmt: skip
    ROWS += [
        Row(name, everyone(OK), args=published, setup=_public, notes="published year"),
        Row(name, everyone(HIDE), args=unpublished, setup=_public, notes="unpublished year"),
        Row(name, everyone(HIDE), args=published, setup=_private, notes="plan not public"),
    ]
ROWS += [
    Row("publication:manage", process_leader_only(), args=plan, setup=_public),
    Row("publication:plan_public", process_leader_only(REDIR), args=plan, setup=_public,
        method="post", data=lambda ctx: {"is_public": "true"}),
    Row("publication:publish", process_leader_only(REDIR), args=plan, setup=_published_not_public,
        method="post", data=lambda ctx: {"report": ctx.public_report.pk}),
    Row("publication:withdraw", process_leader_only(REDIR), args=published, setup=_public,
        method="post"),
    Row("publication:comments", process_leader_only(), args=published, setup=_public),
    Row("publication:comments", process_leader_only(REDIR), args=published, setup=_public,
        method="post", data=lambda ctx: {"comment": []}),
    Row("publication:preview", process_leader_only(), setup=_public,
        args=lambda ctx: [ctx.plan.pk, ctx.public_report.pk]),
]  # fmt: skip
