"""The overview's figure × unit table for a year, shaped from the rule module (outcomes.py).

No value or status is computed here: every cell is `outcomes.Book.year`, every headline
`outcomes.headline`. One Book is loaded for the whole plan and year (a fixed number of queries).
"""

import functools
from dataclasses import dataclass

from django.urls import reverse
from django.utils.safestring import mark_safe

from indicators import outcomes
from organisation.models import OrgUnit
from plans.targets import Status
from simba.markup import escape as _e


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
            value = (
                f'<a href="{_e(year_url)}" class="cell-link"><span class="cell-value">'
                f'{_e(o.shown)}</span><span class="visually-hidden"> – öppna {_e(self.unit.name)} '
                f"{_e(self.year)}</span></a>"
            )
        else:
            value = f'<span class="cell-value">{_e(o.shown)}</span>'
            if o.computed:
                value += ' <span class="note">(beräknat från kommunerna)</span>'
        parts = [value, "<br>", badge(o)]
        for cls, text in (
            ("note basis", "" if o.missing else o.basis),
            ("note reason", o.reason if o.status in ("not_judged", "missing") else ""),
            ("trend", o.trend), ("note other", o.other),
        ):  # fmt: skip
            if text:
                parts.append(f'<br><span class="{cls}">{_e(text)}</span>')
        if o.warning:
            parts.append(
                '<br><span class="area-warning" role="note"><span aria-hidden="true">⚠</span>'
                f" {_e(o.warning)}</span>"
            )
        return mark_safe("".join(parts))


def badge(outcome) -> str:
    """Status as symbol and word, never colour alone (as templates/indicators/status_badge.html)."""
    return _badge(outcome.status)


@functools.cache
def _badge(status) -> str:
    outcome = outcomes.Outcome(status=status)
    return mark_safe(
        f'<span class="target-status status-{_e(outcome.status)}"><span aria-hidden="true">'
        f"{_e(outcome.symbol)}</span> {_e(outcome.label)}</span>"
    )


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

    def html_cells(self, year_url: str = "") -> list:
        """(data-cell key, HTML) per municipality column and the area column."""
        year_url = year_url or reverse("indicators:year", args=["KOD", self.year])
        result = []
        for cell in [*self.cells, self.area]:
            if cell is None:
                result.append(("", ""))
                continue
            url = year_url.replace("KOD", cell.unit.code)
            result.append((f"{self.key_figure.pk}-{cell.unit.code}-{self.year}", cell.html(url)))
        return result

    def row_html(self, year_url: str = "") -> str:
        """The figure's row of the overview's matrix (written here for the same reason as
        `Cell.html`): the figure with its target and headline, then one cell per column."""
        kf = self.key_figure
        parts = [
            f'<tr id="mal-{_e(kf.goal.sort_key)}">\n      <th scope="row"><span class="goal-code">'
            f'Mål {_e(kf.goal.code)}</span> {_e(kf.name)}\n        <span class="note">Helår '
            f"{_e(self.year)} · mål: {_e(self.target_text)}</span>\n        "
            f'<span class="headline">{self.headline_badge}</span></th>'
        ]
        cells = self.html_cells(year_url)
        for index, (key, html_) in enumerate(cells):
            if key:
                parts.append(f'<td data-cell="{_e(key)}">{html_}</td>')
            elif index == len(cells) - 1:
                parts.append('<td><span class="note">Redovisas per kommun</span></td>')
            else:
                parts.append('<td><span class="note">Rapporteras inte</span></td>')
        return mark_safe("\n      ".join(parts) + "\n    </tr>")

    @property
    def target_text(self) -> str:
        return outcomes.target_text(self.key_figure)


def matrix_rows(statuses: list) -> str:
    """Every figure's row of the overview's matrix, as one piece of HTML."""
    if not statuses:
        return mark_safe("")
    year_url = reverse("indicators:year", args=["KOD", statuses[0].year])
    return mark_safe("\n    ".join(fs.row_html(year_url) for fs in statuses))


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
