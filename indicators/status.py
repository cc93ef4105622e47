"""Status against targets for a whole plan and year: per key figure × unit, area totals, per goal.

A figure's status for a year is that of its last period ending in the year (December for monthly
figures, the second half for half-yearly ones, the as-of date for "latest 12 months"), compared
with the period before it. Loads all values in one query, however many figures and units.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from indicators.aggregation import area_value, can_sum_for_area
from indicators.models import OrgUnit, Value
from indicators.reporting import period_matches
from plans.targets import Evaluation, Status, evaluate, trend


@dataclass
class Cell:
    unit: OrgUnit
    period: object
    value: object  # a raw value (number, bool, text) or None
    evaluation: Evaluation
    trend: str
    entry: bool  # True when the unit enters it (a link to its entry page), False for a sum
    value_kind: str

    @property
    def status(self) -> str:
        return self.evaluation.status


@dataclass
class FigureStatus:
    key_figure: object
    period: object
    cells: list  # one per municipality (None when the unit does not report it)
    area: Cell | None


def _last_two(periods, key_figure, year):
    matching = sorted((p for p in periods if period_matches(p, key_figure)), key=lambda p: p.start)
    in_year = [p for p in matching if p.end.year == year]
    if not in_year:
        return None, None
    last = in_year[-1]
    index = matching.index(last)
    return last, (matching[index - 1] if index else None)


def _area_cell(kf, area, municipalities, values, period, before):
    if area is None:
        return None
    if (area.pk, period.pk) in values.get(kf.pk, {}) or not can_sum_for_area(
        kf.value_kind, kf.has_fraction
    ):
        return _cell(kf, area, period, before, values, entry=True)
    now = [values.get(kf.pk, {}).get((m.pk, period.pk)) for m in municipalities]
    then = [values.get(kf.pk, {}).get((m.pk, before.pk)) for m in municipalities] if before else []
    total = _rounded(area_value(kf.value_kind, kf.has_fraction, now))
    previous = _rounded(area_value(kf.value_kind, kf.has_fraction, then)) if then else None
    return Cell(
        area, period, total, evaluate(kf.target, total, previous), trend(total, previous), False,
        kf.value_kind,
    )  # fmt: skip


def _rounded(number):
    return None if number is None else number.quantize(Decimal("0.1"))


def _cell(kf, unit, period, before, values, entry=True):
    mine = values.get(kf.pk, {})
    value = mine.get((unit.pk, period.pk))
    previous = mine.get((unit.pk, before.pk)) if before else None
    raw = value.raw if value else None
    prev_raw = previous.raw if previous else None
    return Cell(
        unit, period, raw, evaluate(kf.target, raw, prev_raw), trend(raw, prev_raw), entry,
        kf.value_kind,
    )  # fmt: skip


def figure_statuses(found, year: int) -> list[FigureStatus]:
    """`found`: reporting.Obligations for the plan. One FigureStatus per key figure."""
    municipalities = [u for u in found.units if u.kind == OrgUnit.Kind.MUNICIPALITY]
    area = next((u for u in found.units if u.kind == OrgUnit.Kind.AREA), None)
    chosen = {kf.pk: _last_two(found.periods, kf, year) for kf in found.figures}
    wanted = {p.pk for pair in chosen.values() for p in pair if p is not None}
    values = defaultdict(dict)
    for v in Value.objects.filter(period_id__in=wanted, key_figure__in=found.figures):
        values[v.key_figure_id][(v.org_unit_id, v.period_id)] = v
    for kf in found.figures:
        for v in values[kf.pk].values():
            v.key_figure = kf
    result = []
    for kf in found.figures:
        period, before = chosen[kf.pk]
        if period is None:
            continue
        cells = [
            _cell(kf, m, period, before, values) if kf in found.figures_for(m, period) else None
            for m in municipalities
        ]
        result.append(
            FigureStatus(
                kf, period, cells, _area_cell(kf, area, municipalities, values, period, before)
            )
        )
    return result


def goal_summary(statuses: list[FigureStatus]) -> list[dict]:
    """Per focus area and goal: how many values (figure × unit) meet, miss, lack a target or
    are missing."""
    rows = {}
    for fs in statuses:
        goal = fs.key_figure.goal
        row = rows.setdefault(
            goal.pk,
            {
                "focus_area": f"{goal.focus_area.number}. {goal.focus_area.title}",
                "goal": f"Mål {goal.code} {goal.title}",
                "goal_anchor": f"mal-{goal.sort_key}",
                "figures": 0,
                **{s.value: 0 for s in Status},
            },
        )
        row["figures"] += 1
        for cell in [*fs.cells, fs.area]:
            if cell is not None:
                row[cell.status] += 1
    return list(rows.values())
