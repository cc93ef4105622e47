"""Publishing decisions (the process leader's): each one is one transaction and one log row."""

from django.db import transaction

from plans.models import Plan
from publication.adapter import comments, public_view
from publication.models import Publication, PublicationEvent
from reports.models import Report


class PublishingError(Exception):
    """Refused; the message is Swedish and says why."""


def _log(plan, action, user, year=None, report=None, note=""):
    PublicationEvent.objects.create(
        plan=plan, year=year, report=report, action=action, by=user, note=note
    )


@transaction.atomic
def set_plan_public(plan: Plan, public: bool, user) -> bool:
    """Plan public yes/no (also makes the plan's own page readable without log-in)."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.is_public == public:
        return False
    plan.is_public = public
    plan._change_reason = "Publicerad för alla" if public else "Inte längre publik"
    plan.save(update_fields=["is_public"])
    action = PublicationEvent.Action.PLAN_PUBLIC if public else PublicationEvent.Action.PLAN_HIDDEN
    _log(plan, action, user)
    return True


@transaction.atomic
def publish_year(plan: Plan, report_pk, user) -> Publication:
    """Make a published report's year public; a report chosen earlier for the year is replaced."""
    report = (
        Report.objects.select_for_update()
        .filter(pk=report_pk, plan=plan, status=Report.Status.DONE, published_at__isnull=False)
        .first()
    )
    if report is None:
        raise PublishingError(
            "Bara en färdig rapport som är publicerad för de inloggade kan visas för allmänheten."
        )
    publication = Publication.objects.select_for_update().filter(plan=plan, year=report.year)
    publication = publication.first()
    if publication and publication.is_public and publication.report_id == report.pk:
        raise PublishingError(f"Uppföljningen för {report.year} visas redan för allmänheten.")
    if publication is None:
        publication = Publication(plan=plan, year=report.year)
    replaced = publication.report_id if publication.pk else None
    publication.report, publication.is_public = report, True
    publication.save()
    note = f"Rapport {report.pk}" + (f" (ersätter rapport {replaced})" if replaced else "")
    _log(plan, PublicationEvent.Action.PUBLISHED, user, report.year, report, note)
    return publication


@transaction.atomic
def withdraw_year(plan: Plan, year: int, user) -> Publication:
    publication = Publication.objects.select_for_update().filter(plan=plan, year=year).first()
    if publication is None or not publication.is_public:
        raise PublishingError(f"Uppföljningen för {year} visas inte för allmänheten.")
    publication.is_public = False
    publication.save(update_fields=["is_public", "changed_at"])
    _log(plan, PublicationEvent.Action.WITHDRAWN, user, year, publication.report)
    return publication


@transaction.atomic
def set_public_comments(plan: Plan, year: int, keys, user) -> Publication:
    """Only keys of comments that exist in the chosen report count; the rest are dropped."""
    publication = Publication.objects.select_for_update().filter(plan=plan, year=year).first()
    if publication is None:
        raise PublishingError(f"Välj först vilken rapport som ska visas för {year}.")
    known = {c.key for c in comments(public_view(publication.report.snapshot))}
    chosen = sorted(set(keys) & known)
    before = set(publication.public_comments)
    if set(chosen) == before:
        return publication
    publication.public_comments = chosen
    publication.save(update_fields=["public_comments", "changed_at"])
    note = (
        f"{len(chosen)} av {len(known)} kommentarer offentliga "
        f"({len(set(chosen) - before)} tillagda, {len(before - set(chosen))} borttagna)"
    )
    _log(plan, PublicationEvent.Action.COMMENTS, user, year, publication.report, note)
    return publication
