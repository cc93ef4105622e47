"""A plan's life: draft → adopted (fastställd) → reopened on purpose; the next plan is a copy.

Every transition is a guarded state change on a locked row, recorded in the plan's history
with who, when and why (django-simple-history's change reason).
"""

from datetime import date

from django.db import transaction

from plans.models import Activity, Actor, FocusArea, Goal, KeyFigure, Plan, Responsibility


class LifecycleError(Exception):
    """The transition is not allowed now; the message says why, in Swedish."""


class PlanLocked(LifecycleError):
    pass


def ensure_editable(plan: Plan) -> None:
    """Content may change only in a draft; an adopted plan must be reopened first."""
    if plan.status == Plan.Status.ADOPTED:
        raise PlanLocked(
            f"Planen fastställdes {plan.adopted_on:%Y-%m-%d} och är låst. Öppna den för "
            "ändringar först (knappen ”Öppna planen för ändringar” i redigeringsläget)."
            if plan.adopted_on
            else "Planen är fastställd och låst. Öppna den för ändringar först."
        )
    if plan.status == Plan.Status.ARCHIVED:
        raise PlanLocked("Planen är arkiverad och kan inte ändras.")


def _locked(plan: Plan) -> Plan:
    return Plan.objects.select_for_update().get(pk=plan.pk)


@transaction.atomic
def adopt(plan: Plan, on: date) -> Plan:
    plan = _locked(plan)
    if plan.status != Plan.Status.DRAFT:
        raise LifecycleError("Bara ett utkast kan fastställas. Planen är redan fastställd.")
    if not plan.focus_areas.exists():
        raise LifecycleError("Planen har inga fokusområden ännu och kan inte fastställas.")
    plan.status = Plan.Status.ADOPTED
    plan.adopted_on = on
    plan._change_reason = f"Fastställd {on:%Y-%m-%d}"
    plan.save(update_fields=["status", "adopted_on"])
    return plan


@transaction.atomic
def reopen(plan: Plan, reason: str) -> Plan:
    reason = (reason or "").strip()
    if not reason:
        raise LifecycleError(
            "Skriv varför planen öppnas för ändringar. Skälet sparas i historiken."
        )
    plan = _locked(plan)
    if plan.status != Plan.Status.ADOPTED:
        raise LifecycleError("Bara en fastställd plan kan öppnas för ändringar.")
    adopted = plan.adopted_on
    plan.status = Plan.Status.DRAFT
    plan.adopted_on = None
    plan._change_reason = (
        f"Öppnad för ändringar (fastställd {adopted:%Y-%m-%d}): {reason}"
        if adopted
        else f"Öppnad för ändringar: {reason}"
    )
    plan.save(update_fields=["status", "adopted_on"])
    return plan


def next_period(plan: Plan) -> tuple[int, int]:
    """The same length as `plan`, right after it: 2026–2027 → 2028–2029."""
    length = plan.last_year - plan.first_year
    return plan.last_year + 1, plan.last_year + 1 + length


def _check_next(plan: Plan, first_year: int, last_year: int) -> None:
    if plan.status != Plan.Status.ADOPTED:
        raise LifecycleError("Nästa plan skapas från en fastställd plan. Fastställ planen först.")
    if first_year <= plan.last_year:
        raise LifecycleError(f"Nästa plan måste börja efter {plan.last_year}.")
    if last_year < first_year:
        raise LifecycleError("Sista året kan inte vara före första året.")
    same_area = Plan.objects.filter(collaboration_area=plan.collaboration_area_id)
    if same_area.filter(title=plan.title, first_year=first_year).exists():
        raise LifecycleError(
            f"Det finns redan en plan ”{plan.title}” som börjar {first_year}. "
            "Öppna den i stället för att skapa en till."
        )


def _copy_fields(source, exclude: set[str]) -> dict:
    return {
        f.attname: getattr(source, f.attname)
        for f in source._meta.concrete_fields
        if f.name not in exclude and not f.primary_key
    }


@transaction.atomic
def create_next_plan(plan: Plan, first_year: int, last_year: int) -> Plan:
    """A new draft with the same structure (focus areas, goals, key figures with their targets,
    activities, responsible groups) for the next period, without follow-up values or periods."""

    plan = _locked(plan)
    _check_next(plan, first_year, last_year)
    reason = f"Kopierad från {plan}"
    new = Plan(
        collaboration_area_id=plan.collaboration_area_id, title=plan.title, area=plan.area,
        area_members=plan.area_members, first_year=first_year, last_year=last_year,
        status=Plan.Status.DRAFT,
    )  # fmt: skip
    new._change_reason = reason
    new.save()
    actors = {}
    for actor in plan.actors.all():
        copy = Actor(plan=new, name=actor.name, org_unit_id=actor.org_unit_id)
        copy._change_reason = reason
        copy.save()
        actors[actor.pk] = copy
    goals, shares = {}, []
    for area in plan.focus_areas.all():
        new_area = FocusArea(plan=new, number=area.number, title=area.title)
        new_area._change_reason = reason
        new_area.save()
        for goal in area.goals.all():
            fields = _copy_fields(goal, {"focus_area", "shares_with", "version"})
            new_goal = Goal(focus_area=new_area, **fields)
            new_goal._change_reason = reason
            new_goal.save()
            goals[goal.pk] = new_goal
            if goal.shares_with_id:
                shares.append((new_goal, goal.shares_with_id))
            _copy_goal_content(goal, new_goal, actors, reason)
    for new_goal, shared_pk in shares:
        new_goal.shares_with = goals[shared_pk]
        new_goal._change_reason = reason
        new_goal.save(update_fields=["shares_with"])
    return new


def _copy_goal_content(goal, new_goal, actors, reason) -> None:
    def actor(pk):
        return actors.get(pk) if pk else None

    for figure in KeyFigure.objects.filter(goal=goal).prefetch_related("reported_to"):
        fields = _copy_fields(figure, {"goal", "followed_up_by", "version"})
        copy = KeyFigure(goal=new_goal, followed_up_by=actor(figure.followed_up_by_id), **fields)
        copy._change_reason = reason
        copy.save()
        copy.reported_to.set([actors[a.pk] for a in figure.reported_to.all()])
    for activity in goal.activities.all():
        fields = _copy_fields(activity, {"goal", "followed_up_by", "version"})
        copy = Activity(goal=new_goal, followed_up_by=actor(activity.followed_up_by_id), **fields)
        copy._change_reason = reason
        copy.save()
        for resp in activity.responsibilities.all():
            Responsibility.objects.create(
                activity=copy, actor=actors[resp.actor_id], position=resp.position
            )
