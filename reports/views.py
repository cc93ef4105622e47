"""Report pages: thin views over reports/services.py and reports/access.py."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from accounts.areas import current_area
from accounts.roles import is_process_leader
from indicators.outcomes import EXPORT_HEADER
from plans.access import plan_in_reach
from plans.selectors import current_plan
from reports.access import (
    get_report_for_user,
    get_report_to_handle,
    visible_reports,
)
from reports.forms import OrderForm
from reports.rendering import ReportRenderError, report_context
from reports.services import (
    NeedsConfirmation,
    ReportError,
    fail_stale_reports,
    order_documents,
    preliminary_text,
    preliminary_values,
    publish_report,
    retry_report,
)
from reports.snapshot import export_rows
from simba.spreadsheets import export_response

PPTX_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


@require_safe
def home(request):
    plan = current_plan(current_area(request))
    if plan is None:
        raise Http404("Det finns ingen handlingsplan ännu.")
    return redirect("reports:index", plan_pk=plan.pk)


@require_safe
def index(request, plan_pk: int):
    plan = plan_in_reach(request.user, plan_pk)
    fail_stale_reports()
    leader = is_process_leader(request.user)
    return render(
        request,
        "reports/index.html",
        {
            "plan": plan,
            "reports": visible_reports(request.user, plan),
            "form": OrderForm(plan, initial={"year": plan.first_year}) if leader else None,
            "leader": leader,
        },
    )


@require_POST
def order(request, plan_pk: int):
    plan = plan_in_reach(request.user, plan_pk)
    if not is_process_leader(request.user):
        raise PermissionDenied("Bara processledaren kan beställa rapporter.")
    form = OrderForm(plan, request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("reports:index", plan_pk=plan.pk)
    try:
        results = order_documents(
            plan, form.cleaned_data["year"], form.cleaned_data["what"], request.user
        )
    except ReportError as exc:
        messages.error(request, str(exc))
        return redirect("reports:index", plan_pk=plan.pk)
    for result in results:
        name = "Presentationen" if result.report.is_deck else "Rapporten"
        if result.reused:
            messages.info(
                request, f"{name}: underlaget är oförändrat sedan förra beställningen, så den "
                "sparade filen används i stället för att skapa en ny."
            )  # fmt: skip
        else:
            messages.success(request, f"{name} är beställd och skapas nu i bakgrunden.")
    if len(results) > 1:
        return redirect("reports:index", plan_pk=plan.pk)
    return redirect("reports:detail", pk=results[0].report.pk)


def _status_context(request, report):
    return {
        "object": report,
        "leader": is_process_leader(request.user),
        "preliminary": preliminary_text(report),
    }


@require_safe
def detail(request, pk: int):
    fail_stale_reports()
    report = get_report_for_user(request.user, pk)
    context = _status_context(request, report)
    context["events"] = report.events.select_related("by")
    return render(request, "reports/detail.html", context)


@require_safe
def status(request, pk: int):
    """The status box alone, polled by htmx every 2 s while the job is queued or running."""
    fail_stale_reports()
    report = get_report_for_user(request.user, pk)
    return render(request, "reports/_status.html", _status_context(request, report))


@require_safe
def download(request, pk: int):
    """Permission is checked on every download; the file's name on disk is never exposed."""
    report = get_report_for_user(request.user, pk)
    if not report.file:
        raise Http404("Rapporten har ingen fil ännu.")
    response = FileResponse(
        report.file.open("rb"), as_attachment=True, filename=report.download_name,
        content_type="application/pdf",
    )  # fmt: skip
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_safe
def data_csv(request, pk: int):
    """The report's own figures as CSV, from its frozen snapshot, in the overview export's
    columns (same access as the PDF)."""
    report = get_report_for_user(request.user, pk)
    name = f"simba-rapport-{report.year}-{report.pk}-data.csv"
    response = export_response(EXPORT_HEADER, export_rows(report.snapshot), "csv", name)
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
def download_slides(request, pk: int):
    """The deck as PowerPoint, under the same permission check as its PDF."""
    report = get_report_for_user(request.user, pk)
    if not report.slides:
        raise Http404("Presentationen har ingen PowerPoint-fil.")
    response = FileResponse(
        report.slides.open("rb"), as_attachment=True, filename=report.slides_download_name,
        content_type=PPTX_TYPE,
    )  # fmt: skip
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_safe
def web(request, pk: int):
    """The same report as a web page, from the same frozen snapshot and templates."""
    report = get_report_for_user(request.user, pk)
    try:
        context = report_context(report.snapshot, report.audience, report.finished_at)
    except ReportRenderError as exc:
        raise Http404(str(exc)) from exc
    context["object"] = report
    return render(request, "reports/web.html", context)


@require_POST
def retry(request, pk: int):
    report = get_report_to_handle(request.user, pk)
    try:
        retry_report(report, request.user)
    except ReportError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Rapporten ligger i kö igen.")
    return redirect("reports:detail", pk=report.pk)


@require_POST
def publish(request, pk: int):
    """Publishing; with preliminary values a confirmation page first (a plain form, no JS)."""
    report = get_report_to_handle(request.user, pk)
    try:
        publish_report(report, request.user, confirmed=request.POST.get("bekrafta") == "ja")
    except NeedsConfirmation:
        preliminary, values = preliminary_values(report)
        context = {"object": report, "preliminary": preliminary, "values": values}
        return render(request, "reports/publish_confirm.html", context)
    except ReportError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Rapporten är publicerad och kan nu läsas av alla inloggade.")
    return redirect("reports:detail", pk=report.pk)
