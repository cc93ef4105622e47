"""The full report for samordningsgruppen: analysis texts, last year beside this year, one
precision, each comment once, footnote marks, even chart steps, scoped table headers."""

import io
import re
import subprocess
from decimal import Decimal

import pytest
from pypdf import PdfReader

from reports.charts import nice_ticks
from reports.rendering import render_report_html, render_report_pdf
from reports.snapshot import build_snapshot
from tests.reports.factories import known_dataset, value, year
from tests.reports.pdf_tags import header_scopes
from tests.reports.test_deck import FA2, MEASURE, OVERALL, STEPS2, with_analysis

pytestmark = pytest.mark.django_db
SHARE = "Andel patienter som skrivs ut från KS den dagen de är utskrivningsklara"  # goal 2:1


@pytest.fixture
def snapshot(simba_plan):
    known_dataset(simba_plan)
    return with_analysis(build_snapshot(simba_plan, 2027, "samordningsgruppen"))


def text_of(data: bytes, tmp_path, layout: bool = False) -> str:
    path = tmp_path / "rapport.pdf"
    path.write_bytes(data)
    args = ["pdftotext", *(["-layout"] if layout else []), str(path), "-"]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    return out if layout else " ".join(out.split())


def test_report_pdf_has_the_analysis_and_last_years_value_beside_this_years(snapshot, tmp_path):
    data = render_report_pdf(snapshot, "samordningsgruppen")
    text = text_of(data, tmp_path)
    assert f"Året i korthet {OVERALL}" in text
    assert f"Analys: {FA2}" in text and f"Nästa steg: {STEPS2}" in text
    assert f"Nästa steg: {MEASURE}" in text and "Ale: Nya platser." in text
    assert "Enhet Värde 2026 Värde 2027 Status 2027 Kommentar" in text
    # Ale: 0,8 dygn in 2026 beside 1,3 dygn (preliminary) in 2027, not met, with its comment.
    lines = [" ".join(line.split()) for line in text_of(data, tmp_path, layout=True).splitlines()]
    assert "Ale 0,8 dygn 1,3 dygn* ✗ Ej uppfyllt Vårdplatsbrist i mars." in lines


def test_report_headers_have_scope_in_the_tagged_pdf(snapshot):
    reader = PdfReader(io.BytesIO(render_report_pdf(snapshot, "samordningsgruppen")))
    scopes = header_scopes(reader)
    assert scopes and set(scopes) == {"/Column", "/Row"}


def test_percentages_and_days_have_one_precision(simba_plan, tmp_path):
    # Through the real path (stored values, the snapshot, the PDF): a whole percentage reads
    # "86,0 %" beside "89,4 %" (plans/targets.format_value), never "86 %".
    known_dataset(simba_plan)
    y27 = year(simba_plan, 2027)
    value(simba_plan, SHARE, "Ale", y27, number=Decimal("86.0"), numerator=86, denominator=100)
    value(simba_plan, SHARE, "Kungälv", y27, number=Decimal("89.4"), numerator=447,
          denominator=500)  # fmt: skip
    snapshot = with_analysis(build_snapshot(simba_plan, 2027, "samordningsgruppen"))
    text = text_of(render_report_pdf(snapshot, "samordningsgruppen"), tmp_path, layout=True)
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert "Ale – 86,0 %* ✓ Uppfyllt –" in lines
    assert "Kungälv – 89,4 %* ✓ Uppfyllt –" in lines
    assert "Ale 0,8 dygn 1,3 dygn* ✗ Ej uppfyllt Vårdplatsbrist i mars." in lines
    assert not re.search(r"(?<![\d,])86 %", " ".join(lines))


def test_a_comment_repeated_for_the_same_unit_is_printed_once(snapshot):
    goal = next(g for fa in snapshot["focus_areas"] for g in fa["goals"] if g["code"] == "2:1")
    cell = goal["key_figures"][0]["rows"][0]["cells"][1]
    cell["comment"] = "Vårdplatsbrist i mars. Vårdplatsbrist i mars."
    activity = goal["activities"][0]
    activity["units"] = [
        {"unit": "Ale", "status_label": "Pågår", "comment": "Ny rutin."},
        {"unit": "Ale", "status_label": "Pågår", "comment": "Ny rutin."},
    ]
    snapshot["analysis"]["goals"]["2:1"]["unit_comments"] *= 2
    html = render_report_html(snapshot, "samordningsgruppen")
    assert html.count("Vårdplatsbrist i mars.") == 1
    assert html.count("Ale: Pågår – Ny rutin.") == 1
    assert html.count("Nya platser.") == 1


def test_a_footnote_has_its_reference_mark(snapshot):
    html = render_report_html(snapshot, "samordningsgruppen")
    name = "Nyckeltal enligt beslutad uppföljningsmall"
    assert re.search(rf"Nyckeltal: {name}<span class=\"mark\">¹</span>", html)
    assert "¹ Uppföljningsmall" in html


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [(0, 32, [0, 10, 20, 30, 40]), (0, 9, [0, 2.5, 5, 7.5, 10]), (62, 97, [60, 70, 80, 90, 100])],
)
def test_chart_axes_have_even_steps(low, high, expected):
    assert nice_ticks(low, high, 4) == expected


def test_report_charts_use_even_steps(snapshot):
    html = render_report_html(snapshot, "samordningsgruppen")
    assert "0/8/20/32" not in html  # (the old uneven labels came from pygal's own choice)
    from reports.rendering import _ticks

    chart = {"lines": [{"values": [3, 8, 20, 31]}], "target": None, "unit": "st"}
    ticks = _ticks(chart)
    steps = {round(b - a, 6) for a, b in zip(ticks, ticks[1:], strict=False)}
    assert len(steps) == 1 and ticks[0] == 0 and ticks[-1] >= 31


def test_report_without_analysis_still_renders(simba_plan):
    snapshot = build_snapshot(simba_plan, 2026, "samordningsgruppen")
    html = render_report_html(snapshot, "samordningsgruppen")
    assert "Året i korthet" not in html and "Värde 2025" not in html
