"""Rows for the follow-up pages (indicators/): Ale's reports, seen by every role."""

from indicators.models import Period
from indicators.reporting import ensure_reporting
from tests.permissions.grid import BOUNCE, DENY, HIDE, OK, REDIR, Row, logged_in


def year_2027(ctx):
    """Helår 2027: its deadline (2028-01-30) lies ahead of the suite's fixed date
    (tests/conftest.py FIXED_NOW), so the grid does not depend on the day it runs."""
    ensure_reporting(ctx.plan)
    return Period.objects.get(plan=ctx.plan, kind="year", start__year=2027)


def ale_report(ctx):
    return [ctx.ale.code, year_2027(ctx).pk]


def ale_report_in(status):
    """Setup: Ale's Helår 2027 report in `status` before each role (a return needs a submitted
    report, a reopen an approved one)."""

    def setup(ctx):
        from indicators.models import Submission

        Submission.objects.filter(org_unit=ctx.ale, period=year_2027(ctx)).update(status=status)

    return setup


def ale_submission(ctx):
    from indicators.models import Submission

    return Submission.objects.get(org_unit=ctx.ale, period=year_2027(ctx))


def import_file(ctx):
    from django.core.files.uploadedfile import SimpleUploadedFile

    text = "kommun;nyckeltal;period;värde\nAle;Antal förskrivna FaR;2027;31\n"
    return {"file": SimpleUploadedFile("v.csv", text.encode(), content_type="text/csv")}


def activity_statuses(ctx):
    from indicators.activities import activities_for

    return {f"a{a.pk}-status": "in_progress" for a in activities_for(ctx.plan, ctx.ale)}


ALE_PAGE = logged_in(OK, area_other=HIDE)
ALE_POST = logged_in(REDIR, reader=DENY, area_other=HIDE)

ROWS = [
    Row("indicators:my_reports", logged_in(REDIR)),
    Row(
        "indicators:overview",
        logged_in(OK, area_same=DENY, area_other=DENY),
        notes="The process leader's overview; readers may read it, area groups have their own.",
    ),
    Row(
        "indicators:approve_many",
        logged_in(DENY, process_leader=BOUNCE, admin=BOUNCE),
        method="post",
        data=lambda ctx: {"valda": []},
        notes="Nothing ticked: refused with a message.",
    ),
    Row(
        "indicators:approve_many",
        logged_in(DENY, process_leader=REDIR, admin=REDIR),
        method="post",
        data=lambda ctx: {"valda": [str(ale_submission(ctx).pk)]},
        setup=ale_report_in("submitted"),
        notes="Ale's submitted report ticked: approved.",
    ),
    Row("indicators:import", logged_in(OK, reader=DENY)),
    Row(
        "indicators:import",
        logged_in(OK, reader=DENY, area_other=422),
        method="post",
        data=import_file,
        extra={"other_area": {"other_reader": DENY, "default": 422}},
        notes="Upload and preview only (nothing is written); Tjörn may not report for Ale; in "
        "another area, Ale is no unit of theirs (422, the row's error, nothing written).",
    ),
    Row("indicators:import_template", logged_in(OK, reader=DENY)),
    Row(
        "indicators:import_confirm",
        logged_in(BOUNCE, reader=DENY),
        method="post",
        notes="Without a previewed file in the session it sends back to the upload page.",
    ),
    Row("indicators:unit", ALE_PAGE, args=lambda ctx: [ctx.ale.code]),
    Row("indicators:activities", ALE_PAGE, args=lambda ctx: [ctx.ale.code, 2027]),
    Row(
        "indicators:activities",
        ALE_POST,
        args=lambda ctx: [ctx.ale.code, 2027],
        method="post",
        data=lambda ctx: activity_statuses(ctx),
        notes="Every activity Ale follows up set to “pågår”; a repeat changes nothing.",
    ),
    Row("indicators:year", ALE_PAGE, args=lambda ctx: [ctx.ale.code, 2027]),
    Row("indicators:year", ALE_POST, args=lambda ctx: [ctx.ale.code, 2027], method="post"),
    Row("indicators:entry", ALE_PAGE, args=ale_report),
    Row("indicators:entry", ALE_POST, args=ale_report, method="post"),
    Row("indicators:history", ALE_PAGE, args=ale_report),
    Row(
        "indicators:change_status",
        logged_in(BOUNCE, reader=DENY, area_other=HIDE),
        args=lambda ctx: [*ale_report(ctx), "submit"],
        method="post",
        setup=ale_report_in("draft"),
        notes="Nothing filled in: the submit is refused with a message.",
    ),
    Row(
        "indicators:change_status",
        logged_in(DENY, area_other=HIDE, process_leader=BOUNCE, admin=BOUNCE),
        args=lambda ctx: [*ale_report(ctx), "approve"],
        method="post",
        setup=ale_report_in("draft"),
        notes="A draft cannot be approved.",
    ),
    Row(
        "indicators:change_status",
        logged_in(DENY, area_other=HIDE, process_leader=REDIR, admin=REDIR),
        args=lambda ctx: [*ale_report(ctx), "approve"],
        method="post",
        setup=ale_report_in("submitted"),
    ),
    Row(
        "indicators:change_status",
        logged_in(DENY, area_other=HIDE, process_leader=REDIR, admin=REDIR),
        args=lambda ctx: [*ale_report(ctx), "return"],
        method="post",
        data=lambda ctx: {"reason": "Kontrollera FaR"},
        setup=ale_report_in("submitted"),
    ),
    Row(
        "indicators:change_status",
        logged_in(DENY, area_other=HIDE, process_leader=REDIR, admin=REDIR),
        args=lambda ctx: [*ale_report(ctx), "reopen"],
        method="post",
        data=lambda ctx: {"reason": "Rättad källa"},
        setup=ale_report_in("approved"),
    ),
    Row(
        "indicators:change_status",
        logged_in(DENY, area_other=HIDE, process_leader=BOUNCE, admin=BOUNCE),
        args=lambda ctx: [*ale_report(ctx), "reopen"],
        method="post",
        setup=ale_report_in("approved"),
        notes="Reopening needs a reason.",
    ),
]
