"""A .docx as a flat list of paragraphs and tables, in reading order.

Word keeps headers, footers and footnotes outside the body, so they never reach the reader.
Merged cells come back from python-docx as the same cell repeated; they are given once, and the
places they span hold None so that a column keeps its meaning in every row.
"""

import io
import re
import zipfile
from dataclasses import dataclass, field

import docx
import docx.opc.exceptions
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An encrypted .docx is an OLE compound file holding these streams instead of the ZIP archive.
ENCRYPTED_STREAMS = ("EncryptionInfo".encode("utf-16-le"), "EncryptedPackage".encode("utf-16-le"))
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
HEADING = re.compile(r"^(?:heading|rubrik)\s*(\d)$", re.IGNORECASE)


class WordImportError(ValueError):
    """The file cannot be read as a plan document; the message says why, in Swedish."""


@dataclass
class Para:
    number: int  # place among the body's paragraphs, 1-based, for messages
    text: str
    style: str = ""
    level: int = 0  # heading level, 0 for body text
    bold: bool = False
    where_text: str = ""  # for text found elsewhere (a table's top row)

    @property
    def where(self) -> str:
        return self.where_text or f"Stycke {self.number}"


@dataclass
class Grid:
    number: int  # 1-based
    rows: list[list[str | None]] = field(default_factory=list)  # None: part of a merged cell

    def where(self, row: int, column: str) -> str:
        place = f"Tabell {self.number}, rad {row + 1}"
        return f"{place}, kolumn ”{column}”" if column else place


def _open(data: bytes) -> docx.document.Document:
    if data.startswith(OLE_MAGIC):
        if any(stream in data for stream in ENCRYPTED_STREAMS):
            raise WordImportError(
                "Dokumentet är lösenordsskyddat (krypterat) och kan inte läsas. Öppna det i Word, "
                "ta bort lösenordet (Arkiv → Info → Skydda dokument) och ladda upp en kopia."
            )
        raise WordImportError(
            "Filen är ett äldre Word-dokument (.doc). Öppna den i Word, välj Spara som → "
            "Word-dokument (.docx) och ladda upp den nya filen."
        )
    if not data.startswith(b"PK"):
        raise WordImportError(
            "Filen är inte ett Word-dokument (.docx). Spara planen i Word som Word-dokument "
            "(.docx) och försök igen."
        )
    _refuse_zip_bomb(data)
    try:
        return docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, docx.opc.exceptions.PackageNotFoundError):
        raise WordImportError(
            "Filen kunde inte läsas som ett Word-dokument (.docx); den är skadad eller en annan "
            "sorts fil. Spara planen på nytt i Word som Word-dokument (.docx) och försök igen."
        ) from None
    except Exception as exc:  # a malformed package can fail in many ways inside lxml/python-docx
        raise WordImportError(
            "Word-dokumentet kunde inte läsas (det verkar skadat). Spara det på nytt i Word och "
            "försök igen."
        ) from exc


def _styles(style):
    """A style and the styles it is based on ("SIMBA rubrik" based on Heading 2 is a heading)."""
    while style is not None:
        yield style
        style = style.base_style


class _StyleFacts:
    """Name, heading level and boldness per style id, looked up once: python-docx searches all
    styles on every lookup, which made reading a plan take most of a second."""

    def __init__(self):
        self.paragraph_cache: dict[str | None, tuple[str, int, bool]] = {}
        self.run_cache: dict[str | None, bool | None] = {}

    def paragraph(self, paragraph: Paragraph) -> tuple[str, int, bool]:
        key = paragraph._p.style
        if key not in self.paragraph_cache:
            style, level = paragraph.style, 0
            for each in _styles(style):
                name = (each.name or "").lower()
                if match := HEADING.match(name):
                    level = int(match.group(1))
                    break
                if name == "title":
                    level = 1
                    break
            bold = next((s.font.bold for s in _styles(style) if s.font.bold is not None), False)
            self.paragraph_cache[key] = (style.name if style is not None else "", level, bold)
        return self.paragraph_cache[key]

    def run_bold(self, run, paragraph_bold: bool) -> bool:
        if run.bold is not None:
            return run.bold
        key = run._r.style
        if key not in self.run_cache:
            style = run.style
            self.run_cache[key] = style.font.bold if style is not None and key else None
        found = self.run_cache[key]
        return paragraph_bold if found is None else found


def _refuse_zip_bomb(data: bytes) -> None:
    """A few MB may unpack to gigabytes of XML; look at the sizes before python-docx unpacks."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        return  # python-docx says it better below
    if unpacked > MAX_UNPACKED_BYTES:
        raise WordImportError(
            "Dokumentet är för stort uppackat för att läsas in. Ta bort bilder och bilagor och "
            "försök igen."
        )


def _paragraph(paragraph: Paragraph, number: int, styles: _StyleFacts) -> Para:
    text = paragraph.text.replace("\xa0", " ").strip()
    style, level, style_bold = styles.paragraph(paragraph)
    runs = [run for run in paragraph.runs if run.text.strip()]
    bold = bool(runs) and all(styles.run_bold(run, style_bold) for run in runs)
    return Para(number=number, text=text, style=style, level=level, bold=bold)


def _cell_text(cell) -> str:
    lines = [p.text.replace("\xa0", " ").strip() for p in cell.paragraphs]
    return "\n".join(line for line in lines if line)


def _grid(table: Table, number: int) -> Grid:
    grid = Grid(number=number)
    above: list = []
    for row in table.rows:
        cells, texts, left = list(row.cells), [], None
        for column, cell in enumerate(cells):
            spans_left = left is not None and cell._tc is left
            spans_down = column < len(above) and above[column] is cell._tc
            texts.append(None if spans_left or spans_down else _cell_text(cell))
            left = cell._tc
        above = [cell._tc for cell in cells]
        grid.rows.append(texts)
    return grid


def _body_items(document):
    """Paragraphs and tables in order, also those inside content controls (w:sdt), where Word
    puts its table of contents and many templates their cover page."""

    def walk(element, parent):
        for child in element.iterchildren():
            if child.tag == qn("w:p"):
                yield Paragraph(child, parent)
            elif child.tag == qn("w:tbl"):
                yield Table(child, parent)
            elif child.tag == qn("w:sdt"):
                for content in child.iterchildren(qn("w:sdtContent")):
                    yield from walk(content, parent)

    body = document.element.body
    yield from walk(body, document._body)


def read_blocks(data: bytes) -> list[Para | Grid]:
    document = _open(data)
    if document.element.body.xpath(".//w:ins | .//w:del"):
        raise WordImportError(
            "Dokumentet har spårade ändringar. Godkänn eller avvisa dem i Word (Granska → "
            "Godkänn alla ändringar), spara och ladda upp dokumentet igen, så att planen läses "
            "in som den beslutades."
        )
    styles = _StyleFacts()
    blocks: list[Para | Grid] = []
    paragraphs = tables = 0
    for item in _body_items(document):
        if isinstance(item, Paragraph):
            paragraphs += 1
            blocks.append(_paragraph(item, paragraphs, styles))
        elif isinstance(item, Table):
            tables += 1
            blocks.append(_grid(item, tables))
    has_text = any(
        (b.text if isinstance(b, Para) else any(c for r in b.rows for c in r if c)) for b in blocks
    )
    if not has_text:
        raise WordImportError("Dokumentet är tomt: det innehåller ingen text att läsa in.")
    return blocks
