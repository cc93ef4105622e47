"""Plausible demo values for every unit and period of a plan, so the follow-up looks lived in.

`fill_values(plan, years, seed)` is a plain function (the reports benchmark calls it too): the
same seed gives the same values. Some values are left out and some marked "not available", so
missing data shows as it will in real life. Periods are approved up to the last finished one.
The whole area's activity follow-up (status and comment per activity and year) is filled too.
"""

import random
from datetime import date
from decimal import Decimal

from django.db import transaction

from indicators.activities import plan_activities, year_period
from indicators.models import ActivityFollowUp, Submission, SubmissionEvent, Value
from indicators.reporting import ensure_reporting
from organisation.models import OrgUnit
from plans.targets import ValueKind, quantize

COMMENTS = [
    "Arbetet följer planen.",
    "Försenat på grund av personalbrist under hösten.",
    "Implementeringen klar.",
    "Samverkansdialog pausad i väntan på nytt avtal.",
    "",
]
SIZE = {"1440": 1.0, "1482": 1.6, "1415": 0.9, "1419": 0.6, "SIMBA": 4.1}  # rough population


def _number(rng, kf, unit, index):
    scale = SIZE.get(unit.code, 1.0)
    if kf.value_kind == ValueKind.COUNT:
        base = 4 if kf.frequency == "month" else 25
        return Decimal(max(0, round(base * scale * (1 + 0.04 * index) + rng.gauss(0, 3))))
    if kf.value_kind == ValueKind.DAYS:
        return Decimal(str(round(max(0.1, rng.gauss(1.0, 0.35)), 1)))
    return None


def _fill(value, rng, kf, unit, index):
    if kf.value_kind == ValueKind.PERCENTAGE:
        denominator = max(5, round(rng.gauss(60, 15) * SIZE.get(unit.code, 1.0)))
        share = min(1.0, max(0.3, rng.gauss(0.78, 0.12)))
        value.numerator, value.denominator = (
            Decimal(round(denominator * share)),
            Decimal(denominator),
        )
        value.number = quantize(value.numerator * 100 / value.denominator, ValueKind.PERCENTAGE)
    elif kf.value_kind == ValueKind.YES_NO:
        value.yes_no = rng.random() < 0.7
    elif kf.value_kind == ValueKind.TEXT:
        value.text = rng.choice(
            ["Uppföljningsmallen används; se bilaga.", "Mottagningen följs upp kvartalsvis.",
             "Data enligt beslutad mall, inga avvikelser."]
        )  # fmt: skip
    else:
        value.number = _number(rng, kf, unit, index)
    if kf.evaluate(value.raw).status == "not_met":
        value.explanation = "Arbetet pågår; åtgärder beslutade i närområdesgruppen."


@transaction.atomic
def fill_values(plan, years=None, seed: int = 2026, today: date | None = None, user=None) -> int:
    """Create values for every unit × period of `years` (default: the plan's); returns how many.

    Existing values are kept. Every period of the years gets values (benchmarks and reports need
    whole years); reports past their deadline by `today` are approved or submitted, later ones
    stay drafts.
    """
    rng = random.Random(seed)
    today = today or date.today()
    years = set(years or plan.years)
    found = ensure_reporting(plan)
    have = set(
        Value.objects.filter(period__plan=plan).values_list(
            "key_figure_id", "org_unit_id", "period_id"
        )
    )
    units = {u.pk: u for u in found.units}
    periods = {p.pk: p for p in found.periods}
    new, finished = [], []
    for (unit_pk, period_pk), figures in sorted(found.by_unit_period.items()):
        period, unit = periods[period_pk], units[unit_pk]
        if period.end.year not in years:
            continue
        finished.append((unit_pk, period_pk))
        index = found.periods_for(unit).index(period)
        for kf in figures:
            if (kf.pk, unit_pk, period_pk) in have or rng.random() < 0.06:
                continue  # some values simply missing
            value = Value(key_figure=kf, org_unit=unit, period=period, updated_by=user)
            if rng.random() < 0.04:
                value.not_available = True
                value.not_available_reason = (
                    "Uppgiften har inte kunnat tas fram ur verksamhetssystemet."
                )
            else:
                _fill(value, rng, kf, unit, index)
            new.append(value)
    _area_within_municipalities(new, units)
    Value.objects.bulk_create(new, batch_size=500)
    _mark_submitted(finished, today, user)
    _fill_activity_follow_ups(plan, sorted(years), rng, user)
    return len(new)


def _area_within_municipalities(new, units):
    """An area value that cannot be summed (days, shares without numerator/denominator) is the
    mean of its municipalities' values, so it lies within their range (outcomes.py warns when a
    reported area value does not)."""
    numbers = {}
    for value in new:
        if units[value.org_unit_id].kind == OrgUnit.Kind.MUNICIPALITY and value.number is not None:
            numbers.setdefault((value.key_figure_id, value.period_id), []).append(value.number)
    for value in new:
        kf = value.key_figure
        if units[value.org_unit_id].kind != OrgUnit.Kind.AREA or value.number is None:
            continue
        if kf.value_kind == ValueKind.COUNT or (
            kf.value_kind == ValueKind.PERCENTAGE and kf.has_fraction
        ):
            continue
        found = numbers.get((kf.pk, value.period_id))
        if found:
            value.number = quantize(sum(found) / len(found), kf.value_kind)
            value.numerator = value.denominator = None


def _fill_activity_follow_ups(plan, years, rng, user):
    """The whole area's status and comment per activity and year; existing ones are kept."""
    statuses = [s for s, _ in ActivityFollowUp.Status.choices]
    weighted = statuses[:3] * 3 + statuses[3:]  # mostly not started, in progress or done
    activities = list(plan_activities(plan))
    follow_ups = [
        ActivityFollowUp(
            activity=activity, period=year_period(plan, year), org_unit=None,
            status=rng.choice(weighted), comment=rng.choice(COMMENTS), updated_by=user,
        )
        for year in years
        for activity in activities
    ]  # fmt: skip
    ActivityFollowUp.objects.bulk_create(follow_ups, ignore_conflicts=True)


def _mark_submitted(pairs, today, user):
    """Old periods approved, the most recent ones submitted, so the overview has every state."""
    subs = Submission.objects.filter(
        status=Submission.Status.DRAFT,
        org_unit_id__in={u for u, _ in pairs},
        period_id__in={p for _, p in pairs},
    ).select_related("period")
    events = []
    for sub in subs:
        if (sub.org_unit_id, sub.period_id) not in set(pairs):
            continue
        target = (
            Submission.Status.APPROVED
            if (today - sub.period.deadline).days > 60
            else Submission.Status.SUBMITTED
        )
        if (today - sub.period.deadline).days < 0:
            continue  # not yet due: leave as a draft to be filled in
        events.append(
            SubmissionEvent(submission=sub, from_status=sub.status, to_status=target, by=user)
        )
        sub.status = target
    Submission.objects.bulk_update(list(subs), ["status"], batch_size=500)
    SubmissionEvent.objects.bulk_create(events, batch_size=500)
