"""What the public may see: public plans and their public years, each from a published report."""

from django.http import Http404

from plans.models import Plan
from publication.models import Publication, PublicationEvent
from reports.models import Report
from simba.caching import change_token


def public_publications():
    return Publication.objects.filter(
        is_public=True,
        plan__is_public=True,
        report__status=Report.Status.DONE,
        report__published_at__isnull=False,
    ).select_related("report")


def public_plans() -> list[Plan]:
    """Public plans of every area (by area), each with `public_years` (newest first)."""
    plans = list(
        Plan.objects.filter(is_public=True)
        .select_related("collaboration_area")
        .order_by("collaboration_area__name", "-first_year", "title")
    )
    years: dict[int, list[int]] = {}
    for plan_id, year in public_publications().values_list("plan_id", "year"):
        years.setdefault(plan_id, []).append(year)
    for plan in plans:
        plan.public_years = sorted(years.get(plan.pk, []), reverse=True)
    return plans


def public_plan(pk: int) -> Plan:
    plan = next((p for p in public_plans() if p.pk == pk), None)
    if plan is None:
        raise Http404("Planen finns inte eller visas inte för allmänheten.")
    return plan


def public_publication(plan_pk: int, year: int) -> Publication:
    publication = public_publications().filter(plan_id=plan_pk, year=year).first()
    if publication is None:
        raise Http404("Uppföljningen för året finns inte eller visas inte för allmänheten.")
    return publication


HistoricalPlan = Plan.history.model


def publication_version() -> str:
    """Moves with every publishing decision and every change of a plan (title, public yes/no)."""
    return change_token((PublicationEvent, "at"), (HistoricalPlan, "history_date"))
