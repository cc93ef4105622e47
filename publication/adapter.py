"""The one module that reads a report snapshot (reports/snapshot.py) for the public pages and open
data. Everything public is built from here, so a change of the snapshot's shape is adapted here:

* per-cell year basis and coverage (`basis`, `coverage`) and new status words: read with
  `.get()` and passed through as they are;
* the process leader's analysis (`snapshot["analysis"]`), shown when the key exists;
* the deck (`published_deck`), linked when a published deck for the year exists.

Comments are free text written by people (value comments, activity follow-ups, the units'
comments on a goal): each gets a stable key (a hash of where it stands and what it says) and is
shown only when the process leader has marked that key public. A changed text is a new key, so
it must be marked again.
"""

import hashlib
from dataclasses import dataclass

COMPUTED_NOTE = "Beräknat från kommunernas värden."  # the snapshot's own words, not a comment


@dataclass(frozen=True)
class Comment:
    key: str
    where: str
    text: str
    public: bool = False


def _comment(where: str, text: str, public_keys) -> Comment | None:
    text = (text or "").strip()
    if not text:
        return None
    key = hashlib.sha256(f"{where}\n{text}".encode()).hexdigest()[:20]
    return Comment(key, where, text, key in public_keys)


def _texts(block) -> dict:
    block = block or {}
    return {"analysis": block.get("analysis", ""), "next_steps": block.get("next_steps", "")}


def _cell(cell: dict, where: str, public_keys) -> dict:
    comment = cell.get("comment", "")
    note = ""
    if comment.startswith(COMPUTED_NOTE):
        note, comment = "Beräknat från kommunernas värden", comment[len(COMPUTED_NOTE) :]
    return {
        "year": cell["year"],
        "value": cell.get("value"),
        "display": cell.get("display", ""),
        "status": cell.get("status", ""),
        "status_label": cell.get("status_label", ""),
        "symbol": cell.get("symbol", ""),
        "reason": cell.get("reason", ""),
        "trend": cell.get("trend", ""),
        "final": bool(cell.get("final")),
        "missing": cell.get("value") is None,
        "basis": cell.get("basis", ""),
        "coverage": cell.get("coverage", ""),
        "note": note,
        "comment": _comment(f"{where} · {cell['year']}", comment, public_keys),
    }


def _figure(figure: dict, goal_code: str, public_keys) -> dict:
    where = f"Mål {goal_code} · {figure['name']}"
    return {
        "name": figure["name"],
        "code": figure.get("code", ""),
        "note": figure.get("note", ""),
        "value_kind": figure.get("value_kind", ""),
        "target": figure.get("target", ""),
        "has_target": figure.get("has_target", False),
        "frequency": figure.get("frequency", ""),
        "year_basis": figure.get("year_basis", "") or figure.get("frequency", ""),
        "data_source": figure.get("data_source", ""),
        "status": figure.get("status", ""),
        "status_label": figure.get("status_label", ""),
        "symbol": figure.get("symbol", ""),
        "chart": figure.get("chart"),
        "rows": [
            {
                "unit": row["unit"],
                "unit_code": row.get("unit_code", ""),
                "is_area": row.get("is_area", False),
                "basis": row.get("basis", ""),
                "cells": [_cell(c, f"{where} · {row['unit']}", public_keys) for c in row["cells"]],
            }
            for row in figure.get("rows", [])
        ],
    }


def _activity(activity: dict, public_keys) -> dict:
    where = f"Aktivitet {activity['code']}"
    return {
        "code": activity["code"],
        "text": activity.get("text", ""),
        "responsible": activity.get("responsible", []),
        "status": activity.get("status", ""),
        "status_label": activity.get("status_label", ""),
        "symbol": activity.get("symbol", ""),
        "comment": _comment(where, activity.get("comment", ""), public_keys),
        "units": [
            {
                "unit": u["unit"],
                "status_label": u.get("status_label", ""),
                "comment": _comment(f"{where} · {u['unit']}", u.get("comment", ""), public_keys),
            }
            for u in activity.get("units", [])
        ],
    }


def _goal(goal: dict, analysis: dict, public_keys) -> dict:
    code = goal["code"]
    texts = (analysis.get("goals") or {}).get(code) or {}
    unit_comments = [
        _comment(f"Mål {code} · {c.get('unit', '')}", c.get("text", ""), public_keys)
        for c in texts.get("unit_comments", [])
    ]
    return {
        "code": code,
        "anchor": goal.get("anchor", ""),
        "title": goal.get("title", ""),
        "extract": goal.get("extract", ""),
        "shares_with": goal.get("shares_with", ""),
        "shares_with_anchor": goal.get("shares_with_anchor", ""),
        "analysis": _texts(texts),
        "unit_comments": [c for c in unit_comments if c],
        "figures": [_figure(f, code, public_keys) for f in goal.get("key_figures", [])],
        "activities": [_activity(a, public_keys) for a in goal.get("activities", [])],
    }


def public_view(snapshot: dict, public_keys=()) -> dict:
    """The snapshot as the public pages show it; comments carry whether they may be shown."""
    public_keys = set(public_keys)
    analysis = snapshot.get("analysis") or {}
    focus_areas = []
    for fa in snapshot.get("focus_areas", []):
        summary = fa.get("summary", {})
        focus_areas.append({
            "number": fa["number"],
            "title": fa["title"],
            "anchor": fa.get("anchor", f"fokusomrade-{fa['number']}"),
            "summary": summary,
            "analysis": _texts((analysis.get("focus_areas") or {}).get(str(fa["number"]))),
            "goals": [_goal(g, analysis, public_keys) for g in fa.get("goals", [])],
        })  # fmt: skip
    plan = snapshot.get("plan", {})
    return {
        "plan": plan,
        "year": snapshot["year"],
        "years": snapshot.get("years", [snapshot["year"]]),
        "units": snapshot.get("units", []),
        "taken_at": snapshot.get("taken_at", ""),
        "data_as_of": snapshot.get("data_as_of", ""),
        "counts": snapshot.get("counts", {}),
        "overall_analysis": analysis.get("overall", ""),
        "has_analysis": bool(analysis),
        "focus_areas": focus_areas,
    }


def comments(view: dict) -> list[Comment]:
    """Every comment in a public view, in page order (for the process leader's choice)."""
    found = []
    for fa in view["focus_areas"]:
        for goal in fa["goals"]:
            found += goal["unit_comments"]
            for figure in goal["figures"]:
                found += [c["comment"] for r in figure["rows"] for c in r["cells"] if c["comment"]]
            for activity in goal["activities"]:
                found += [activity["comment"]] if activity["comment"] else []
                found += [u["comment"] for u in activity["units"] if u["comment"]]
    return found


def value_rows(view: dict, year: int | None = None):
    """One row per key figure × unit × year in the view (the year's cells only if `year`)."""
    for fa in view["focus_areas"]:
        for goal in fa["goals"]:
            for figure in goal["figures"]:
                for row in figure["rows"]:
                    for cell in row["cells"]:
                        if year is None or cell["year"] == year:
                            yield fa, goal, figure, row, cell


def published_deck(plan_id: int, year: int):
    """The newest published deck (the presentation for politiska samrådsgruppen) of the year."""
    from reports.models import Report

    return (
        Report.objects.filter(
            plan_id=plan_id,
            year=year,
            kind=Report.Kind.DECK,
            status=Report.Status.DONE,
            published_at__isnull=False,
        )  # fmt: skip
        .order_by("-published_at")
        .first()
    )
