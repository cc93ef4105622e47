"""The overview's figure × unit table for a year, shaped from the rule module (outcomes.py).

No value or status is computed here: every cell is `outcomes.Book.year`, every headline
`outcomes.headline`. One Book is loaded for the whole plan and year (a fixed number of queries).
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.html import format_html, format_html_join

from indicators import outcomes
from indicators.models import OrgUnit
from plans.targets import Status


@dataclass
class Cell:
    unit: OrgUnit
    year: int
    outcome: outcomes.Outcome
    entry: bool  # the unit enters it (a link to its year page); False for a computed sum

    @property
    def status(self) -> str:
        return self.outcome.status

    def html(self, year_url: str = "") -> str:
        """The cell as HTML, built here rather than by template includes (the overview has a
        hundred cells or more; includes were a large part of its time)."""
        o = self.outcome
        if self.entry and year_url:
            value = format_html(
                '<a href="{}" class="cell-link"><span class="cell-value">{}</span>'
                '<span class="visually-hidden"> – öppna {} {}</span></a>',
                year_url, o.shown, self.unit.name, self.year,
            )  # fmt: skip
        else:
            value = format_html('<span class="cell-value">{}</span>', o.shown)
            if o.computed:
                value += format_html(' <span class="note">(beräknat från kommunerna)</span>')
        notes = [(cls, text) for cls, text in (
            ("note basis", "" if o.missing else o.basis),
            ("note reason", o.reason if o.status in ("not_judged", "missing") else ""),
            ("trend", o.trend), ("note other", o.other),
        ) if text]  # fmt: skip
        html = value + format_html("<br>") + badge(o)
        html += format_html_join("", '<br><span class="{}">{}</span>', notes)
        if o.warning:
            html += format_html(
                '<br><span class="area-warning" role="note"><span aria-hidden="true">⚠</span>'
                " {}</span>",
                o.warning,
            )
        return html


def badge(outcome) -> str:
    """Status as symbol and word, never colour alone (as templates/indicators/status_badge.html)."""
    return format_html(
        '<span class="target-status status-{}"><span aria-hidden="true">{}</span> {}</span>',
        outcome.status, outcome.symbol, outcome.label,
    )  # fmt: skip


@dataclass
class FigureStatus:
    key_figure: object
    year: int
    cells: list  # one per municipality (None when the unit has no row for the figure)
    area: Cell | None
    headline: Status

    @property
    def rows(self) -> list[Cell]:
        return [c for c in [*self.cells, self.area] if c is not None]

    @property
    def headline_badge(self) -> str:
        return badge(outcomes.Outcome(status=self.headline))

    def html_cells(self) -> list:
        """(data-cell key, HTML) per municipality column and the area column."""
        year_url = reverse("indicators:year", args=["KOD", self.year])
        result = []
        for cell in [*self.cells, self.area]:
            if cell is None:
                result.append(("", ""))
                continue
            url = year_url.replace("KOD", cell.unit.code)
            result.append((f"{self.key_figure.pk}-{cell.unit.code}-{self.year}", cell.html(url)))
        return result

    @property
    def target_text(self) -> str:
        return outcomes.target_text(self.key_figure)


def figure_statuses(found, year: int, plan=None) -> list[FigureStatus]:
    """`found`: reporting.Obligations for the plan. One FigureStatus per key figure."""
    plan = plan or (found.figures[0].goal.focus_area.plan if found.figures else None)
    if plan is None:
        return []
    units = [u for u in found.units if u.kind != OrgUnit.Kind.OTHER]
    book = outcomes.load(plan, found.figures, found.units, [year], found.periods)
    municipalities = [u for u in units if u.kind == OrgUnit.Kind.MUNICIPALITY]
    result = []
    for kf in found.figures:
        rows = {row.unit.pk: row for row in book.rows(kf, year)}
        cells = [
            Cell(m, year, rows[m.pk].outcome, True) if m.pk in rows else None
            for m in municipalities
        ]
        area_row = next((r for r in rows.values() if r.is_area), None)
        area = None
        if area_row is not None:
            area = Cell(area_row.unit, year, area_row.outcome, not area_row.outcome.computed)
        statuses = [r.outcome.status for r in rows.values()]
        headline = outcomes.headline(statuses, kf.target_kind != "none")
        result.append(FigureStatus(kf, year, cells, area, headline))
    return result


def goal_summary(statuses: list[FigureStatus]) -> list[dict]:
    """Per focus area and goal: how many key figures have each headline status."""
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
        row[fs.headline] += 1
    return list(rows.values())


def export_rows(statuses: list[FigureStatus]) -> list[list]:
    """The figure × unit rows in the shared export columns (outcomes.EXPORT_HEADER)."""
    return [
        outcomes.export_row(
            fs.key_figure.goal.code, fs.key_figure.name, cell.unit.name, fs.year,
            cell.outcome.as_dict(),
        )
        for fs in statuses
        for cell in fs.rows
    ]  # fmt: skip


def unit_year_values(plan, found, unit, years) -> list[dict]:
    """For a unit's pages: each figure the unit has a row for, with its outcome per year."""
    book = outcomes.load(plan, found.figures, found.units, years, found.periods)
    result = []
    for kf in found.figures:
        if all(u.pk != unit.pk for u in book.row_units(kf)):
            continue
        cells = [Cell(unit, y, book.year(kf, unit, y), False) for y in years]
        result.append({"key_figure": kf, "target": outcomes.target_text(kf), "cells": cells})
    return result
