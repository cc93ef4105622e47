"""Public pages under /insyn/: no log-in, only what the process leader has published."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from organisation.models import OrgUnit
from publication import dcat, opendata
from publication.adapter import public_view, published_deck
from publication.caching import cached_public_page
from publication.pages import year_view
from publication.selectors import public_plan, public_plans, public_publication, public_publications


def public(view):
    """GET only, no log-in, cached per published version."""
    return login_not_required(require_GET(cached_public_page(view)))


@public
def index(request):
    return render(request, "publication/index.html", {"plans": public_plans()})


@public
def plan_page(request, pk: int):
    plan = public_plan(pk)
    latest = None
    if plan.public_years:
        publication = public_publication(plan.pk, plan.public_years[0])
        latest = public_view(publication.report.snapshot)
    return render(request, "publication/plan.html", {"plan": plan, "latest": latest})


def year_context(plan, publication, preview=False) -> dict:
    report = publication.report
    keys = publication.public_comments if publication.pk else ()
    return {
        "plan": plan,
        "publication": publication,
        "view": year_view(report.snapshot, keys),
        "published_at": report.published_at,
        "has_report_file": bool(report.file),
        "deck": published_deck(plan.pk, publication.year),
        "preview": preview,
    }


@public
def year_page(request, pk: int, year: int):
    plan = public_plan(pk)
    publication = public_publication(pk, year)
    return render(request, "publication/year.html", year_context(plan, publication))


@public
def about(request):
    return render(request, "publication/about.html", {"licence": settings.SIMBA_OPEN_DATA_LICENSE})


def _file(report, name: str):
    if report is None or not report.file:
        raise Http404("Filen finns inte.")
    response = FileResponse(report.file.open("rb"), as_attachment=True, filename=name,
                            content_type="application/pdf")  # fmt: skip
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_not_required
@require_GET
def report_pdf(request, pk: int, year: int):
    public_plan(pk)
    publication = public_publication(pk, year)
    return _file(publication.report, f"SIMBA-uppfoljning-{year}.pdf")


@login_not_required
@require_GET
def deck_pdf(request, pk: int, year: int):
    public_plan(pk)
    public_publication(pk, year)
    return _file(published_deck(pk, year), f"SIMBA-presentation-{year}.pdf")


@public
def data_index(request):
    plans = public_plans()
    return render(request, "publication/data.html",
                  {"plans": plans, "columns": opendata.COLUMNS,
                   "licence": settings.SIMBA_OPEN_DATA_LICENSE})  # fmt: skip


def _rows(pk: int, year: int):
    plan = public_plan(pk)
    publication = public_publication(pk, year)
    codes = dict(OrgUnit.objects.in_area(plan.collaboration_area_id).values_list("name", "code"))
    return publication, opendata.rows(publication, codes)


@public
def data_csv(request, pk: int, year: int):
    _, rows = _rows(pk, year)
    response = HttpResponse(opendata.to_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="simba-nyckeltal-{pk}-{year}.csv"'
    return response


@public
def data_json(request, pk: int, year: int):
    publication, rows = _rows(pk, year)
    document = opendata.to_json(publication, rows, settings.SIMBA_OPEN_DATA_LICENSE)
    return HttpResponse(document, content_type="application/json; charset=utf-8")


@public
def dcat_catalogue(request):
    plans = public_plans()
    by_plan: dict[int, list] = {}
    for publication in public_publications().order_by("year"):
        by_plan.setdefault(publication.plan_id, []).append(publication)
    graph = dcat.catalogue(plans, by_plan, request.build_absolute_uri)
    return HttpResponse(graph.serialize(format="xml"), content_type="application/rdf+xml")
