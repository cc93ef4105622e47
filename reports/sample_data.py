"""Plausible follow-up values for trying the report out (benchmark, local look).

Not used by the application itself. The lead may swap it for indicators/demo.py once that exists.
"""

import random
from decimal import Decimal

from django.db import transaction

from indicators.models import ActivityFollowUp, KeyFigure, OrgUnit, Period, Submission, Value
from indicators.periods import periods_for
from plans.models import Activity

COMMENTS = [
    "Arbetet följer planen.",
    "Försenat på grund av personalbrist under hösten.",
    "Implementeringen klar.",
    "Samverkansdialog pausad i väntan på nytt avtal.",
    "",
]


def _period(plan, spec, cache):
    key = (spec.kind, spec.start)
    if key not in cache:
        cache[key], _ = Period.objects.get_or_create(
            plan=plan,
            kind=spec.kind,
            start=spec.start,
            defaults={"end": spec.end, "deadline": spec.deadline},
        )
    return cache[key]


def _value(figure, rng: random.Random, scale: int) -> dict:
    kind = figure.value_kind
    if kind == KeyFigure.ValueKind.YES_NO:
        return {"yes_no": rng.random() < 0.7}
    if kind == KeyFigure.ValueKind.TEXT:
        return {"text": "Redovisat enligt uppföljningsmallen."}
    if kind == KeyFigure.ValueKind.DAYS:
        return {"number": Decimal(rng.randint(4, 16)) / 10}
    if kind == KeyFigure.ValueKind.PERCENTAGE:
        denominator = rng.randint(40, 200)
        low = 60 if figure.target_threshold is None else int(figure.target_threshold) - 12
        share = min(100, rng.randint(low, low + 20))
        numerator = denominator * share // 100
        return {
            "numerator": Decimal(numerator),
            "denominator": Decimal(denominator),
            "number": Decimal(numerator * 100) / denominator,
        }
    return {"number": Decimal(rng.randint(2, 30) * scale)}


@transaction.atomic
def fill_sample_values(plan, years, seed: int = 2026, approve_years=None) -> int:
    """A value for every key figure, unit and period of `years`; returns the number of values.

    Submissions of `approve_years` (default: all but the last year) are approved, the rest are
    submitted, so the report shows both final and preliminary values.
    """
    rng = random.Random(seed)
    approve_years = set(years[:-1] if approve_years is None else approve_years)
    municipalities = list(OrgUnit.objects.filter(kind=OrgUnit.Kind.MUNICIPALITY))
    area = OrgUnit.objects.get(kind=OrgUnit.Kind.AREA)
    cache: dict = {}
    values = []
    figures = KeyFigure.objects.filter(goal__focus_area__plan=plan)
    for figure in figures:
        units = (
            [area] if figure.reporting_level == KeyFigure.ReportingLevel.AREA else municipalities
        )
        scale = 1 if figure.frequency == KeyFigure.Frequency.MONTH else 4
        specs = periods_for(figure.frequency, years, figure.as_of_month, figure.as_of_day)
        for spec in specs:
            period = _period(plan, spec, cache)
            for unit in units:
                fields = _value(figure, rng, scale)
                values.append(Value(key_figure=figure, org_unit=unit, period=period, **fields))
    Value.objects.bulk_create(values, ignore_conflicts=True)
    submissions = [
        Submission(
            org_unit=unit,
            period=period,
            status=(
                Submission.Status.APPROVED
                if period.end.year in approve_years
                else Submission.Status.SUBMITTED
            ),
        )
        for period in cache.values()
        for unit in [*municipalities, area]
    ]
    Submission.objects.bulk_create(submissions, ignore_conflicts=True)
    statuses = [s for s, _ in ActivityFollowUp.Status.choices]
    follow_ups = []
    for year in years:
        period = _period(plan, periods_for("year", [year])[0], cache)
        for activity in Activity.objects.filter(goal__focus_area__plan=plan):
            follow_ups.append(
                ActivityFollowUp(
                    activity=activity,
                    period=period,
                    org_unit=None,
                    status=rng.choice(statuses[:3] * 3 + statuses[3:]),
                    comment=rng.choice(COMMENTS),
                )
            )
    ActivityFollowUp.objects.bulk_create(follow_ups, ignore_conflicts=True)
    return len(values)
