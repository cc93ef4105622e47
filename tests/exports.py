"""Spreadsheet files in tests. Reading an exported CSV or Excel file back into rows of text,
tolerant of the CSV dialect (comma or semicolon, with or without a byte-order mark) and of
formula escaping (a leading apostrophe before = + - @), so the tests read what a spreadsheet
user would see; and `workbook_bytes`, an .xlsx as a user's upload (cells as given, formulas
included), for the import's tests."""

import csv
import io

from openpyxl import Workbook, load_workbook

FORMULA_STARTS = ("=", "+", "-", "@")


def _unescape(cell: str) -> str:
    if cell.startswith("'") and cell[1:2] in FORMULA_STARTS:
        return cell[1:]
    return cell


def read_csv(content: bytes) -> list[list[str]]:
    text = content.decode("utf-8-sig")
    first = text.splitlines()[0] if text else ""
    delimiter = ";" if first.count(";") > first.count(",") else ","
    rows = csv.reader(io.StringIO(text), delimiter=delimiter)
    return [[_unescape(cell) for cell in row] for row in rows if row]


def read_xlsx(content: bytes) -> list[list[str]]:
    sheet = load_workbook(io.BytesIO(content), read_only=True).active
    return [
        [_unescape("" if cell is None else str(cell)) for cell in row]
        for row in sheet.iter_rows(values_only=True)
        if any(cell not in (None, "") for cell in row)
    ]


def read_export(response) -> list[list[str]]:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if "spreadsheetml" in response["Content-Type"]:
        return read_xlsx(content)
    return read_csv(content)


def workbook_bytes(rows) -> bytes:
    """An .xlsx file whose first sheet holds `rows` as they are (no escaping: a test may
    upload a formula on purpose); no rows gives an empty workbook."""
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
