"""Exports never hand a spreadsheet a formula, and CSV opens right in Swedish Excel."""

import csv
import io
import zipfile
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from indicators.demo import fill_values
from indicators.models import Value
from plans.targets import ValueKind
from simba.spreadsheets import csv_bytes, escape_formula, unescape_formula, xlsx_bytes

PAYLOADS = [
    '=HYPERLINK("http://x","Klicka")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "＝1+1",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_formula_gets_an_apostrophe_and_comes_back_unchanged(payload):
    escaped = escape_formula(payload)
    assert escaped == "'" + payload
    assert unescape_formula(escaped) == payload


@pytest.mark.parametrize("text", ["Mottagningen följs upp kvartalsvis.", "-3", "−1,5", "1 200", ""])
def test_plain_text_and_numbers_are_left_alone(text):
    assert escape_formula(text) == text


def test_csv_is_semicolons_utf8_with_bom_and_decimal_comma():
    content = csv_bytes(["kommun", "värde"], [["Kungälv", Decimal("0.70")], ["Tjörn", 1.5]])
    assert content.startswith(b"\xef\xbb\xbf")
    assert content.decode("utf-8-sig") == "kommun;värde\r\nKungälv;0,7\r\nTjörn;1,5\r\n"


def test_xlsx_cells_are_text_never_formulas():
    book = load_workbook(io.BytesIO(xlsx_bytes(["a"], [[p] for p in PAYLOADS])))
    cells = [row[0] for row in book.active.iter_rows(min_row=2)]
    # XML may turn a lone CR into LF on the way back (ElementTree does, lxml does not).
    assert [c.value.replace("\r", "\n") for c in cells] == [p.replace("\r", "\n") for p in PAYLOADS]
    assert {c.data_type for c in cells} == {"s"}


@pytest.fixture
def formula_everywhere(simba_plan):
    """Demo values for 2026 with every text value and comment a live formula."""
    fill_values(simba_plan, [2026], seed=1)
    texts = Value.objects.filter(key_figure__value_kind=ValueKind.TEXT)
    assert texts.exists()
    texts.update(text=PAYLOADS[0], not_available=False)
    Value.objects.update(comment=PAYLOADS[0])


@pytest.mark.django_db
def test_overview_csv_export_escapes_formulas(client, process_leader, formula_everywhere):
    client.force_login(process_leader)
    response = client.get(
        reverse("indicators:overview"), {"year": 2026, "export": "csv", "tabell": "status"}
    )
    content = response.content
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    cells = [cell for row in rows for cell in row]
    assert "'" + PAYLOADS[0] in cells
    assert not [c for c in cells if c.startswith(("=", "+", "@", "\t", "\r"))]


@pytest.mark.django_db
@pytest.mark.parametrize("table", ["status", "mal", "inrapportering"])
def test_overview_xlsx_export_has_no_formula(client, process_leader, formula_everywhere, table):
    client.force_login(process_leader)
    response = client.get(
        reverse("indicators:overview"), {"year": 2026, "export": "xlsx", "tabell": table}
    )
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
    xml = b"".join(archive.read(n) for n in sheets)
    assert sheets and b"<f>" not in xml and b"<f " not in xml
    if table == "status":
        book = load_workbook(io.BytesIO(response.content))
        values = [c.value for row in book.active.iter_rows() for c in row]
        assert PAYLOADS[0] in values  # readable as typed
