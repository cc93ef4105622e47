"""Who reports which key figure for which period: the plan's "Uppföljning"/"Redovisning" as data.

Rules (documented in the README):
- A key figure's periods follow its frequency over the plan's years (`indicators/periods.py`).
- Reporting units: when the figure's "följs upp av" actor is tied to one unit (`Actor.org_unit`),
  that unit alone reports it. Otherwise `reporting_level` decides: "per kommun" → each
  municipality; "hela området" → the area unit (SIMBA-området, entered by the process leader);
  "båda" → each municipality, plus the area unit when the area total cannot be summed from the
  municipalities (days, yes/no, text, percentages without numerator/denominator).
- A unit × period is one report (`Submission`); its figures are those the unit reports whose
  frequency is the period's kind.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from indicators.models import Period, Submission
from indicators.outcomes import can_sum
from indicators.periods import periods_for
from organisation.models import OrgUnit
from plans.models import KeyFigure


def plan_key_figures(plan, recipients: bool = True):
    figures = (
        KeyFigure.objects.filter(goal__focus_area__plan=plan)
        .select_related("goal__focus_area", "followed_up_by")
        .order_by("goal__focus_area__number", "goal__sort_key", "position", "id")
    )
    return figures.prefetch_related("reported_to") if recipients else figures


def reporting_units(key_figure: KeyFigure, units: list[OrgUnit]) -> list[OrgUnit]:
    """The units that must report `key_figure`, from `units` (every unit of the area)."""
    actor = key_figure.followed_up_by
    if actor is not None and actor.org_unit_id is not None:
        return [u for u in units if u.pk == actor.org_unit_id]
    municipalities = [u for u in units if u.kind == OrgUnit.Kind.MUNICIPALITY]
    areas = [u for u in units if u.kind == OrgUnit.Kind.AREA]
    level = key_figure.reporting_level
    if level == KeyFigure.ReportingLevel.MUNICIPALITY:
        return municipalities
    if level == KeyFigure.ReportingLevel.AREA:
        return areas
    if can_sum(key_figure):
        return municipalities
    return municipalities + areas


def period_matches(period, key_figure: KeyFigure) -> bool:
    if period.kind != key_figure.frequency:
        return False
    if period.kind == KeyFigure.Frequency.ROLLING_12_MONTHS:
        return (period.end.month, period.end.day) == (
            key_figure.as_of_month or 12,
            key_figure.as_of_day or 1,
        )
    return True


def period_specs(plan, key_figures) -> list:
    """Every period the plan's key figures need, without duplicates, in time order."""
    specs = {}
    for kf in key_figures:
        for spec in periods_for(kf.frequency, plan.years, kf.as_of_month, kf.as_of_day):
            specs[(spec.kind, spec.start)] = spec
    return sorted(specs.values(), key=lambda s: (s.end, s.kind))


@dataclass
class Obligations:
    """Which figures each unit reports in each period of a plan (computed, never stored)."""

    periods: list
    units: list
    figures: list
    by_unit_period: dict = field(default_factory=dict)

    def figures_for(self, unit, period) -> list:
        return self.by_unit_period.get((unit.pk, period.pk), [])

    def periods_for(self, unit) -> list:
        return [p for p in self.periods if (unit.pk, p.pk) in self.by_unit_period]

    def pairs(self):
        return list(self.by_unit_period)


def obligations(plan, periods=None, units=None, figures=None) -> Obligations:
    figures = list(figures if figures is not None else plan_key_figures(plan))
    if units is None:
        units = OrgUnit.objects.in_area(plan.collaboration_area_id)  # the plan's area only
    units = list(units)
    periods = list(periods if periods is not None else Period.objects.filter(plan=plan))
    result = Obligations(periods=periods, units=units, figures=figures)
    by_kind = defaultdict(list)
    for period in periods:
        by_kind[period.kind].append(period)
    grouped = defaultdict(list)
    for kf in figures:
        reporters = reporting_units(kf, units)
        for period in by_kind[kf.frequency]:
            if period_matches(period, kf):
                for unit in reporters:
                    grouped[(unit.pk, period.pk)].append(kf)
    result.by_unit_period = dict(grouped)
    return result


def ensure_reporting(plan, recipients: bool = True) -> Obligations:
    """Create the Period rows and one draft Submission per unit × period the plan needs.

    Idempotent: existing rows (and moved deadlines) are left as they are. `recipients=False`
    skips loading whom each figure is reported to (pages that do not show it). Every write
    ignores conflicts, so no transaction is needed (pages that only read open none).
    """
    figures = list(plan_key_figures(plan, recipients))
    periods = list(Period.objects.filter(plan=plan))
    existing = {(p.kind, p.start) for p in periods}
    missing = [
        Period(plan=plan, kind=s.kind, start=s.start, end=s.end, deadline=s.deadline)
        for s in period_specs(plan, figures)
        if (s.kind, s.start) not in existing
    ]
    if missing:
        Period.objects.bulk_create(missing, ignore_conflicts=True)
        periods = list(Period.objects.filter(plan=plan))  # read them again, with their ids
    result = obligations(plan, periods=periods, figures=figures)
    have = set(Submission.objects.filter(period__plan=plan).values_list("org_unit_id", "period_id"))
    new = [
        Submission(org_unit_id=unit_id, period_id=period_id)
        for unit_id, period_id in result.pairs()
        if (unit_id, period_id) not in have
    ]
    if new:
        Submission.objects.bulk_create(new, ignore_conflicts=True)
    return result


def is_municipal_group(actor) -> bool:
    """Actors that stand for a group in every municipality (närområdesgrupperna, lokala grupper)."""
    name = actor.name.lower()
    return "närområdesgrupp" in name or "lokala" in name
