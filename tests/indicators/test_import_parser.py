"""The import parser without a database: reading CSV and Excel, the header, period codes, the
row loop, and the upload check the import view runs first (`simba.uploads.validate_upload`).
Fast, so the mutation run (README, "Mutation score") can use it."""

import csv
from datetime import date, datetime
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from indicators import imports
from indicators.imports import ImportFileError, Table, period_code, read_table
from simba.uploads import validate_upload
from tests.exports import workbook_bytes

UNREADABLE_TEXT = (
    "Filen går inte att läsa som text. Spara den i Excel som ”CSV UTF-8 (kommaavgränsad)” "
    "eller som Excel-arbetsbok (.xlsx) och försök igen."
)
UNREADABLE_EXCEL = (
    "Excel-filen gick inte att läsa: den är skadad, ofullständig eller inte en riktig "
    ".xlsx-fil. Öppna den i Excel, spara som Excel-arbetsbok (.xlsx) och försök igen."
)


def _refusal(name: str, content: bytes) -> ValidationError:
    """What the import view's upload check says about a file (as the view calls it)."""
    with pytest.raises(ValidationError) as caught:
        validate_upload(SimpleUploadedFile(name, content), imports.EXTENSIONS, imports.MAX_BYTES)
    return caught.value


def _accepted(name: str, content: bytes) -> bool:
    file = SimpleUploadedFile(name, content)
    validate_upload(file, imports.EXTENSIONS, max_bytes=imports.MAX_BYTES)
    return file.read() == content  # rewound for the importer


# --- reading CSV --------------------------------------------------------------------------


def test_semicolons_and_a_byte_order_mark_are_read():
    content = "\ufeffkommun;värde\nAle;1,5\n".encode()
    assert read_table("v.csv", content) == Table([["kommun", "värde"], ["Ale", "1,5"]], ";")


def test_commas_are_read_when_the_header_has_more_commas():
    table = read_table("V.CSV", b"kommun,period\nAle,2026\n")
    assert table.rows == [["kommun", "period"], ["Ale", "2026"]]
    assert table.delimiter == ","


def test_tabs_are_read_when_the_header_has_most_tabs():
    table = read_table("v.csv", b"kommun\tv\xc3\xa4rde\tx;y\nAle\t3\n")
    assert table == Table([["kommun", "värde", "x;y"], ["Ale", "3"]], "\t")


def test_line_breaks_inside_a_quoted_cell_are_kept_as_written():
    content = b'kommun;kommentar\r\nAle;"rad 1\r\nrad 2"\r\nTj\xc3\xb6rn;"a\rb"\r\n'
    assert read_table("v.csv", content).rows == [
        ["kommun", "kommentar"], ["Ale", "rad 1\r\nrad 2"], ["Tjörn", "a\rb"]
    ]  # fmt: skip


def test_a_tie_between_commas_and_semicolons_reads_semicolons():
    assert read_table("v.csv", b"a,b;c\n") == Table([["a,b", "c"]], ";")


def test_a_first_line_of_spaces_reads_semicolons():
    assert read_table("v.csv", b"   \n,a,b,c\n") == Table([["   "], [",a,b,c"]], ";")


def test_an_empty_file_is_an_empty_table():
    assert read_table("v.csv", b"") == Table([], ";")


def test_windows_1252_is_read_when_the_file_is_not_utf8():
    assert read_table("v.csv", "Tjörn;3\n".encode("cp1252")).rows == [["Tjörn", "3"]]


def test_utf16_with_its_byte_order_mark_is_read():
    assert read_table("v.csv", "Tjörn;3\n".encode("utf-16")).rows == [["Tjörn", "3"]]
    assert read_table("v.csv", "Öckerö;4\n".encode("utf-16-be")[:0] + b"\xfe\xff"
                      + "Öckerö;4\n".encode("utf-16-be")).rows == [["Öckerö", "4"]]  # fmt: skip


@pytest.mark.parametrize(
    "content",
    [
        b"a;b\x00c\n",  # binary: NUL bytes decode, but no text has them
        b"\x81\x8d;x\n",  # neither UTF-8 nor Windows-1252
        b"\xfe\xff\x00A\x00\x00",  # UTF-16 that holds a NUL
        b"\xff\xfe\x00\xd8",  # UTF-16 with half a surrogate pair
    ],
)
def test_a_file_that_is_not_text_says_how_to_save_it(content):
    with pytest.raises(ImportFileError) as caught:
        read_table("v.csv", content)
    assert str(caught.value) == UNREADABLE_TEXT


def test_a_cell_longer_than_the_csv_limit_names_the_line_and_the_limit():
    content = b"kommun;v\xc3\xa4rde\nAle;" + b'"' + b"9" * (csv.field_size_limit() + 1) + b'"\n'
    with pytest.raises(ImportFileError) as caught:
        read_table("v.csv", content)
    assert str(caught.value) == (
        "Rad 2 går inte att läsa (en cell är längre än 131 072 tecken). Rätta raden eller "
        "spara filen på nytt som CSV och försök igen."
    )


@pytest.mark.parametrize(
    ("message", "reason"),
    [
        ("field larger than field limit (131072)", "en cell är längre än 131 072 tecken"),
        ("line contains NUL", "den innehåller binära data"),
        ("unexpected end of data", "felaktiga citattecken eller radbrytningar"),
    ],
)
def test_each_csv_error_gets_a_reason_in_swedish(message, reason):
    assert imports._csv_reason(csv.Error(message)) == reason


def test_reading_stops_two_rows_past_the_limit_so_parse_can_refuse_the_file():
    rows = [["kommun", "nyckeltal", "period", "värde"]] + [["Ale", "x", "2026", "1"]] * 6000
    content = "\n".join(";".join(r) for r in rows).encode()
    assert len(read_table("v.csv", content).rows) == imports.MAX_ROWS + 2
    assert len(read_table("v.xlsx", workbook_bytes(rows)).rows) == imports.MAX_ROWS + 2


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
    assert read_table("v.csv", content).rows[0] == first_row


# --- reading Excel ------------------------------------------------------------------------


def test_excel_cells_become_the_text_a_user_would_type():
    content = workbook_bytes(
        [
            ["Kommun", "Värde", "Period"],
            ["Ale", 4.0, datetime(2026, 3, 1)],
            [" Tjörn ", 2.5, datetime(2026, 12, 1)],
            ["Kungälv", None, datetime(2026, 3, 15)],
            ["Stenungsund", 7, 2026],
        ]
    )
    table = read_table("samsa.XLSX", content)
    assert table.delimiter == ""
    # read-only openpyxl pads every row to the columns read; the padding is empty text
    assert all(cell == "" for row in table.rows for cell in row[3:])
    assert [row[:3] for row in table.rows] == (
        [
            ["Kommun", "Värde", "Period"],
            ["Ale", "4", "2026-03"],
            ["Tjörn", "2.5", "2026-12-01"],
            ["Kungälv", "", "2026-03-15"],
            ["Stenungsund", "7", "2026"],
        ]
    )


def test_excel_reads_at_most_fifty_columns():
    content = workbook_bytes([[f"k{i}" for i in range(60)]])
    assert read_table("v.xlsx", content).rows == [[f"k{i}" for i in range(imports.MAX_COLUMNS)]]


@pytest.mark.parametrize(
    "content", [b"PK\x03\x04 not really a workbook", b"", b"kommun;v\xc3\xa4rde\n"]
)
def test_an_unreadable_excel_file_says_so(content):
    """A broken archive, or text named .xlsx: a message, not a server error."""
    with pytest.raises(ImportFileError) as caught:
        read_table("v.xlsx", content)
    assert str(caught.value) == UNREADABLE_EXCEL


def test_excel_formulas_are_read_as_their_values_not_their_text():
    content = workbook_bytes([["kommun", "värde"], ["Ale", "=1+1"]])
    assert read_table("v.xlsx", content).rows[1][:2] == ["Ale", ""]  # no cached value: nothing


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (4.0, "4"),
        (4.5, "4.5"),
        (0.1 + 0.2, "0.30000000000000004"),  # repr: every digit Excel stored
        (-3.0, "-3"),
        (float("nan"), "nan"),
        (float("inf"), "inf"),
        (float("-inf"), "-inf"),
        (7, "7"),
        (" Ale ", "Ale"),
        (True, "True"),
        (date(2026, 3, 1), "2026-03"),  # the first of a month is the month
        (date(2026, 12, 1), "2026-12-01"),  # ... except December: a rolling 12-month as-of date
        (datetime(2026, 1, 1, 0, 0), "2026-01"),
        (date(2026, 3, 2), "2026-03-02"),
        (datetime(2026, 11, 30, 8, 15), "2026-11-30"),
    ],
)
def test_an_excel_cell_becomes_the_text_a_user_would_type(value, text):
    assert imports._cell_text(value) == text


# --- the upload check the import view runs before reading ---------------------------------


@pytest.mark.parametrize("name", ["v.txt", "v.xls", "csv", "v.csv.exe", "v.csvx"])
def test_other_file_types_are_refused_word_for_word(name):
    refusal = _refusal(name, b"a;b\n")
    assert refusal.code == "file_type"
    assert refusal.messages == [f"Filen {name} har fel filtyp. Tillåtna filtyper: .csv, .xlsx."]


@pytest.mark.parametrize("name", ["v.csv", "V.CSV", "mapp/värden.Csv"])
def test_csv_files_of_any_case_are_accepted(name):
    assert _accepted(name, b"kommun;v\xc3\xa4rde\n")


def test_a_file_at_the_limit_is_accepted_and_read_and_one_byte_more_is_refused():
    at_limit = b"a;b\n" * (imports.MAX_BYTES // 4)
    assert len(at_limit) == imports.MAX_BYTES == 2 * 1024 * 1024
    assert _accepted("v.csv", at_limit)
    assert len(read_table("v.csv", at_limit).rows) == imports.MAX_ROWS + 2
    assert _refusal("v.csv", at_limit + b"a").code == "too_large"


def test_a_file_over_the_limit_is_refused_word_for_word():
    refusal = _refusal("stor.csv", b"a;b\n" * (3 * 1024 * 1024 // 4))
    assert refusal.messages == [
        "Filen stor.csv är 3,0\xa0MB, men högst 2,0\xa0MB tas emot. Dela upp filen eller ta "
        "bort det som inte behövs."
    ]


def test_an_empty_file_is_refused_word_for_word():
    assert _refusal("tom.csv", b"").messages == ["Filen tom.csv är tom. Välj filen med innehållet."]


def test_a_workbook_that_is_not_a_zip_archive_is_refused_before_reading():
    refusal = _refusal("v.xlsx", b"kommun;v\xc3\xa4rde\n")
    assert refusal.messages == [
        "Innehållet i v.xlsx är inte en .xlsx-fil, trots namnet. Spara filen på nytt i rätt "
        "format och försök igen."
    ]
    assert _accepted("v.xlsx", workbook_bytes([["kommun"]]))


def test_binary_content_named_csv_is_refused_and_utf16_text_is_left_to_the_reader():
    assert _refusal("v.csv", b"a;b\x00c\n").code == "content"
    assert _accepted("v.csv", "kommun;3\n".encode("utf-16"))


# --- the header and period codes ----------------------------------------------------------


def test_the_header_finds_columns_in_any_order_and_case():
    header = imports._header([" Värde", "KOMMUN", "x", "Period", "Nyckeltal", "kommentar"])
    assert header == {"value": 0, "unit": 1, "period": 3, "figure": 4, "comment": 5}


def test_the_header_knows_every_spelling():
    header = imports._header(["enhet", "nyckeltal", "period", "varde", "taljare", "namnare"])
    assert header == {
        "unit": 0, "figure": 1, "period": 2, "value": 3, "numerator": 4, "denominator": 5
    }  # fmt: skip
    header = imports._header(["kommun", "nyckeltal", "period", "värde", "täljare", "nämnare"])
    assert header["numerator"] == 4 and header["denominator"] == 5


def test_the_first_of_two_columns_for_the_same_field_counts():
    assert imports._header(["kommun", "enhet", "nyckeltal", "period", "varde"])["unit"] == 0


def test_a_missing_column_is_named_in_swedish():
    with pytest.raises(ImportFileError) as caught:
        imports._header(["kommun", "period"])
    assert str(caught.value) == (
        "Första raden ska ha kolumnerna kommun, nyckeltal, period och värde "
        "(saknas: nyckeltal, värde)."
    )
    with pytest.raises(ImportFileError) as caught:
        imports._header([])
    assert str(caught.value) == (
        "Första raden ska ha kolumnerna kommun, nyckeltal, period och värde "
        "(saknas: kommun, nyckeltal, period, värde)."
    )


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
    "text",
    ["", "26", "2026-H3", "2026-13", "2026-00", "2026-02-30", "H1-2026", "2026-1-1", "x",
     "2026-H1x", "x2026", "2026-123"],
)  # fmt: skip
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


def test_short_cuts_long_text_with_an_ellipsis():
    assert imports._short(" Ale ") == "Ale"
    assert imports._short("x" * 60) == "x" * 60
    assert imports._short("x" * 61) == "x" * 59 + "…"
    assert imports._short("abcdef", limit=4) == "abc…"


# --- a decimal comma in a comma-separated file ----------------------------------------------

COLUMNS = {"unit": 0, "figure": 1, "period": 2, "value": 3, "comment": 4}
FRACTION = {"unit": 0, "figure": 1, "period": 2, "value": 3, "numerator": 4, "denominator": 5}


def _comma(cells, columns=COLUMNS, delimiter=","):
    header = [""] * (max(columns.values()) + 1)
    return imports._ambiguous_comma(cells, columns, Table([header], delimiter))


def test_a_value_split_by_a_decimal_comma_is_refused_naming_both_halves():
    assert _comma(["Ale", "X", "2026", "0", "7"]) == (
        "Värdet ”0” följs av ”7” i nästa kolumn: filen är kommaseparerad, så ett decimalkomma "
        "delar talet i två. Sätt talet inom citattecken (”0,7”), skriv det med punkt (0.7) "
        "eller spara filen med semikolon som avgränsare."
    )


def test_a_split_value_is_found_when_the_value_is_the_last_column():
    columns = {"unit": 0, "figure": 1, "period": 2, "value": 3}
    assert _comma(["Ale", "X", "2026", "12", "5"], columns).startswith("Värdet ”12” följs av ”5”")


def test_a_split_value_before_a_numerator_without_denominator_is_refused():
    assert _comma(["Ale", "X", "2026", "0", "7", ""], FRACTION).startswith("Värdet ”0”")
    columns = {"unit": 0, "figure": 1, "period": 2, "value": 3, "numerator": 4}
    assert _comma(["Ale", "X", "2026", "0", "7"], columns).startswith("Värdet ”0”")


def test_a_real_fraction_is_not_taken_for_a_decimal_comma():
    assert _comma(["Ale", "X", "2026", "50", "1", "2"], FRACTION) == ""


@pytest.mark.parametrize(
    "cells",
    [
        ["Ale", "X", "2026", "0.5", "7"],  # the value is not a whole number
        ["Ale", "X", "2026", "3", "från SAMSA"],  # a comment that starts with a letter
        ["Ale", "X", "2026", "3", ""],
        ["Ale", "X", "2026", "", "7"],
    ],
)
def test_a_row_that_cannot_be_a_split_number_passes(cells):
    assert _comma(cells) == ""


def test_a_split_value_before_another_column_is_not_guessed():
    columns = {"unit": 0, "figure": 1, "period": 2, "value": 3, "unit2": 4}
    assert _comma(["Ale", "X", "2026", "0", "7"], columns) == ""


def test_extra_cells_in_a_comma_file_are_refused():
    assert _comma(["Ale", "X", "2026", "3", "från SAMSA", " ja"]) == (
        "Raden har fler celler än rubrikraden: i en kommaseparerad fil delar ett decimalkomma "
        "eller ett kommatecken i en kommentar raden. Sätt kommentaren inom citattecken. "
        "Sätt talet inom citattecken (”0,7”), skriv det med punkt (0.7) eller spara filen med "
        "semikolon som avgränsare."
    )
    assert _comma(["Ale", "X", "2026", "3", "från SAMSA", " "]) == ""  # empty extras are fine


@pytest.mark.parametrize("delimiter", [";", "\t", ""])
def test_other_delimiters_have_no_decimal_comma_problem(delimiter):
    assert _comma(["Ale", "X", "2026", "0", "7", "x"], delimiter=delimiter) == ""


# --- the row loop of `parse` (row checks against the database stubbed out) -------------------


@pytest.fixture
def checked(monkeypatch):
    """`parse` with the database-bound row check replaced by one that records each row."""
    rows = []

    def check(row, ctx, seen):
        rows.append(row)
        return "fel" if row.value == "fel" else ""

    monkeypatch.setattr(imports, "Context", lambda plan, user: None)
    monkeypatch.setattr(imports, "_check", check)
    return rows


def _parse(text: str):
    return imports.parse(None, None, "v.csv", text.encode())


def test_parse_reads_each_row_by_its_header_with_line_numbers(checked):
    parsed = _parse(
        "Värde;Kommun;Nyckeltal;Period;Kommentar\n"
        "3;Ale;FaR;2026;från SAMSA\n"
        ";Tjörn;FaR;2026;\n"  # nothing filled in: skipped and counted
        "\n"
        "fel;Kungälv;FaR;2026\n"  # short row: the missing comment is empty
    )
    assert [(r.line, r.unit, r.figure, r.period, r.value, r.comment) for r in parsed.rows] == [
        (2, "Ale", "FaR", "2026", "3", "från SAMSA"),
        (5, "Kungälv", "FaR", "2026", "fel", ""),
    ]
    assert parsed.blank == 2
    assert [r.error for r in parsed.rows] == ["", "fel"]
    assert parsed.bad == [parsed.rows[1]] and parsed.changed == [parsed.rows[0]]
    assert checked == parsed.rows


def test_parse_keeps_a_row_with_only_a_numerator_or_denominator(checked):
    parsed = _parse("kommun;nyckeltal;period;värde;täljare;nämnare\nA;F;2026;;;4\nA;F;2027;;5;\n")
    assert [(r.numerator, r.denominator) for r in parsed.rows] == [("", "4"), ("5", "")]
    assert parsed.blank == 0


def test_parse_reads_escaped_formulas_back_as_typed(checked):
    parsed = _parse("kommun;nyckeltal;period;värde;kommentar\nAle;'=FaR;2026;'-3;'+ok\n")
    row = parsed.rows[0]
    assert (row.figure, row.value, row.comment) == ("=FaR", "-3", "+ok")


def test_parse_refuses_a_cell_too_long_without_checking_the_row(checked):
    long = "x" * (imports.MAX_CELL + 1)
    parsed = _parse(f"kommun;nyckeltal;period;värde;kommentar\nAle;F;2026;3;{long}\n"
                    f"Ale;F;2027;3;{long[:-1]}\n")  # fmt: skip
    assert parsed.rows[0].error == "En cell är längre än 10000 tecken."
    assert parsed.rows[1].error == ""
    assert checked == [parsed.rows[1]]


def test_parse_refuses_a_split_decimal_comma_before_checking_the_row(checked):
    parsed = _parse('kommun,nyckeltal,period,värde\nAle,F,2026,0,7\nAle,F,2027,"0,7"\n')
    assert parsed.rows[0].error.startswith("Värdet ”0” följs av ”7” i nästa kolumn")
    assert parsed.rows[1].error == "" and parsed.rows[1].value == "0,7"
    assert checked == [parsed.rows[1]]


def test_parse_refuses_an_empty_file(checked):
    with pytest.raises(ImportFileError) as caught:
        _parse("")
    assert str(caught.value) == "Filen är tom."


def test_parse_refuses_a_file_without_values(checked):
    with pytest.raises(ImportFileError) as caught:
        _parse("kommun;nyckeltal;period;värde\nAle;F;2026;\n")
    assert str(caught.value) == "Filen har inga rader med värden under rubrikraden."


def test_parse_refuses_more_rows_than_the_limit_and_reads_the_limit(checked):
    header = "kommun;nyckeltal;period;värde\n"
    assert len(_parse(header + "Ale;F;2026;1\n" * imports.MAX_ROWS).rows) == imports.MAX_ROWS
    with pytest.raises(ImportFileError) as caught:
        _parse(header + "Ale;F;2026;1\n" * (imports.MAX_ROWS + 1))
    assert str(caught.value) == "Filen har fler än 5000 rader. Dela upp den."


def test_parse_names_a_missing_column(checked):
    with pytest.raises(ImportFileError, match=r"\(saknas: värde\)\.$"):
        _parse("kommun;nyckeltal;period\nAle;F;2026\n")


def test_only_changed_rows_go_to_the_session():
    rows = [imports.ImportRow(2, "Ale", "F", "2026", "3"), imports.ImportRow(3, "A", "F", "1", "")]
    rows[1].changed = False
    stored = imports.to_session(rows)
    assert [r["line"] for r in stored] == [2]
    assert stored[0]["unit"] == "Ale" and stored[0]["ids"] == {}
