"""The report's data as plain, JSON-serialisable values, taken once when a report is ordered.

A snapshot holds everything the templates show (no ORM objects), so a stored report renders the
same years later, whatever has been corrected in the database since. `fingerprint()` hashes
the data part of it: ordering the same report on unchanged data reuses the stored file.

How a year is summarised when a key figure is reported more often than yearly (one rule, here):
  * counts per month or half-year: the sum of the year's periods, only when every period has a
    value (a partial sum would read as a real total);
  * percentages with numerator and denominator: the year's numerators over its denominators;
  * everything else (days, other percentages, yes/no, text): the year's last period, the value
    at the end of the year; an unweighted mean of averages would mislead;
  * "latest 12 months per a date": the one period ending in the year.
The whole area's value is the area's own reported value when there is one, else computed from
the municipalities (indicators/aggregation.py: counts summed, percentages from numerators and
denominators), else missing. A year's value is final ("fastställt") only when every value it
is built from belongs to an approved submission; otherwise it is preliminary.
"""

import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal
from types import SimpleNamespace

from django.db.models import Max
from django.utils import timezone

from indicators import targets
from indicators.aggregation import area_value, can_sum_for_area
from indicators.models import (
    ActivityFollowUp,
    KeyFigure,
    OrgUnit,
    Period,
    Submission,
    Value,
)
from indicators.periods import periods_for
from plans.selectors import focus_areas_with_structure
from reports.snapshot_extras import target_values

SCHEMA = 1
# Keys describing the ordering, not the data: left out of the fingerprint.
META_KEYS = ("taken_at", "ordered_by", "audience", "audience_label")
EXTRACT_LENGTH = 320
NUMERIC = (targets.ValueKind.COUNT, targets.ValueKind.PERCENTAGE, targets.ValueKind.DAYS)
ACTIVITY_SYMBOLS = {
    "done": "●",
    "in_progress": "◐",
    "not_started": "○",
    "paused": "‖",
    "cancelled": "✗",
    "": "?",
}
AUDIENCE_LABELS = {
    "samordningsgruppen": "Samordningsgruppen",
    "politiska_samradsgruppen": "Politiska samrådsgruppen",
}


@dataclass
class Outcome:
    """One unit's value for one year (or one period), before it becomes plain data."""

    raw: object = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    final: bool = False
    reason: str = ""
    comment: str = ""

    @property
    def missing(self) -> bool:
        return self.raw is None or self.raw == ""


def extract(text: str, length: int = EXTRACT_LENGTH) -> str:
    """The first paragraph, cut at a word boundary: enough to remind the reader of the goal."""
    first = next((p.strip() for p in text.split("\n\n") if p.strip()), "")
    first = " ".join(first.split())
    if len(first) <= length:
        return first
    return first[: first.rfind(" ", 0, length)].rstrip(",;:") + " …"


def _rounded(raw, kind: str):
    if isinstance(raw, Decimal) and kind in (targets.ValueKind.PERCENTAGE, targets.ValueKind.DAYS):
        return raw.quantize(Decimal("0.1"))
    return raw


def _plain(raw):
    """JSON form of a value: numbers as int or float, bool and text as they are."""
    if isinstance(raw, Decimal):
        return int(raw) if raw == raw.to_integral_value() else float(raw)
    return raw


class _Data:
    """The follow-up rows of one plan, loaded in a fixed number of queries."""

    def __init__(self, plan, years):
        self.periods = {
            (p.kind, p.start): p
            for p in Period.objects.filter(plan=plan, end__year__gte=years[0] - 1)
        }
        period_ids = [p.pk for p in self.periods.values()]
        self.values = {
            (v.key_figure_id, v.org_unit_id, v.period_id): v
            for v in Value.objects.filter(
                period_id__in=period_ids, key_figure__goal__focus_area__plan=plan
            )
        }
        self.approved = set(
            Submission.objects.filter(
                period_id__in=period_ids, status=Submission.Status.APPROVED
            ).values_list("org_unit_id", "period_id")
        )
        self.follow_ups = list(
            ActivityFollowUp.objects.filter(period_id__in=period_ids)
            .filter(activity__goal__focus_area__plan=plan)
            .select_related("period", "org_unit")
            .order_by("period__end", "id")
        )
        latest = [
            Value.objects.filter(period_id__in=period_ids).aggregate(at=Max("updated_at"))["at"],
            ActivityFollowUp.objects.filter(period_id__in=period_ids).aggregate(
                at=Max("updated_at")
            )["at"],
        ]
        self.data_as_of = max((t for t in latest if t), default=None)

    def period_outcome(self, figure, unit, spec) -> tuple[Outcome, object]:
        period = self.periods.get((spec.kind, spec.start))
        value = period and self.values.get((figure.pk, unit.pk, period.pk))
        if value is None:
            return Outcome(reason=f"Inget värde för {spec.label.lower()}."), None
        value.key_figure = figure  # already loaded: `raw` needs its kind, not another query
        outcome = Outcome(
            raw=_rounded(value.raw, figure.value_kind),
            numerator=value.numerator,
            denominator=value.denominator,
            final=(unit.pk, period.pk) in self.approved,
            reason=value.not_available_reason if value.not_available else "",
            comment=" ".join(t for t in (value.comment, value.explanation) if t),
        )
        if outcome.missing and not outcome.reason:
            outcome.reason = f"Inget värde för {spec.label.lower()}."
        return outcome, value


def _specs(figure, year):
    return periods_for(figure.frequency, [year], figure.as_of_month, figure.as_of_day)


def year_outcome(data: _Data, figure, unit, year: int) -> Outcome:
    """One unit's value for a year, by the rules in the module docstring."""
    parts = [data.period_outcome(figure, unit, spec)[0] for spec in _specs(figure, year)]
    if len(parts) == 1:
        return parts[0]
    final = all(p.final for p in parts)
    comment = " ".join(p.comment for p in parts if p.comment)
    missing = [p for p in parts if p.missing]
    if figure.value_kind == targets.ValueKind.COUNT:
        if missing:
            reason = f"Värde saknas för {len(missing)} av årets {len(parts)} perioder."
            return Outcome(reason=reason, comment=comment)
        total = sum((Decimal(str(p.raw)) for p in parts), Decimal(0))
        return Outcome(raw=total, final=final, comment=comment)
    if figure.value_kind == targets.ValueKind.PERCENTAGE and figure.has_fraction:
        if missing or any(p.numerator is None or not p.denominator for p in parts):
            reason = f"Täljare och nämnare saknas för någon av årets {len(parts)} perioder."
            return Outcome(reason=reason, comment=comment)
        numerator = sum((p.numerator for p in parts), Decimal(0))
        denominator = sum((p.denominator for p in parts), Decimal(0))
        raw = _rounded(numerator * 100 / denominator, figure.value_kind)
        return Outcome(raw, numerator, denominator, final, comment=comment)
    last = parts[-1]
    return Outcome(last.raw, last.numerator, last.denominator, last.final, last.reason, comment)


def computed_area(figure, unit_outcomes: list[Outcome]) -> Outcome:
    if not can_sum_for_area(figure.value_kind, figure.has_fraction):
        return Outcome(reason="Värde för hela området saknas och kan inte räknas fram.")
    stand_ins = [
        SimpleNamespace(
            number=o.raw if not isinstance(o.raw, bool) else None,
            numerator=o.numerator,
            denominator=o.denominator,
            not_available=o.missing,
        )
        for o in unit_outcomes
    ]
    total = area_value(figure.value_kind, figure.has_fraction, stand_ins)
    if total is None:
        return Outcome(reason="Kan inte räknas fram: värde saknas för någon kommun.")
    return Outcome(
        raw=_rounded(Decimal(str(total)), figure.value_kind),
        final=all(o.final for o in unit_outcomes),
        comment="Beräknat från kommunernas värden.",
    )


def _cell(figure, year: int, outcome: Outcome, previous: Outcome | None) -> dict:
    evaluation = figure.evaluate(outcome.raw, previous.raw if previous else None)
    numeric = figure.value_kind in NUMERIC
    label = evaluation.label
    if evaluation.status == targets.Status.MISSING and not outcome.missing:
        # A value without the previous year's: "should increase" cannot be judged yet.
        label = "Kan inte bedömas"
    return {
        "year": year,
        "value": _plain(outcome.raw),
        "display": targets.format_value(outcome.raw, figure.value_kind),
        "status": str(evaluation.status),
        "status_label": label,
        "symbol": evaluation.symbol,
        "reason": evaluation.reason,
        "trend": targets.trend(outcome.raw, previous.raw) if previous and numeric else "",
        "final": bool(outcome.final and not outcome.missing),
        "missing_reason": outcome.reason if outcome.missing else "",
        "comment": outcome.comment,
    }


def _units_for(figure, units):
    level = figure.reporting_level
    rows = [u for u in units if u.kind == OrgUnit.Kind.MUNICIPALITY]
    if level == KeyFigure.ReportingLevel.AREA:
        rows = []
    if level in (KeyFigure.ReportingLevel.AREA, KeyFigure.ReportingLevel.BOTH):
        rows += [u for u in units if u.kind == OrgUnit.Kind.AREA]
    return rows


def _figure_rows(data: _Data, figure, units, years) -> list[dict]:
    municipalities = [u for u in units if u.kind == OrgUnit.Kind.MUNICIPALITY]
    lookup_years = [years[0] - 1, *years]
    by_unit = {u.pk: {y: year_outcome(data, figure, u, y) for y in lookup_years} for u in units}
    rows = []
    for unit in _units_for(figure, units):
        outcomes = by_unit[unit.pk]
        if unit.kind == OrgUnit.Kind.AREA:
            for y in lookup_years:
                if outcomes[y].missing:
                    computed = computed_area(figure, [by_unit[m.pk][y] for m in municipalities])
                    outcomes[y] = computed if not computed.missing else outcomes[y]
        cells = [_cell(figure, y, outcomes[y], outcomes[y - 1]) for y in years]
        rows.append({"unit": unit.name, "is_area": unit.kind == OrgUnit.Kind.AREA, "cells": cells})
    return rows


def headline_status(rows: list[dict]) -> str:
    """A figure's status for the report year: the whole area's, else the municipalities' together.

    Together: not met if any municipality misses the target, met if all meet it, else missing.
    """
    last = [row["cells"][-1]["status"] for row in rows]
    area = [row["cells"][-1]["status"] for row in rows if row["is_area"]]
    if area and area[0] in (targets.Status.MET, targets.Status.NOT_MET):
        return area[0]
    if not last:
        return targets.Status.MISSING
    if all(s == targets.Status.NO_TARGET for s in last):
        return targets.Status.NO_TARGET
    if targets.Status.NOT_MET in last:
        return targets.Status.NOT_MET
    if all(s in (targets.Status.MET, targets.Status.NO_TARGET) for s in last):
        return targets.Status.MET
    return targets.Status.MISSING


def _chart(data: _Data, figure, units, years) -> dict | None:
    """Per-period series, where there are more points than years (monthly, half-yearly)."""
    if figure.value_kind not in NUMERIC:
        return None
    specs = [s for y in years for s in _specs(figure, y)]
    if len(specs) <= len(years) or len(specs) < 3:
        return None
    lines = []
    shown = _units_for(figure, units)
    municipalities = [u for u in shown if u.kind == OrgUnit.Kind.MUNICIPALITY]
    if len(shown) > len(municipalities) and can_sum_for_area(
        figure.value_kind, figure.has_fraction
    ):
        # One line for the whole area reads better than four crossing lines.
        area = shown[-1]
        points = []
        for spec in specs:
            own = data.period_outcome(figure, area, spec)[0]
            parts = [data.period_outcome(figure, m, spec)[0] for m in municipalities]
            points.append(own.raw if not own.missing else computed_area(figure, parts).raw)
        if any(p is not None for p in points):
            lines.append({"name": area.name, "values": [_plain(p) for p in points]})
    if not lines:
        for unit in municipalities:
            points = [data.period_outcome(figure, unit, spec)[0].raw for spec in specs]
            lines.append({"name": unit.name, "values": [_plain(p) for p in points]})
    if not any(v is not None for line in lines for v in line["values"]):
        return None
    threshold = figure.target_threshold if figure.target_kind == "comparison" else None
    return {
        "labels": [_short_label(s) for s in specs],
        "lines": lines,
        "target": _plain(threshold),
        "unit": figure.unit,
    }


def _short_label(spec) -> str:
    if spec.kind == "month":
        return f"{spec.start.month}/{str(spec.start.year)[2:]}"
    if spec.kind == "half_year":
        return f"{'H1' if spec.start.month == 1 else 'H2'} {spec.start.year}"
    return str(spec.end.year)


def _figure(data: _Data, figure, units, years) -> dict:
    rows = _figure_rows(data, figure, units, years)
    status = headline_status(rows)
    return {
        "name": figure.name,
        "code": figure.code,
        "note": figure.note,
        "value_kind": figure.value_kind,
        "target": figure.target_label,
        "has_target": figure.target_kind != KeyFigure.TargetKind.NONE,
        "frequency": figure.get_frequency_display(),
        "data_source": figure.data_source,
        "status": status,
        "status_label": targets.STATUS_LABELS[targets.Status(status)],
        "symbol": targets.STATUS_SYMBOLS[targets.Status(status)],
        "rows": rows,
        "chart": _chart(data, figure, units, years),
    }


def _activity(activity, follow_ups: list) -> dict:
    """The activity's status for the report year: the latest area-wide follow-up, else none."""
    common = [f for f in follow_ups if f.org_unit_id is None]
    latest = common[-1] if common else None
    status = latest.status if latest else ""
    return {
        "code": activity.code,
        "text": activity.text,
        "responsible": [r.actor.name for r in activity.responsibilities.all()],
        "status": status,
        "status_label": latest.get_status_display() if latest else "Ingen uppföljning",
        "symbol": ACTIVITY_SYMBOLS[status],
        "comment": latest.comment if latest else "",
        "units": [
            {"unit": f.org_unit.name, "status_label": f.get_status_display(), "comment": f.comment}
            for f in follow_ups
            if f.org_unit_id is not None and f.period.end.year == latest_year(follow_ups)
        ],
    }


def latest_year(follow_ups) -> int | None:
    return max((f.period.end.year for f in follow_ups), default=None)


def _goal(data, goal, units, years, follow_ups_by_activity) -> dict:
    return {
        "code": goal.code,
        "anchor": "mal-" + goal.code.replace(":", "-").replace(".", "-"),
        "title": goal.title,
        "extract": extract(goal.background),
        "shares_with": goal.shares_with.code if goal.shares_with else "",
        "shares_with_anchor": (
            "mal-" + goal.shares_with.code.replace(":", "-").replace(".", "-")
            if goal.shares_with
            else ""
        ),
        "measurement_method": goal.measurement_method,
        "key_figures": [_figure(data, f, units, years) for f in goal.key_figures.all()],
        "activities": [
            _activity(a, follow_ups_by_activity.get(a.pk, [])) for a in goal.activities.all()
        ],
    }


def _summary(goals: list[dict]) -> dict:
    figures = [f for g in goals for f in g["key_figures"]]
    activities = [a for g in goals for a in g["activities"]]
    counts = {s: sum(1 for f in figures if f["status"] == s) for s in targets.Status}
    by_status = {}
    for activity in activities:
        by_status.setdefault(activity["status_label"], 0)
        by_status[activity["status_label"]] += 1
    return {
        "figures": len(figures),
        "met": counts[targets.Status.MET],
        "not_met": counts[targets.Status.NOT_MET],
        "missing": counts[targets.Status.MISSING],
        "no_target": counts[targets.Status.NO_TARGET],
        "activities": len(activities),
        "activities_by_status": [
            {"label": label, "symbol": _symbol_for(activities, label), "count": count}
            for label, count in sorted(by_status.items(), key=lambda item: _order(item[0]))
        ],
    }


ACTIVITY_ORDER = ["Klar", "Pågår", "Ej påbörjad", "Pausad", "Inställd", "Ingen uppföljning"]


def _order(label: str) -> int:
    return ACTIVITY_ORDER.index(label) if label in ACTIVITY_ORDER else len(ACTIVITY_ORDER)


def _symbol_for(activities, label) -> str:
    return next(a["symbol"] for a in activities if a["status_label"] == label)


def _missing(focus_areas: list[dict]) -> list[dict]:
    rows = []
    for fa in focus_areas:
        for goal in fa["goals"]:
            for figure in goal["key_figures"]:
                for row in figure["rows"]:
                    for cell in row["cells"]:
                        if cell["value"] is None:
                            rows.append({
                                "goal": goal["code"],
                                "figure": figure["name"],
                                "unit": row["unit"],
                                "year": cell["year"],
                                "reason": cell["missing_reason"],
                            })  # fmt: skip
    return rows


def _sources(focus_areas: list[dict]) -> list[dict]:
    sources: dict[str, list[str]] = {}
    for fa in focus_areas:
        for goal in fa["goals"]:
            for figure in goal["key_figures"]:
                name = figure["data_source"] or "Närområdesgruppernas och kommunernas rapportering"
                sources.setdefault(name, []).append(f"Mål {goal['code']}: {figure['name']}")
    return [{"name": name, "figures": figures} for name, figures in sorted(sources.items())]


def _counts(focus_areas: list[dict]) -> dict:
    cells = [
        c
        for fa in focus_areas
        for g in fa["goals"]
        for f in g["key_figures"]
        for r in f["rows"]
        for c in r["cells"]
        if c["value"] is not None
    ]
    final = sum(1 for c in cells if c["final"])
    return {"values": len(cells), "final": final, "preliminary": len(cells) - final}


def build_snapshot(plan, year: int, audience: str, ordered_by=None, now=None) -> dict:
    """Everything the report shows for `plan` and `year`, as plain data."""
    years = [y for y in plan.years if y <= year] or [year]
    data = _Data(plan, years)
    units = list(OrgUnit.objects.exclude(kind=OrgUnit.Kind.OTHER).order_by("-kind", "name"))
    units.sort(key=lambda u: (u.kind == OrgUnit.Kind.AREA, u.name))
    follow_ups: dict[int, list] = {}
    for follow_up in data.follow_ups:
        if follow_up.period.end.year == year:
            follow_ups.setdefault(follow_up.activity_id, []).append(follow_up)
    focus_areas = []
    for fa in focus_areas_with_structure(plan):
        goals = [_goal(data, g, units, years, follow_ups) for g in fa.goals.all()]
        focus_areas.append({
            "number": fa.number,
            "title": fa.title,
            "anchor": f"fokusomrade-{fa.number}",
            "summary": _summary(goals),
            "goals": goals,
        })  # fmt: skip
    now = now or timezone.now()
    as_of = data.data_as_of
    return {
        "schema": SCHEMA,
        "plan": {
            "id": plan.pk,
            "title": plan.title,
            "area": plan.area,
            "area_members": plan.area_members,
            "period_label": plan.period_label,
        },
        "year": year,
        "years": years,
        "units": [u.name for u in units],
        "audience": audience,
        "audience_label": AUDIENCE_LABELS.get(audience, audience),
        "taken_at": timezone.localtime(now).isoformat(timespec="seconds"),
        "ordered_by": _name(ordered_by),
        "data_as_of": timezone.localtime(as_of).isoformat(timespec="seconds") if as_of else "",
        "focus_areas": focus_areas,
        "missing": _missing(focus_areas),
        "sources": _sources(focus_areas),
        "counts": _counts(focus_areas),
        # Beside the figures, for drawing target lines (reports/snapshot_extras.py).
        "target_values": target_values(plan),
    }


def _name(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def fingerprint(snapshot: dict) -> str:
    """SHA-256 of the data part: equal for two orders on unchanged data."""
    data = {k: v for k, v in snapshot.items() if k not in META_KEYS}
    encoded = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()
