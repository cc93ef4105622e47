"""The deck for politiska samrådsgruppen: PDF (16:9, PDF/A-3a, tagged, Swedish) and PowerPoint,
read back from the files themselves."""

import io
import re
import subprocess

import pytest
from pptx import Presentation
from pypdf import PdfReader

from reports.deck import render_deck_pdf
from reports.deck_pptx import render_deck_pptx
from reports.slides import MORE, build_slides
from reports.snapshot import build_snapshot
from tests.reports.factories import known_dataset
from tests.reports.pdf_tags import header_scopes

pytestmark = pytest.mark.django_db

OVERALL = "Utskrivningen går snabbare i tre av fyra kommuner men vårdbegäran kommer sent."
FA2 = "Vårdövergångarna fungerar bättre sedan den gemensamma rutinen infördes."
STEPS2 = "Utbilda alla enheter i den nya rutinen för vårdbegäran före sommaren."
MEASURE = "Ale öppnar fler korttidsplatser i mars."


def with_analysis(snapshot: dict, overall: str = OVERALL) -> dict:
    """The shape branch issue-10a freezes into the snapshot, with texts of our own."""
    snapshot["analysis"] = {
        "overall": overall,
        "focus_areas": {"2": {"analysis": FA2, "next_steps": STEPS2}},
        "goals": {
            "2:1": {
                "analysis": "Ale har haft vårdplatsbrist.",
                "next_steps": MEASURE,
                "unit_comments": [{"unit": "Ale", "unit_code": "1440", "text": "Nya platser."}],
            }
        },
    }
    return snapshot


@pytest.fixture
def snapshot(simba_plan):
    known_dataset(simba_plan)
    return with_analysis(build_snapshot(simba_plan, 2027, "politiska_samradsgruppen"))


def pdf_text(data: bytes, tmp_path) -> list[str]:
    path = tmp_path / "deck.pdf"
    path.write_bytes(data)
    pages = len(PdfReader(path).pages)
    return [
        " ".join(
            subprocess.run(
                ["pdftotext", "-f", str(n), "-l", str(n), str(path), "-"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout.split()
        )  # fmt: skip
        for n in range(1, pages + 1)
    ]


def test_deck_is_16_9_one_page_per_slide_and_10_to_15_slides(snapshot):
    slides = build_slides(snapshot)
    reader = PdfReader(io.BytesIO(render_deck_pdf(snapshot)))
    # A slide whose text ran over would add a page: equal counts mean nothing overflowed.
    assert len(reader.pages) == len(slides)
    assert 10 <= len(slides) <= 15
    for page in reader.pages:
        width, height = (float(v) * 25.4 / 72 for v in page.mediabox[2:])
        assert (round(width), round(height)) == (338, 190)


def test_deck_pdf_is_tagged_pdf_a_in_swedish_with_scoped_headers(snapshot):
    data = render_deck_pdf(snapshot)
    reader = PdfReader(io.BytesIO(data))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "sv"
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    xmp = reader.xmp_metadata.rdf_root.toxml()
    assert re.search(r"pdfaid:part[>=\"]+3", xmp) and re.search(r"pdfaid:conformance[>=\"]+A", xmp)
    scopes = header_scopes(reader)
    assert scopes and set(scopes) == {"/Column", "/Row"}  # every header cell has its scope


def test_deck_shows_analysis_statuses_and_values(snapshot, tmp_path):
    pages = pdf_text(render_deck_pdf(snapshot), tmp_path)
    text = " ".join(pages)
    assert OVERALL in pages[2] and pages[2].startswith("Året i korthet")
    fa2 = next(p for p in pages if p.startswith("Fokusområde 2"))
    assert FA2 in fa2 and STEPS2 in fa2
    assert "2:1 Trygg och effektiv" in fa2 and "✗ 1 ej uppfyllt" in fa2
    deviations = next(p for p in pages if "så här gör vi" in p)
    assert "Medelvårdtiden som utskrivningsklar" in deviations
    assert "Ale 1,3 dygn" in deviations and MEASURE in deviations
    assert "✓ Uppfyllt" in text and "? Värde saknas" in text  # symbol and word together


def test_long_texts_are_cut_with_a_pointer_to_the_report_not_shrunk(snapshot, tmp_path):
    long = with_analysis(snapshot, overall="Ett långt resonemang om året. " * 80)
    data = render_deck_pdf(long)
    pages = pdf_text(data, tmp_path)
    assert len(pages) == len(build_slides(long))
    assert "fortsättning i rapporten" in pages[2]
    assert len(pages[2]) < 900


def test_body_text_is_at_least_20_pt(snapshot):
    """Every text drawn on a slide, except the small page footer, is 20 pt or larger."""
    reader = PdfReader(io.BytesIO(render_deck_pdf(snapshot)))
    sizes = []

    def visit(text, cm, tm, font, size):
        scale = (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5
        if text.strip() and not text.strip().startswith(("SIMBA · bild", "bild")):
            sizes.append((round(size * scale, 1), text.strip()))

    for page in reader.pages[1:]:
        page.extract_text(visitor_text=visit)
    assert sizes
    small = [(s, t) for s, t in sizes if s < 19.9 and not t[:1].isdigit() and t != "av"]
    assert not small, small[:5]


def test_pptx_has_the_same_slides_with_editable_text_tables_and_described_charts(snapshot):
    slides = build_slides(snapshot)
    deck = Presentation(io.BytesIO(render_deck_pptx(snapshot)))
    assert len(deck.slides) == len(slides)
    assert (round(deck.slide_width.mm), round(deck.slide_height.mm)) == (338, 190)
    titles = [s.shapes.title.text_frame.text for s in deck.slides]
    assert titles == [s.title for s in slides]
    texts = [
        " ".join(sh.text_frame.text for sh in s.shapes if sh.has_text_frame) for s in deck.slides
    ]
    assert OVERALL in texts[2]
    fa2 = deck.slides[next(i for i, s in enumerate(slides) if s.kicker == "Fokusområde 2")]
    tables = [sh.table for sh in fa2.shapes if sh.has_table]
    cells = [c.text for t in tables for row in t.rows for c in row.cells]
    assert any(c.startswith("2:1 Trygg") for c in cells) and "✓ Uppfyllt" not in cells[:2]
    pictures = [sh for sh in fa2.shapes if sh.shape_type == 13]
    assert pictures and "Stapeldiagram" in pictures[0]._element.nvPicPr.cNvPr.get("descr")
    assert FA2 in " ".join(sh.text_frame.text for sh in fa2.shapes if sh.has_text_frame)
    assert FA2 in fa2.notes_slide.notes_text_frame.text


def test_a_deck_without_analysis_says_so_instead_of_failing(simba_plan):
    snapshot = build_snapshot(simba_plan, 2026, "politiska_samradsgruppen")
    assert not snapshot["analysis"]["overall"]  # nothing written for the year
    slides = build_slides(snapshot)
    assert "Processledarens samlade bedömning finns inte med" in slides[2].paragraphs[0]
    assert MORE not in slides[2].paragraphs[0]


def test_a_figure_not_judged_is_counted_and_explained_with_its_own_symbol(simba_plan):
    """'Ej bedömt' (an incomplete year, or no previous year to compare with) is a status of its
    own on every slide, never folded into 'Värde saknas'."""
    snapshot = build_snapshot(simba_plan, 2026, "politiska_samradsgruppen")
    goal = next(g for fa in snapshot["focus_areas"] for g in fa["goals"] if g["key_figures"])
    for figure in goal["key_figures"]:
        figure["status"] = "not_judged"
    snapshot["focus_areas"][0]["summary"]["not_judged"] = 1
    slides = build_slides(snapshot)
    text = "\n".join(
        " ".join([s.title, *s.paragraphs, *s.headers, *(" ".join(r) for r in s.rows)])
        for s in slides
    )
    assert "○ Ej bedömt" in text
    assert "○ Ej bedömt – värdet kan inte bedömas än" in text
