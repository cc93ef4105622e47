"""The process leader's overview, bulk approval, activity follow-up and import pages."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models import Value as V
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe
from django_tables2 import RequestConfig

from accounts import roles
from accounts.areas import current_area
from indicators import activities as follow_up
from indicators import imports, outcomes
from indicators.entry import StaleSave
from indicators.filters import SubmissionFilter
from indicators.forms import ImportForm
from indicators.models import Submission, Value
from indicators.reporting import ensure_reporting
from indicators.services import bulk_approve, today, visible_unit
from indicators.status import export_rows, figure_statuses, goal_summary, matrix_rows
from indicators.tables import GoalSummaryTable, SubmissionPage, SubmissionTable
from organisation.models import OrgUnit
from plans.selectors import current_plan
from simba.spreadsheets import export_response, table_response
from simba.uploads import validate_upload

EXPORTS = {"csv", "xlsx"}


def _plan_or_404(request):
    plan = current_plan(current_area(request))
    if plan is None:
        raise Http404("Ingen handlingsplan finns.")
    return plan


def _require_overview(user):
    if not (roles.is_process_leader(user) or roles.is_reader(user)):
        raise PermissionDenied("Översikten är för processledaren och läsare.")


def _submissions(plan):
    values = (
        Value.objects.filter(org_unit=OuterRef("org_unit"), period=OuterRef("period"))
        .order_by()
        .values("org_unit")
        .annotate(n=Count("id"))
        .values("n")
    )
    return (
        Submission.objects.filter(period__plan=plan)
        .select_related("org_unit", "period")
        .annotate(n_values=Coalesce(Subquery(values, output_field=IntegerField()), V(0)))
        .order_by("period__deadline", "org_unit__name")
    )


@require_safe
def overview(request):
    _require_overview(request.user)
    plan = _plan_or_404(request)
    found = ensure_reporting(plan, recipients=False)
    years = list(plan.years)
    data = request.GET.copy()
    if "year" not in data:
        data["year"] = str(today().year if today().year in years else years[0])
    year = int(data["year"]) if data["year"].isdigit() else today().year
    filterset = SubmissionFilter(
        data,
        queryset=_submissions(plan),
        area=plan.collaboration_area_id,
        years=years,
        units=found.units,
    )
    expected = {pair: len(figs) for pair, figs in found.by_unit_period.items()}
    statuses = figure_statuses(found, year, plan)
    goal_rows = goal_summary(statuses)
    export = request.GET.get("export")
    if export in EXPORTS:
        which = request.GET.get("tabell")
        name = {"mal": "maluppfyllelse", "status": "nyckeltal"}.get(which, "inrapportering")
        filename = f"simba-{name}-{year}.{export}"
        if which == "status":
            return export_response(outcomes.EXPORT_HEADER, export_rows(statuses), export, filename)
        if which == "mal":
            table = GoalSummaryTable(goal_rows, prefix="m-")
        else:
            table = SubmissionTable(filterset.qs, expected=expected, prefix="r-")
        RequestConfig(request, paginate=False).configure(table)
        return table_response(table, export, filename)
    municipalities = [u for u in found.units if u.kind == OrgUnit.Kind.MUNICIPALITY]
    context = {
        "plan": plan,
        "year": year,
        "filter": filterset,
        "submissions": SubmissionPage(filterset.qs, request, expected),
        "goal_headers": GoalSummaryTable.headers(),
        "goal_rows": goal_rows,
        "statuses": statuses,
        "matrix_rows": matrix_rows(statuses),
        "municipalities": municipalities,
        "area": next((u for u in found.units if u.kind == OrgUnit.Kind.AREA), None),
        "query": request.GET.urlencode(),
        "may_approve": roles.is_process_leader(request.user),
    }
    return render(request, "indicators/overview.html", context)


@require_POST
def approve_many(request):
    if not roles.is_process_leader(request.user):
        raise PermissionDenied("Bara processledaren kan godkänna rapporteringar.")
    pks = [int(pk) for pk in request.POST.getlist("valda") if pk.isdigit()]
    if not pks:
        messages.error(request, "Markera de rapporteringar som ska godkännas.")
        return redirect("indicators:overview")
    approved, refused = bulk_approve(pks, request.user, current_area(request))
    if approved:
        messages.success(
            request,
            ngettext(
                "%d rapportering godkänd och låst.",
                "%d rapporteringar godkända och låsta.",
                approved,
            )
            % approved,
        )
    for text in refused:
        messages.error(request, text)
    return redirect("indicators:overview")


def activity_follow_up(request, code: str, year: int):
    plan = _plan_or_404(request)
    unit = visible_unit(request.user, code, plan.collaboration_area)
    if not plan.first_year <= year <= plan.last_year:
        raise Http404("Året ingår inte i planen.")
    may_edit = roles.can_report_for(request.user, unit)
    period = follow_up.year_period(plan, year)
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied("Du får inte följa upp aktiviteter för den här enheten.")
        rows = follow_up.load(plan, unit, period, request.POST)
        if all(r["form"].is_valid() for r in rows if r["form"].is_bound):
            try:
                changed = follow_up.save(unit, period, rows, request.user)
            except StaleSave as error:
                messages.error(request, str(error))
            else:
                messages.success(
                    request,
                    ngettext(
                        "Sparat (%d aktivitet ändrad).", "Sparat (%d aktiviteter ändrade).", changed
                    )
                    % changed,
                )
                return redirect("indicators:activities", code=unit.code, year=year)
        else:
            messages.error(request, "Några rader behöver rättas. Inget sparades.")
    else:
        rows = follow_up.load(plan, unit, period)
    context = {"unit": unit, "year": year, "rows": rows, "may_edit": may_edit, "plan": plan}
    return render(request, "indicators/activities.html", context)


SESSION_KEY = "simba-import"


def import_values(request):
    """Step 1: upload and preview. Nothing is written here."""
    if roles.org_unit_of(request.user) is None and not roles.is_process_leader(request.user):
        raise PermissionDenied("Bara närområdesgrupper och processledaren kan importera värden.")
    plan = _plan_or_404(request)
    ensure_reporting(plan)
    parsed, error = None, ""
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        request.session.pop(SESSION_KEY, None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            validate_upload(upload, imports.EXTENSIONS, max_bytes=imports.MAX_BYTES)
            parsed = imports.parse(plan, request.user, upload.name, upload.read())
        except ValidationError as problem:
            error = " ".join(problem.messages)
        except imports.ImportFileError as problem:
            error = str(problem)
        else:
            if not parsed.bad:
                request.session[SESSION_KEY] = imports.to_session(parsed.rows)
    status = 422 if error or (parsed and parsed.bad) else 200
    context = {
        "form": form,
        "parsed": parsed,
        "error": error,
        "plan": plan,
        "summary": _import_summary(parsed) if parsed else {},
    }
    return render(request, "indicators/import.html", context, status=status)


def _import_summary(parsed) -> dict:
    """The preview's sentences, in Swedish singular or plural."""
    n, bad, changed = len(parsed.rows), len(parsed.bad), len(parsed.changed)
    same = n - bad - changed
    return {
        "bad": ngettext("%(bad)d av %(n)d rad har fel.", "%(bad)d av %(n)d rader har fel.", n)
        % {"bad": bad, "n": n},
        "ok": ngettext("Raden är korrekt.", "Alla %(n)d rader är korrekta.", n) % {"n": n},
        "changed": ngettext("%(c)d värde ändras", "%(c)d värden ändras", changed) % {"c": changed},
        "same": ngettext("%(s)d är oförändrat", "%(s)d är oförändrade", same) % {"s": same}
        if same
        else "",
        "blank": ngettext(
            "%(b)d tom rad hoppades över.", "%(b)d tomma rader hoppades över.", parsed.blank
        )
        % {"b": parsed.blank}
        if parsed.blank
        else "",
        "save": ngettext("Spara %(c)d värde", "Spara %(c)d värden", changed) % {"c": changed},
    }


@require_POST
def import_confirm(request):
    """Step 2: write the previewed rows, all or nothing."""
    if roles.org_unit_of(request.user) is None and not roles.is_process_leader(request.user):
        raise PermissionDenied("Bara närområdesgrupper och processledaren kan importera värden.")
    stored = request.session.get(SESSION_KEY)
    if stored is None:
        messages.error(request, "Det finns ingen granskad fil att spara. Ladda upp filen igen.")
        return redirect("indicators:import")
    try:
        count = imports.write(_plan_or_404(request), request.user, stored)
    except (imports.ImportFileError, StaleSave) as error:
        messages.error(request, f"Inget sparades. {error}")
        return redirect("indicators:import")
    request.session.pop(SESSION_KEY, None)
    if count:
        messages.success(
            request, ngettext("%d värde importerat.", "%d värden importerade.", count) % count
        )
    else:
        messages.info(request, "Inget ändrades: alla värden i filen var redan sparade.")
    return redirect("indicators:my_reports")


@require_safe
def import_template(request):
    """A CSV (semicolon, UTF-8 with BOM for Excel) listing what the user may still enter."""
    if roles.org_unit_of(request.user) is None and not roles.is_process_leader(request.user):
        raise PermissionDenied("Bara närområdesgrupper och processledaren kan importera värden.")
    plan = _plan_or_404(request)
    ensure_reporting(plan)
    year = request.GET.get("ar", "")
    year = int(year) if year.isdigit() else today().year
    header, *rows = imports.template_rows(plan, request.user, year)
    return export_response(header, rows, "csv", f"simba-import-{year}.csv")
