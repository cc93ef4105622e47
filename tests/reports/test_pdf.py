"""The PDF itself: its extracted text holds the dataset's values, statuses and true page numbers."""

import io
import re
import subprocess

import pytest
from pypdf import PdfReader

from plans.models import Goal
from reports.rendering import render_report_pdf
from reports.snapshot import build_snapshot
from tests.reports.factories import known_dataset

pytestmark = pytest.mark.django_db


@pytest.fixture
def pdf(simba_plan, tmp_path):
    known_dataset(simba_plan)
    snapshot = build_snapshot(simba_plan, 2027, "politiska_samradsgruppen")
    path = tmp_path / "rapport.pdf"
    path.write_bytes(render_report_pdf(snapshot, "politiska_samradsgruppen"))
    return path


def page_texts(path) -> list[str]:
    """Each page's text, whitespace collapsed (pdftotext, page by page)."""
    count = len(PdfReader(path).pages)
    texts = []
    for number in range(1, count + 1):
        out = subprocess.run(
            ["pdftotext", "-layout", "-f", str(number), "-l", str(number), str(path), "-"],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        texts.append(out)
    return texts


def flat(text: str) -> str:
    return " ".join(text.split())


def toc_entries(toc_text: str) -> dict[str, int]:
    """Goal code → page number, from the table of contents (entries may wrap over lines)."""
    entries, pending = {}, ""
    for line in toc_text.splitlines():
        pending += " " + line.strip()
        ends = re.search(r"[. ]\s*(\d+)$", line.strip())
        if ends:
            code = re.search(r"Mål (\d+[:.]\d+)", pending)
            if code:
                entries[code.group(1)] = int(ends.group(1))
            pending = ""
    return entries


def test_goal_page_holds_values_statuses_and_preliminary_marks(pdf):
    texts = page_texts(pdf)
    goal_page = next(t for t in texts[2:] if "Mål 2:1 Trygg och effektiv" in t)
    lines = [line.split() for line in goal_page.splitlines()]
    at = next(i for i, words in enumerate(lines) if words[:1] == ["Ale"])
    # Layout text: Enhet | Värde 2026 | Värde 2027 | Status 2027 | Kommentar, on one line.
    assert " ".join(lines[at]).startswith("Ale 0,8 dygn 1,3 dygn* ✗ Ej uppfyllt Vårdplatsbrist")
    kungalv = next(i for i, words in enumerate(lines) if words[:1] == ["Kungälv"])
    assert " ".join(lines[kungalv]) == "Kungälv 1,6 dygn – ? Värde saknas –"
    rest = " ".join(texts[texts.index(goal_page) :]).splitlines()
    activity = next(line for line in rest if line.strip().startswith("2:1:1"))
    assert "◐ Pågår" in activity and "Ny rutin prövas i Ale och" in activity


def test_area_sum_and_summary_are_in_the_text(pdf):
    texts = page_texts(pdf)
    page = next(t for t in texts[2:] if "Antal utåtriktade insatser mot befolkningen" in t)
    rows = [line.split() for line in page.splitlines() if "Årsrapport" not in line]
    # Enhet | 2026 | 2027 | Status | Kommentar: the area's 2027 value is the municipalities' sum.
    assert ["SIMBA-området", "–", "110*", "–", "Inget", "målvärde"] in [r[:6] for r in rows]
    summary = next(flat(t) for t in texts if "Nyckeltal som inte når målet 2027" in t)
    assert "Mål 2:1: Medelvårdtiden som utskrivningsklar" in summary


def test_table_of_contents_page_numbers_are_the_real_pages(pdf, simba_plan):
    texts = page_texts(pdf)
    entries = toc_entries(texts[1])
    goals = Goal.objects.filter(focus_area__plan=simba_plan)
    assert set(entries) == {g.code for g in goals}
    for goal in goals:
        heading = f"Mål {goal.code} {goal.title[:25]}"
        first = next(i + 1 for i, t in enumerate(texts) if i > 1 and heading in flat(t))
        assert entries[goal.code] == first, goal.code


def test_every_page_after_the_cover_has_its_number_and_a_running_header(pdf):
    texts = page_texts(pdf)
    for number, text in enumerate(texts[1:], start=2):
        assert f"Sida {number} av {len(texts)}" in text
        assert "SIMBA-området · Årsrapport 2027" in text


def test_pdf_is_tagged_pdf_a_in_swedish_with_title_and_embedded_fonts(pdf):
    reader = PdfReader(pdf)
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "sv"
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert reader.metadata.title == "SIMBA-området – årsrapport 2027 till politiska samrådsgruppen"
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert re.search(r"pdfaid:part[>=\"]+3", xmp) and re.search(r"pdfaid:conformance[>=\"]+A", xmp)
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            descendant = font.get_object()["/DescendantFonts"][0].get_object()
            assert (
                "/FontFile2" in descendant["/FontDescriptor"]
                or "/FontFile3" in (descendant["/FontDescriptor"])
            )


def test_chart_is_embedded_with_a_text_alternative(simba_plan):
    known_dataset(simba_plan)
    snapshot = build_snapshot(simba_plan, 2026, "samordningsgruppen")
    reader = PdfReader(io.BytesIO(render_report_pdf(snapshot, "samordningsgruppen")))
    assert reader.trailer["/Root"]["/Lang"] == "sv"
    from reports.rendering import render_report_html

    html = render_report_html(snapshot, "samordningsgruppen")
    assert 'alt="Diagram: Antal upprättade SIP i SAMSA per period 1/26–12/26' in html
