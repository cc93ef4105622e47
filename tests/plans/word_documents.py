"""Word documents built in the tests with python-docx, the way a plan's author writes them.

`simba_plan_docx()` rebuilds the SIMBA plan from the seed (its Word original as text, tables as
tab-separated lines): title and cover lines, table of contents, focus areas and goals as
headings, background paragraphs, one real table per block of tab lines, a page header and footer.
It knows nothing of the reader; the other builders write plans in other layouts.
"""

import io
import re

import docx
from docx.shared import Pt

from tests import seed

GOAL_LINE = re.compile(r"^(?:Mål )?\d[:.]\d \S")


def to_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def add_table(document, rows: list[list[str]]):
    width = max(len(r) for r in rows)
    table = document.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells + [""] * (width - len(cells))):
            cell = table.cell(r, c)
            lines = text.split("\n")
            cell.paragraphs[0].text = lines[0]
            for line in lines[1:]:
                cell.add_paragraph(line)
            if r == 0:
                for run in cell.paragraphs[0].runs:
                    run.bold = True
    return table


def header_and_footer(document, header: str, footer: str) -> None:
    section = document.sections[0]
    section.header.paragraphs[0].text = header
    section.footer.paragraphs[0].text = footer


def simba_plan_docx() -> bytes:
    document = docx.Document()
    header_and_footer(document, "SIMBA – Handlingsplan 2026–2027", "Sida 1 av 17")
    lines = seed.seed_text().splitlines()
    table: list[list[str]] = []
    first = True

    def flush():
        if table:
            add_table(document, table)
            table.clear()

    for line in lines:
        if "\t" in line and not line.startswith("Fokusområde"):
            if line.startswith("Nyckeltal\t"):
                flush()
            table.append([cell.strip() for cell in line.split("\t")])
            continue
        flush()
        text = line.strip()
        if not text:
            continue
        if first:
            document.add_paragraph(text, style="Title")
            first = False
        elif text == "Innehåll":
            document.add_paragraph(text, style="TOC Heading")
        elif text.startswith("Fokusområde") and "\t" not in line and not text.endswith("....."):
            document.add_heading(text, level=1)
        elif GOAL_LINE.match(text):
            heading = document.add_heading(level=2)
            run = heading.add_run(text.replace("*", ""))
            run.italic = "*" in text
        elif text.startswith("Mätmetod"):
            document.add_paragraph().add_run(text).bold = True
        else:
            document.add_paragraph(text)
    flush()
    return to_bytes(document)


def paragraph(document, text: str, bold: bool = False, size: int | None = None):
    run = document.add_paragraph().add_run(text)
    run.bold = bold
    if size:
        run.font.size = Pt(size)
    return run
