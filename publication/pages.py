"""What the public year and plan pages show, prepared from a report's snapshot (no side effects)."""

from publication.adapter import public_view
from reports.rendering import chart_legend, chart_svg


def _chart(figure: dict) -> dict | None:
    chart = figure["chart"]
    if not chart or not chart.get("lines"):
        return None
    names = ", ".join(line["name"] for line in chart["lines"])
    target = (
        " Målvärdet är ritat som en lång streckad linje." if chart.get("target") is not None else ""
    )
    return {
        "svg": chart_svg(chart),
        "alt": (
            f"Diagram: {figure['name']} per period {chart['labels'][0]}–{chart['labels'][-1]} "
            f"för {names}.{target} Årsvärdena står i tabellen."
        ),
        "legend": chart_legend(chart),
        "per": "månad" if len(chart["labels"]) > 6 else "halvår",
    }


def year_view(snapshot: dict, public_keys=()) -> dict:
    """The public view with each chart drawn (pygal SVG, target as a dashed line)."""
    import base64

    view = public_view(snapshot, public_keys)
    for fa in view["focus_areas"]:
        for goal in fa["goals"]:
            for figure in goal["figures"]:
                chart = _chart(figure)
                if chart:
                    encoded = base64.b64encode(chart.pop("svg").encode()).decode("ascii")
                    chart["uri"] = "data:image/svg+xml;base64," + encoded
                figure["drawn_chart"] = chart
    return view
