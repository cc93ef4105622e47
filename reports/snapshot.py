"""The report's data as plain, JSON-serialisable values, taken once when a report is ordered.

A snapshot holds everything the templates show (no ORM objects), so a stored report renders the
same years later, whatever has been corrected in the database since. `fingerprint()` hashes
the data part of it: ordering the same report on unchanged data reuses the stored file.

Every value, status, area value and chart point comes from `indicators/outcomes.py` (the one
rule, stated in the README); this module only arranges them for the report.
"""

import hashlib
import json
from decimal import Decimal

from django.db.models import Max
from django.utils import timezone

from analysis.snapshot import analysis_for
from indicators import outcomes
from indicators.models import ActivityFollowUp, Period, Value
from organisation.models import OrgUnit
from plans import targets
from plans.models import KeyFigure
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


def extract(text: str, length: int = EXTRACT_LENGTH) -> str:
    """The first paragraph, cut at a word boundary: enough to remind the reader of the goal."""
    first = next((p.strip() for p in text.split("\n\n") if p.strip()), "")
    first = " ".join(first.split())
    if len(first) <= length:
        return first
    return first[: first.rfind(" ", 0, length)].rstrip(",;:") + " …"


def _plain(raw):
    """JSON form of a value: numbers as int or float, bool and text as they are."""
    if isinstance(raw, Decimal):
        return int(raw) if raw == raw.to_integral_value() else float(raw)
    return raw


class _Data:
    """Activity follow-ups and the time of the latest change, in a fixed number of queries."""

    def __init__(self, plan, years):
        period_ids = list(
            Period.objects.filter(plan=plan, end__year__gte=years[0] - 1).values_list(
                "pk", flat=True
            )
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


def _specs(figure, year):
    return outcomes.year_specs(figure, year)


def _figure_rows(book, figure, units, years) -> list[dict]:
    rows = []
    for unit in outcomes.row_units(figure, units):
        cells = [{"year": y, **book.year(figure, unit, y).as_dict()} for y in years]
        rows.append({"unit": unit.name, "is_area": unit.kind == OrgUnit.Kind.AREA, "cells": cells})
    return rows


def headline_status(figure, rows: list[dict]) -> str:
    """The figure's status for the report year, by outcomes.headline (the README's rule)."""
    statuses = [row["cells"][-1]["status"] for row in rows]
    return outcomes.headline(statuses, figure.target_kind != KeyFigure.TargetKind.NONE)


def _chart(book, figure, units, years) -> dict | None:
    """Per-period series, where there are more points than years (monthly, half-yearly)."""
    if figure.value_kind not in NUMERIC:
        return None
    specs = [s for y in years for s in _specs(figure, y)]
    if len(specs) <= len(years) or len(specs) < 3:
        return None
    lines = []
    shown = outcomes.row_units(figure, units)
    municipalities = [u for u in shown if u.kind == OrgUnit.Kind.MUNICIPALITY]
    if len(shown) > len(municipalities) and outcomes.can_sum(figure):
        # One line for the whole area reads better than four crossing lines.
        area = shown[-1]
        points = book.series(figure, area, specs)
        if any(p is not None for p in points):
            lines.append({"name": area.name, "values": [_plain(p) for p in points]})
    if not lines:
        for unit in municipalities:
            points = book.series(figure, unit, specs)
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


def _figure(book, figure, units, years) -> dict:
    rows = _figure_rows(book, figure, units, years)
    status = headline_status(figure, rows)
    return {
        "name": figure.name,
        "code": figure.code,
        "note": figure.note,
        "value_kind": figure.value_kind,
        "target": outcomes.target_text(figure),
        "year_basis": figure.get_year_basis_display(),
        "has_target": figure.target_kind != KeyFigure.TargetKind.NONE,
        "frequency": figure.get_frequency_display(),
        "data_source": figure.data_source,
        "status": status,
        "status_label": targets.STATUS_LABELS[targets.Status(status)],
        "symbol": targets.STATUS_SYMBOLS[targets.Status(status)],
        "rows": rows,
        "chart": _chart(book, figure, units, years),
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


def _goal(book, goal, units, years, follow_ups_by_activity) -> dict:
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
        "key_figures": [_figure(book, f, units, years) for f in goal.key_figures.all()],
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
        "not_judged": counts[targets.Status.NOT_JUDGED],
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
    units = list(
        OrgUnit.objects.in_area(plan.collaboration_area_id)
        .exclude(kind=OrgUnit.Kind.OTHER)
        .order_by("-kind", "name")
    )
    units.sort(key=lambda u: (u.kind == OrgUnit.Kind.AREA, u.name))
    structure = list(focus_areas_with_structure(plan))
    figures = [f for fa in structure for g in fa.goals.all() for f in g.key_figures.all()]
    book = outcomes.load(plan, figures, units, years)
    follow_ups: dict[int, list] = {}
    for follow_up in data.follow_ups:
        if follow_up.period.end.year == year:
            follow_ups.setdefault(follow_up.activity_id, []).append(follow_up)
    focus_areas = []
    for fa in structure:
        goals = [_goal(book, g, units, years, follow_ups) for g in fa.goals.all()]
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
        "analysis": analysis_for(plan, year),
        # Beside the figures, for drawing target lines (reports/snapshot_extras.py).
        "target_values": target_values(plan),
    }


def _name(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def export_rows(snapshot: dict) -> list[list]:
    """The snapshot's figure × unit × year cells in the shared export columns."""
    return [
        outcomes.export_row(goal["code"], figure["name"], row["unit"], cell["year"], cell)
        for fa in snapshot.get("focus_areas", [])
        for goal in fa["goals"]
        for figure in goal["key_figures"]
        for row in figure["rows"]
        for cell in row["cells"]
    ]


def fingerprint(snapshot: dict) -> str:
    """SHA-256 of the data part: equal for two orders on unchanged data."""
    data = {k: v for k, v in snapshot.items() if k not in META_KEYS}
    encoded = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()
