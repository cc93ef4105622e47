"""The process leader's publishing decisions: plan public yes/no, which published years, which
comments; a preview of the public page; withdraw. Thin: rules in publication/services.py."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from accounts.roles import is_process_leader
from plans.access import plan_in_reach
from plans.models import Plan
from publication.adapter import comments, public_view
from publication.models import Publication
from publication.services import (
    PublishingError,
    publish_year,
    set_plan_public,
    set_public_comments,
    withdraw_year,
)
from publication.views.public import year_context
from reports.models import Report


def _plan_for_leader(request, plan_pk: int) -> Plan:
    plan = plan_in_reach(request.user, plan_pk)
    if not is_process_leader(request.user):
        raise PermissionDenied("Bara processledaren bestämmer vad som visas för allmänheten.")
    return plan


@require_safe
def manage(request, plan_pk: int):
    plan = _plan_for_leader(request, plan_pk)
    reports = Report.objects.filter(
        plan=plan, status=Report.Status.DONE, published_at__isnull=False
    ).order_by("-year", "-published_at")
    publications = {p.year: p for p in Publication.objects.filter(plan=plan)}
    years = []
    for year in sorted({r.year for r in reports} | set(publications), reverse=True):
        publication = publications.get(year)
        years.append({
            "year": year,
            "publication": publication,
            "reports": [r for r in reports if r.year == year],
        })  # fmt: skip
    return render(request, "publication/manage.html", {
        "plan": plan,
        "years": years,
        "events": plan.publication_events.select_related("by")[:50],
    })  # fmt: skip


def _done(request, plan, message=None, error=None):
    if error:
        messages.error(request, error)
    elif message:
        messages.success(request, message)
    return redirect("publication:manage", plan_pk=plan.pk)


@require_POST
def plan_public(request, plan_pk: int):
    plan = _plan_for_leader(request, plan_pk)
    public = request.POST.get("is_public") == "true"
    set_plan_public(plan, public, request.user)
    text = ("Planen och de publicerade åren visas nu för allmänheten."
            if public else "Planen visas inte längre för allmänheten.")  # fmt: skip
    return _done(request, plan, text)


@require_POST
def publish(request, plan_pk: int):
    plan = _plan_for_leader(request, plan_pk)
    try:
        publication = publish_year(plan, request.POST.get("report"), request.user)
    except (PublishingError, ValueError) as exc:
        error = str(exc) if isinstance(exc, PublishingError) else "Välj en rapport."
        return _done(request, plan, error=error)
    text = f"Uppföljningen för {publication.year} är publicerad för allmänheten."
    if not plan.is_public:
        text += " Den syns när planen också visas för allmänheten."
    return _done(request, plan, text)


@require_POST
def withdraw(request, plan_pk: int, year: int):
    plan = _plan_for_leader(request, plan_pk)
    try:
        withdraw_year(plan, year, request.user)
    except PublishingError as exc:
        return _done(request, plan, error=str(exc))
    return _done(request, plan, f"Uppföljningen för {year} visas inte längre för allmänheten.")


def choose_comments(request, plan_pk: int, year: int):
    plan = _plan_for_leader(request, plan_pk)
    publication = get_object_or_404(Publication, plan=plan, year=year)
    if request.method == "POST":
        try:
            set_public_comments(plan, year, request.POST.getlist("comment"), request.user)
        except PublishingError as exc:
            return _done(request, plan, error=str(exc))
        return _done(request, plan, f"Valet av offentliga kommentarer för {year} är sparat.")
    found = comments(public_view(publication.report.snapshot, publication.public_comments))
    return render(request, "publication/comments.html",
                  {"plan": plan, "publication": publication, "comments": found})  # fmt: skip


@require_safe
def preview(request, plan_pk: int, report_pk: int):
    """The public year page as it would look with this report (and the year's chosen comments)."""
    plan = _plan_for_leader(request, plan_pk)
    report = get_object_or_404(
        Report, pk=report_pk, plan=plan, status=Report.Status.DONE, published_at__isnull=False
    )
    publication = Publication.objects.filter(plan=plan, year=report.year).first()
    if publication is None or publication.report_id != report.pk:
        keys = publication.public_comments if publication else []
        publication = Publication(plan=plan, year=report.year, report=report, public_comments=keys)
    plan.public_years = [report.year]
    context = year_context(plan, publication, preview=True)
    return render(request, "publication/year.html", context)
