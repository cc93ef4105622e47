"""Word documents built in the tests with python-docx, the way a plan's author writes them.

`simba_plan_docx()` rebuilds the SIMBA plan from the seed (its Word original as text, tables as
tab-separated lines): title and cover lines, table of contents, focus areas and goals as
headings, background paragraphs, one real table per block of tab lines, a page header and footer.
It knows nothing of the reader; the other builders write plans in other layouts.
"""

import io
import re

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
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


def _toc_style(document):
    if "toc 1" not in {s.name for s in document.styles}:
        document.styles.add_style("toc 1", WD_STYLE_TYPE.PARAGRAPH)
    return "toc 1"


def content_control_toc(document, lines: list[str]) -> None:
    """A table of contents as Word writes it: TOC paragraphs inside a content control (w:sdt)."""
    style = _toc_style(document)
    sdt, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
    sdt.append(content)
    for line in lines:
        content.append(document.add_paragraph(line, style=style)._p)  # moves it into the sdt
    document.element.body.insert(len(document.element.body) - 1, sdt)


def dotted_codes_docx() -> bytes:
    """A plan in the style of Lerum–Alingsås: dotted codes, goals in a Mål/delmål column with
    merged cells, uncoded activities, a Resultat column, a real table of contents."""
    document = docx.Document()
    header_and_footer(document, "Utvecklingsgruppen Lerum–Alingsås", "Sidfot: Sida 1")
    document.add_paragraph("Utvecklingsplan för psykisk hälsa inom Lerum–Alingsås", style="Title")
    document.add_paragraph("Gäller 2028–2029")
    document.add_paragraph("Innehållsförteckning", style="TOC Heading")
    style = _toc_style(document)
    document.add_paragraph("Barn och unga\t2", style=style)
    document.add_paragraph("Vuxna\t3", style=style)
    document.add_heading("Barn och unga", level=1)
    document.add_paragraph("Utvecklingsgruppen arbetar för tidiga och samordnade insatser.")
    table = add_table(document, [
        ["Mål/delmål", "Aktivitet", "Ansvar för aktivitet", "Uppföljning", "Resultat"],
        ["1.1 Tidiga insatser i skolan", "Utbilda elevhälsan i tidiga tecken",
         "Elevhälsan\nSocialtjänsten", "Styrgruppen följer upp varje termin", "Genomfört 2027"],
        ["", "Gemensamma samverkansmöten varje månad", "Skolchefen", "", ""],
        ["1.2 Samordnad vård för unga", "Erbjuda SIP till alla unga med insatser från båda",
         "Barn- och ungdomspsykiatrin", "Styrgruppen", ""],
    ])  # fmt: skip
    table.cell(1, 0).merge(table.cell(2, 0))  # the goal spans its two activities
    table.cell(1, 3).merge(table.cell(2, 3))  # so does the follow-up
    document.add_heading("Vuxna", level=1)
    paragraph(document, "2.1 Hälsosamma levnadsvanor", bold=True)
    document.add_paragraph("Rökning under graviditet skadar barnet.")
    add_table(document, [
        ["Nyckeltal", "Aktiviteter", "Ansvar", "Uppföljning", "Redovisning"],
        ["Andel rökfria gravida (≥ 90 %)", "2.1.1 Erbjuda rökavvänjning till gravida",
         "2.1.1 Barnmorskemottagningen", "Styrgruppen",
         "Redovisning till styrgruppen och den politiska ledningen minst en gång/år"],
        ["Antal deltagare i rökavvänjning ska öka", "", "", "", ""],
    ])  # fmt: skip
    paragraph(document, "2.2 Trygg hemgång", bold=True)
    table = add_table(document, [
        ["Nyckeltal", "Aktiviteter", "Ansvar", "Uppföljning", "Redovisning"],
        ["Se mål 2.1", "", "", "", ""],
    ])  # fmt: skip
    row = table.rows[1].cells
    row[0].merge(row[4])  # "Se mål 2.1" across the whole row
    return to_bytes(document)


def no_codes_docx() -> bytes:
    """A plan without any codes: headings for focus areas and goals, a bold goal, a goal
    written "Mål: …", a Målvärde column and a column the reader does not know."""
    document = docx.Document()
    header_and_footer(document, "Kustområdets handlingsplan", "Konfidentiellt utkast")
    document.add_paragraph("Handlingsplan Kustområdet 2028–2029", style="Title")
    content_control_toc(document, ["Innehåll", "Äldres hälsa\t2", "Barns hälsa\t3"])
    document.add_heading("Fokusområde: Äldres hälsa", level=1)
    own = document.styles.add_style("Kust mål", WD_STYLE_TYPE.PARAGRAPH)
    own.base_style = document.styles["Heading 2"]
    document.add_paragraph("Fallprevention", style="Kust mål")
    document.add_paragraph("Fall är den vanligaste orsaken till skador bland äldre.")
    add_table(document, [
        ["Indikator", "Målvärde", "Aktivitet", "Ansvarig", "Kommentar"],
        ["Andel fallskador bland personer över 80 år", "< 5 %", "Erbjuda balansträning",
         "Hemsjukvården", "Ny aktivitet"],
        ["", "", "Fallriskbedömning vid inskrivning", "Vårdcentralerna", ""],
    ])  # fmt: skip
    paragraph(document, "Läkemedelsgenomgångar", bold=True)
    add_table(document, [
        ["Nyckeltal", "Aktivitet", "Ansvar"],
        ["Antal läkemedelsgenomgångar ska öka", "Genomgång två gånger per år", "Läkarna"],
    ])  # fmt: skip
    document.add_paragraph("Kontakta samordnaren vid frågor.")
    document.add_heading("Fokusområde: Barns hälsa", level=1)
    document.add_heading("Mål: Fler barn i rörelse", level=2)
    add_table(document, [
        ["Aktivitet", "Ansvar"],
        ["Rörelsepass i förskolan", "Förskolecheferna"],
    ])  # fmt: skip
    document.add_paragraph("Mätmetod: Data hämtas från Skolenkäten.")
    return to_bytes(document)


def goal_in_table_docx() -> bytes:
    """Each goal's heading in a merged first row of its table, "Mål 1:1: …" with a colon,
    several coded activities in one cell with their responsible lines, two key figures as two
    paragraphs of one cell."""
    document = docx.Document()
    header_and_footer(document, "Bilaga 2", "Version 0.3")
    document.add_paragraph("Handlingsplan för nära vård inom Älvdalen", style="Title")
    document.add_paragraph("Period: 2030–2031")
    document.add_paragraph("Fokusområde 1 – Trygg vårdövergång", style="Heading 1")
    table = add_table(document, [
        ["Mål 1:1: Trygg hemgång från sjukhus", "", "", "", ""],
        ["Nyckeltal", "Aktiviteter", "Ansvar", "Uppföljning", "Redovisning (av nyckeltal)"],
        ["Andel utskrivna samma dag (> 80 %)\nMedelvårdtid som utskrivningsklar (≤ 1,5 dygn)",
         "1:1:1 Följa rutinen för utskrivning\n1:1:2 Gemensam utbildning i SIP",
         "1:1:1 Sjukhusets chefer\n1:1:2 SIP-samordnarna\nKommunernas enhetschefer",
         "Utvecklingsgruppen", "Redovisning till samordningsgruppen en gång/år"],
    ])  # fmt: skip
    first = table.rows[0].cells
    first[0].merge(first[4])
    return to_bytes(document)
