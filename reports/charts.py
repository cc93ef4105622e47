"""Chart helpers shared by the report and the deck: axis steps a reader can count, and the deck's
bar chart drawn straight to PNG with Pillow (already installed with WeasyPrint and python-pptx).

The deck's chart is one PNG used by both the PDF and the PowerPoint version, so the two cannot
differ; a raster image also costs WeasyPrint nothing to lay out (no SVG text).
"""

import io
import math
from functools import lru_cache
from pathlib import Path

from plans import targets

FONT_PATHS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
)
BOLD_FONT_PATHS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
)
INK = (17, 17, 17)
GUIDE = (208, 208, 208)
THIS_YEAR = (29, 53, 87)  # dark blue bars; last year is a ring, told apart by shape


def nice_step(span: float, count: int = 5) -> float:
    """A step of 1, 2, 2.5 or 5 × 10^n giving about `count` intervals over `span`."""
    if span <= 0:
        return 1.0
    raw = span / count
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Evenly spaced axis labels covering low..high (0/10/20/30, never 0/8/20/32)."""
    if high <= low:
        high = low + 1
    step = nice_step(high - low, count)
    start = math.floor(low / step) * step
    ticks, value = [], start
    while value < high - 1e-9:
        ticks.append(round(value, 6))
        value += step
    ticks.append(round(value, 6))
    return ticks


def format_tick(value: float) -> str:
    """An axis step (a scale mark, not a value: "0/10/20/30", "2,5")."""
    text = f"{value:.1f}" if value != int(value) else f"{int(value)}"
    return text.replace(".", ",").replace("-", "−")


@lru_cache(maxsize=16)
def _font(size: int, bold: bool = False):
    from PIL import ImageFont

    for path in BOLD_FONT_PATHS if bold else FONT_PATHS:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size=size)


def bar_chart_png(chart: dict, width: int = 1200, height: int = 600) -> bytes:
    """One bar per unit for this year (value written at its end), last year as a ring on the
    same track, the target as a dashed line. Few marks, large type: it is read from afar.

    `chart`: {"units": [...], "series": [{"name": "2026", "values": [...]}, ...] (oldest first,
    the last is this year), "target": number or None, "unit": "dygn"/"%"/"", "kind": the
    figure's value kind (the values are written by the display rule, plans/targets.py)}.
    """
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    label_font, value_font, small = _font(50), _font(48, bold=True), _font(46)
    series = chart["series"]
    current = series[-1]
    previous = series[-2] if len(series) > 1 else None
    points = [v for s in series for v in s["values"] if v is not None]
    if chart.get("target") is not None:
        points.append(chart["target"])
    high = max(points + [0]) or 1
    if chart.get("unit") == "%":
        high = min(100.0, high)
    ticks = nice_ticks(0, high * 1.05, 5)
    top_value = ticks[-1]

    left = 20 + max(draw.textlength(u, font=label_font) for u in chart["units"]) + 20
    right, top, bottom = width - 120, 92, height - 70
    # Legend line at the top: words beside each mark.
    x = 20
    draw.rectangle((x, 24, x + 44, 68), fill=THIS_YEAR, outline=INK, width=2)
    draw.text((x + 56, 18), current["name"], font=small, fill=INK)
    x += 56 + draw.textlength(current["name"], font=small) + 44
    if previous:
        _ring(draw, x + 22, 46)
        draw.text((x + 56, 18), previous["name"], font=small, fill=INK)
        x += 56 + draw.textlength(previous["name"], font=small) + 44
    if chart.get("target") is not None:
        _dashed(draw, x, 46, x + 70, 46, vertical=False)
        draw.text((x + 82, 18), "målvärde", font=small, fill=INK)

    def to_x(value: float) -> float:
        return left + (right - left) * (min(value, top_value) / top_value if top_value else 0)

    for tick in ticks:
        tx = to_x(tick)
        draw.line((tx, top, tx, bottom), fill=GUIDE, width=2)
        label = format_tick(tick)
        draw.text((tx - draw.textlength(label, font=small) / 2, bottom + 8), label,
                  font=small, fill=INK)  # fmt: skip
    draw.line((left, top, left, bottom), fill=INK, width=3)
    group = (bottom - top) / max(1, len(chart["units"]))
    bar = min(64, group - 16)
    for i, unit in enumerate(chart["units"]):
        y = top + i * group + (group - bar) / 2
        middle = y + bar / 2
        draw.text((20, middle - 30), unit, font=label_font, fill=INK)
        value = current["values"][i]
        if value is None:
            draw.text((left + 12, middle - 28), "värde saknas", font=small, fill=INK)
        else:
            end = to_x(value)
            draw.rectangle((left, y, max(left + 2, end), y + bar), fill=THIS_YEAR,
                           outline=INK, width=2)  # fmt: skip
            ring = previous["values"][i] if previous else None
            after = max(end, to_x(ring) + 16 if ring is not None else end)
            # The number as the tables write it (plans/targets.py); the unit is left out
            # because the bar's end leaves room for a number only.
            text = targets.format_number(value, chart["kind"])
            draw.text((after + 12, middle - 30), text, font=value_font, fill=INK)
        if previous and previous["values"][i] is not None:
            _ring(draw, to_x(previous["values"][i]), middle)
    if chart.get("target") is not None:
        tx = to_x(chart["target"])
        _dashed(draw, tx, top - 6, tx, bottom, vertical=True)
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=3)
    return out.getvalue()


def _ring(draw, x: float, y: float, radius: int = 15) -> None:
    """Last year's mark: a white ring with a black edge, visible on a dark bar and on white."""
    draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill="white", outline=INK,
                 width=6)  # fmt: skip


def _dashed(draw, x0, y0, x1, y1, vertical: bool, dash: int = 22, gap: int = 12) -> None:
    length = (y1 - y0) if vertical else (x1 - x0)
    at = 0
    while at < length:
        end = min(at + dash, length)
        if vertical:
            draw.line((x0, y0 + at, x1, y0 + end), fill=INK, width=6)
        else:
            draw.line((x0 + at, y0, x0 + end, y1), fill=INK, width=6)
        at += dash + gap
