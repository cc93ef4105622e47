"""The import parser without a database: reading CSV and Excel, the header, period codes.
Fast, so the mutation run (README, "Mutation score") can use it."""

import io
from datetime import date, datetime
from types import SimpleNamespace

import pytest
from openpyxl import Workbook

from indicators import imports
from indicators.imports import ImportFileError, period_code, read_table


def test_semicolons_and_a_byte_order_mark_are_read():
    content = "\ufeffkommun;värde\nAle;1,5\n".encode()
    assert read_table("v.csv", content) == [["kommun", "värde"], ["Ale", "1,5"]]


def test_commas_are_read_when_the_header_has_more_commas():
    assert read_table("V.CSV", b"kommun,period\nAle,2026\n") == [["kommun", "period"],
                                                                  ["Ale", "2026"]]  # fmt: skip


def test_a_tie_between_commas_and_semicolons_reads_semicolons():
    assert read_table("v.csv", b"a,b;c\n") == [["a,b", "c"]]


def test_windows_1252_is_read_when_the_file_is_not_utf8():
    assert read_table("v.csv", "Tjörn;3\n".encode("cp1252")) == [["Tjörn", "3"]]


@pytest.mark.parametrize("name", ["v.txt", "v.xls", "csv", "v.csv.exe"])
def test_other_file_types_are_refused(name):
    with pytest.raises(ImportFileError, match="CSV-fil"):
        read_table(name, b"a;b\n")


def test_a_file_over_the_limit_is_refused_and_one_at_the_limit_is_read():
    at_limit = b"a;b\n" * (imports.MAX_BYTES // 4)
    assert len(at_limit) == imports.MAX_BYTES
    assert len(read_table("v.csv", at_limit)) == imports.MAX_BYTES // 4
    with pytest.raises(ImportFileError, match="större än 2 MB"):
        read_table("v.csv", at_limit + b"a")


def _xlsx(*rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_excel_cells_become_the_text_a_user_would_type():
    content = _xlsx(
        ["Kommun", "Värde", "Period"],
        ["Ale", 4.0, datetime(2026, 3, 1)],
        [" Tjörn ", 2.5, datetime(2026, 12, 1)],
        ["Kungälv", None, datetime(2026, 3, 15)],
        ["Stenungsund", 7, 2026],
    )
    assert read_table("samsa.XLSX", content) == [
        ["Kommun", "Värde", "Period"],
        ["Ale", "4", "2026-03"],
        ["Tjörn", "2.5", "2026-12-01"],
        ["Kungälv", "", "2026-03-15"],
        ["Stenungsund", "7", "2026"],
    ]


def test_an_unreadable_excel_file_says_so():
    """Not a zip archive at all (it starts like one): a message, not a server error."""
    with pytest.raises(ImportFileError, match="Excel-filen gick inte att läsa"):
        read_table("v.xlsx", b"PK\x03\x04 not really a workbook")


def test_the_header_finds_columns_in_any_order_and_case():
    header = imports._header([" Värde", "KOMMUN", "x", "Period", "Nyckeltal", "kommentar"])
    assert header == {"value": 0, "unit": 1, "period": 3, "figure": 4, "comment": 5}


def test_the_first_of_two_columns_for_the_same_field_counts():
    assert imports._header(["kommun", "enhet", "nyckeltal", "period", "varde"])["unit"] == 0


def test_a_missing_column_is_named_in_swedish():
    with pytest.raises(ImportFileError) as caught:
        imports._header(["kommun", "period"])
    assert str(caught.value).endswith("(saknas: nyckeltal, värde).")
    assert str(caught.value).startswith("Första raden ska ha kolumnerna kommun, nyckeltal")


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("2026", ("year", date(2026, 1, 1))),
        (" 2027 ", ("year", date(2027, 1, 1))),
        ("2026-H1", ("half_year", date(2026, 1, 1))),
        ("2026-h2", ("half_year", date(2026, 7, 1))),
        ("2026-03", ("month", date(2026, 3, 1))),
        ("2026-3", ("month", date(2026, 3, 1))),
        ("2026-12", ("month", date(2026, 12, 1))),
        ("2026-12-01", ("rolling_12_months", date(2026, 12, 1))),
    ],
)
def test_period_codes_are_read(text, key):
    assert imports._period_key(text) == key


@pytest.mark.parametrize(
    "text", ["", "26", "2026-H3", "2026-13", "2026-00", "2026-02-30", "H1-2026", "2026-1-1", "x"]
)
def test_a_period_that_is_not_a_period_is_none(text):
    assert imports._period_key(text) is None


@pytest.mark.parametrize(
    ("kind", "start", "end", "code"),
    [
        ("year", date(2026, 1, 1), date(2026, 12, 31), "2026"),
        ("half_year", date(2026, 1, 1), date(2026, 6, 30), "2026-H1"),
        ("half_year", date(2026, 7, 1), date(2026, 12, 31), "2026-H2"),
        ("month", date(2026, 3, 1), date(2026, 3, 31), "2026-03"),
        ("rolling_12_months", date(2025, 12, 2), date(2026, 12, 1), "2026-12-01"),
    ],
)
def test_period_code_is_what_the_parser_reads_back(kind, start, end, code):
    period = SimpleNamespace(kind=kind, start=start, end=end)
    assert period_code(period) == code
    expected = end if kind == "rolling_12_months" else start
    assert imports._period_key(code) == (kind, expected)


def test_the_refusals_word_for_word():
    with pytest.raises(ImportFileError) as caught:
        read_table("v.txt", b"")
    assert str(caught.value) == "Filen måste vara en CSV-fil (.csv) eller en Excel-fil (.xlsx)."
    with pytest.raises(ImportFileError) as caught:
        read_table("v.csv", b"a" * (imports.MAX_BYTES + 1))
    assert str(caught.value) == "Filen är större än 2 MB. Dela upp den i flera filer."
    with pytest.raises(ImportFileError) as caught:
        read_table("v.xlsx", b"PK\x03\x04 no workbook")
    assert str(caught.value) == (
        "Excel-filen gick inte att läsa. Spara den som .xlsx och försök igen."
    )
    with pytest.raises(ImportFileError) as caught:
        imports._header([])
    assert str(caught.value) == (
        "Första raden ska ha kolumnerna kommun, nyckeltal, period och värde "
        "(saknas: kommun, nyckeltal, period, värde)."
    )


@pytest.mark.parametrize(
    ("content", "first_row"),
    [
        (b"a b;c;d,e\n", ["a b", "c", "d,e"]),  # the whole first line counts, spaces and all
        (b"a;b c,d,e,f\n", ["a;b c", "d", "e", "f"]),
        (b"a,b\nc;d;e\n", ["a", "b"]),  # only the first line decides
        (b"a;b\nc,d,e,f\n", ["a", "b"]),
    ],
)
def test_the_first_line_alone_decides_the_delimiter(content, first_row):
    assert read_table("v.csv", content)[0] == first_row


def test_excel_formulas_are_read_as_their_values_not_their_text():
    content = _xlsx(["kommun", "värde"], ["Ale", "=1+1"])
    assert read_table("v.xlsx", content)[1] == ["Ale", ""]  # no cached value: nothing to import


def test_a_whole_float_is_written_without_decimals():
    assert imports._cell_text(4.0) == "4"
    assert imports._cell_text(4.5) == "4.5"
