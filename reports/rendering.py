"""The report from a snapshot: HTML from templates, PDF through WeasyPrint. No side effects.

Both functions take only the snapshot (plain data, reports/snapshot.py), so a stored report
renders the same whenever it is rendered. The web version (views) uses the same templates.

Speed (see /work/shared/ENVIRONMENT.md and bench/report.py): tables with `table-layout: fixed`
and set column widths, charts with few text elements, embedded as images; the engine's own
levers (shared fonts, stylesheets parsed once, the collector, pydyf) are in reports/weasy.py.
"""

import base64
import copy
from datetime import datetime
from pathlib import Path

import pygal
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from pygal.style import Style

from reports.charts import format_tick, nice_ticks
from reports.present import present
from reports.snapshot import SCHEMA
from reports.weasy import write_pdf

PRINT_CSS = Path(settings.BASE_DIR) / "static" / "reports" / "print.css"

# Grey levels and dash patterns tell the lines apart when printed in black and white.
CHART_STYLE = Style(
    background="white",
    plot_background="white",
    foreground="#222",
    foreground_strong="#000",
    foreground_subtle="#bbb",
    colors=("#1d3557", "#6c757d", "#000000", "#9aa5b1", "#444444"),
    font_family="DejaVu Sans",
    label_font_size=11,
    major_label_font_size=11,
    legend_font_size=11,
    value_font_size=10,
    # Thin solid guides: only the target is dashed, so it cannot be mistaken for a grid line.
    guide_stroke_color="#d0d0d0",
    major_guide_stroke_color="#d0d0d0",
    guide_stroke_dasharray="1,0",
    major_guide_stroke_dasharray="1,0",
    opacity="1",
    stroke_opacity="1",
)
DASHES = ("", "8,4", "2,3", "10,3,2,3", "4,2")
DASH_NAMES = ("heldragen", "streckad", "prickad", "streck-prickad", "kort streckad")


class ReportRenderError(Exception):
    """The snapshot cannot be rendered; the message is Swedish and says what to do."""


def chart_svg(chart: dict) -> str:
    """A line chart of the per-period series, the target as a dashed horizontal line."""
    ticks = _ticks(chart)
    line = pygal.Line(
        style=CHART_STYLE,
        width=640,
        height=250,
        js=[],
        disable_xml_declaration=False,
        show_dots=True,
        dots_size=2.5,
        # The legend is written under the chart in HTML: real text, and faster than SVG text.
        show_legend=False,
        x_labels=chart["labels"],
        x_labels_major_every=max(1, len(chart["labels"]) // 6),
        show_minor_x_labels=False,
        y_labels=ticks,
        value_formatter=format_tick,
        include_x_axis=chart.get("unit") == "st",
        truncate_legend=-1,
        truncate_label=-1,
        margin=6,
        margin_right=24,
        range=(ticks[0], ticks[-1]),
        spacing=6,
        allow_interruptions=True,
        show_x_guides=False,
    )
    for index, series in enumerate(chart["lines"]):
        dash = DASHES[index % len(DASHES)]
        line.add(series["name"], series["values"], stroke_style={"width": 2, "dasharray": dash})
    if chart.get("target") is not None:
        line.add(
            "Målvärde",
            [chart["target"]] * len(chart["labels"]),
            show_dots=False,
            stroke_style={"width": 2.5, "dasharray": "14,5"},
        )
    return line.render(is_unicode=True)


def _ticks(chart: dict) -> list[float]:
    """Evenly stepped axis labels (0/10/20/30, never 0/8/20/32): counts start at zero,
    percentages and days zoom to where the values and the target are."""
    points = [v for line in chart["lines"] for v in line["values"] if v is not None]
    if chart.get("target") is not None:
        points.append(chart["target"])
    if not points:
        return [0, 1]
    high = max(points)
    if chart.get("unit") in ("st", ""):
        return nice_ticks(0, high or 1, 4)
    low = min(points)
    pad = max((high - low) * 0.15, 0.5)
    top = high + pad if chart.get("unit") != "%" else min(100, high + pad)
    return nice_ticks(max(0, low - pad), top, 4)


def _data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def _chart_alt(figure: dict) -> str:
    chart = figure["chart"]
    target = (
        f" Målvärdet {figure['target']} är ritat som en streckad linje."
        if chart.get("target") is not None
        else ""
    )
    names = ", ".join(line["name"] for line in chart["lines"])
    return (
        f"Diagram: {figure['name']} per period {chart['labels'][0]}–{chart['labels'][-1]} "
        f"för {names}.{target} Årsvärdena står i tabellen ovan."
    )


def chart_legend(chart: dict) -> str:
    parts = [
        f"{line['name']}: {DASH_NAMES[i % len(DASH_NAMES)]} linje"
        for i, line in enumerate(chart["lines"])
    ]
    if chart.get("target") is not None:
        parts.append("målvärdet: lång streckad linje")
    return "; ".join(parts)


def _with_charts(snapshot: dict) -> dict:
    """A copy of the snapshot with each chart drawn and the analysis beside each part
    (reports/present.py); the stored snapshot is not touched."""
    prepared = copy.deepcopy(snapshot)
    present(prepared)
    for fa in prepared["focus_areas"]:
        for goal in fa["goals"]:
            for figure in goal["key_figures"]:
                if figure.get("chart"):
                    figure["chart"]["uri"] = _data_uri(chart_svg(figure["chart"]))
                    figure["chart"]["alt"] = _chart_alt(figure)
                    figure["chart"]["legend"] = chart_legend(figure["chart"])
    return prepared


def report_context(snapshot: dict, audience: str, generated_at=None) -> dict:
    if not isinstance(snapshot, dict) or snapshot.get("schema") != SCHEMA:
        raise ReportRenderError(
            "Rapportens underlag har ett format som den här versionen av SIMBA inte kan läsa. "
            "Beställ en ny rapport."
        )
    prepared = _with_charts(snapshot)
    labels = {"samordningsgruppen": "Samordningsgruppen"}
    return {
        "report": prepared,
        "audience_label": labels.get(audience, "Politiska samrådsgruppen"),
        "taken_at": _parse(prepared["taken_at"]),
        "data_as_of": _parse(prepared["data_as_of"]),
        "generated_at": timezone.localtime(generated_at or timezone.now()),
    }


def _parse(text: str):
    return datetime.fromisoformat(text) if text else None


def render_report_html(snapshot: dict, audience: str, generated_at=None) -> str:
    """The whole report as one HTML document, the input to WeasyPrint."""
    return render_to_string("reports/pdf.html", report_context(snapshot, audience, generated_at))


def render_report_pdf(snapshot: dict, audience: str, generated_at=None) -> bytes:
    return write_pdf(render_report_html(snapshot, audience, generated_at), PRINT_CSS)
