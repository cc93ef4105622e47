"""Every file people open in a spreadsheet leaves through here: CSV and Excel (.xlsx).

    export_response(header, rows, "csv" | "xlsx", "simba-nyckeltal-2026.csv") -> HttpResponse

Two guarantees (tests/test_spreadsheets.py):

* **No formulas** (OWASP "CSV injection"): a text cell that starts with ``= + - @``, a tab or a
  carriage return would be run by Excel or LibreOffice as a formula (``=HYPERLINK(...)``). In
  CSV it gets an apostrophe in front (the OWASP advice; the text stays readable, and the import
  takes the apostrophe off again, see `unescape_formula`). In .xlsx the cell is written as a
  plain text cell with Excel's own "quote prefix", so it shows exactly as typed and is never
  evaluated. Plain numbers ("-3", "−1,5") are left as they are: they cannot be formulas.
* **Swedish Excel opens the CSV right by double-click**: semicolons between cells, UTF-8 with a
  byte-order mark (else å, ä, ö break), decimal comma in numbers, dates as 2026-03-31.
"""

import csv
import io
import re
from datetime import date, datetime
from decimal import Decimal

from django.http import HttpResponse

FORMATS = ("csv", "xlsx")
# OWASP's list, plus the full-width forms some spreadsheets also accept as a formula start.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
_PLAIN_NUMBER = re.compile(r"^[+\-−]?\d[\d \u00a0]*(?:[.,]\d+)?$")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def escape_formula(text: str) -> str:
    """The text with an apostrophe in front when a spreadsheet would run it as a formula."""
    if text and text.startswith(FORMULA_START) and not _PLAIN_NUMBER.match(text):
        return "'" + text
    return text


def unescape_formula(text: str) -> str:
    """Undo `escape_formula` (for files we wrote and get back, e.g. the import template)."""
    if len(text) > 1 and text[0] == "'" and text[1:].startswith(FORMULA_START):
        return text[1:]
    return text


def csv_cell(value) -> str:
    """One cell as Swedish Excel reads it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Ja" if value else "Nej"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float | Decimal):
        number = Decimal(str(value))
        whole = number == number.to_integral_value()
        return (f"{number:.0f}" if whole else f"{number.normalize():f}").replace(".", ",")
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, date):
        return value.isoformat()
    return escape_formula(str(value))


def csv_bytes(header, rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for row in [header, *rows] if header else rows:
        writer.writerow([csv_cell(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(header, rows, title: str = "SIMBA") -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    for row in [header, *rows] if header else rows:
        sheet.append([_xlsx_value(v, ILLEGAL_CHARACTERS_RE) for v in row])
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                # A text cell, never a formula, shown as typed (Excel's own apostrophe marker).
                cell.data_type = "s"
                if cell.value.startswith(FORMULA_START):
                    cell.quotePrefix = True
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _xlsx_value(value, illegal):
    if isinstance(value, bool):
        return "Ja" if value else "Nej"
    if value is None or isinstance(value, int | float | Decimal | date | datetime):
        return value
    # Control characters cannot be stored in .xlsx; they carry nothing a reader needs.
    return illegal.sub("", str(value))


def export_response(header, rows, format: str, filename: str) -> HttpResponse:
    """A download of `rows` (lists of cells) under `header` as CSV or .xlsx."""
    if format not in FORMATS:
        raise ValueError(f"Unknown format {format!r}")
    content = csv_bytes(header, rows) if format == "csv" else xlsx_bytes(header, rows)
    response = HttpResponse(content, content_type=CONTENT_TYPES[format])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def table_response(table, format: str, filename: str) -> HttpResponse:
    """A django-tables2 table as a download (the columns it marks for export)."""
    values = list(table.as_values())
    return export_response(values[0], values[1:], format, filename)
