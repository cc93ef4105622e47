"""Bad files an office really produces, and random ones, posted to the real import URL.

Every answer is a page with a Swedish message (200 or 422), never a server error, and nothing is
written. The corpus is made here, so the test needs no stored files; hypothesis adds random CSV
tables and random bytes. It prints how many files it tried.
"""

import io
import random
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indicators.models import Value
from tests.exports import workbook_bytes

pytestmark = pytest.mark.django_db

HEADER = ["kommun", "nyckeltal", "period", "värde", "kommentar"]
GOOD_ROW = ["Ale", "Antal förskrivna FaR", "2027", "31", "från SAMSA"]
TRIED = []


def _csv(rows, sep=";") -> str:
    return "\r\n".join(sep.join(str(c) for c in row) for row in rows) + "\r\n"


def corpus() -> list[tuple[str, bytes]]:
    rng = random.Random(11)
    good_csv = _csv([HEADER, GOOD_ROW])
    good_xlsx = workbook_bytes([HEADER, GOOD_ROW])
    noise = bytes(rng.randrange(256) for _ in range(5000))
    corrupt = bytearray(good_xlsx)
    for i in range(len(corrupt) // 3, len(corrupt) // 3 + 200):
        corrupt[i] = rng.randrange(256)
    zipped_text = io.BytesIO()
    with zipfile.ZipFile(zipped_text, "w") as archive:
        archive.writestr("[Content_Types].xml", "<not really xml")
        archive.writestr("xl/workbook.xml", "\x00\x01")
    pdf = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n" + noise[:500]
    huge = "x" * 300_000
    rows_5001 = [HEADER] + [GOOD_ROW] * 5001
    return [
        ("utf8.csv", good_csv.encode("utf-8")),
        ("utf8-bom.csv", good_csv.encode("utf-8-sig")),
        ("double-bom.csv", b"\xef\xbb\xbf" + good_csv.encode("utf-8-sig")),
        ("windows-1252.csv", good_csv.encode("cp1252")),
        ("undefined-cp1252.csv", good_csv.encode("utf-8") + b"\x81\x8d\x8f\x90\x9d\xff\xfe"),
        ("mac-roman.csv", good_csv.encode("mac_roman")),
        ("utf-16-le-bom.csv", _csv([HEADER, GOOD_ROW], "\t").encode("utf-16")),
        ("utf-16-be-bom.csv", b"\xfe\xff" + _csv([HEADER, GOOD_ROW]).encode("utf-16-be")),
        ("utf-16-no-bom.csv", good_csv.encode("utf-16-le")),
        ("utf-16-odd.csv", b"\xff\xfe" + good_csv.encode("utf-16-le")[:-1]),
        ("utf-32.csv", good_csv.encode("utf-32")),
        ("binary.csv", noise),
        ("binary-late-nul.csv", good_csv.encode() + b"a" * 5000 + b"\x00\x01\x02" + noise),
        ("random.xlsx", noise),
        ("truncated.xlsx", good_xlsx[: len(good_xlsx) // 2]),
        ("corrupt.xlsx", bytes(corrupt)),
        ("bad-members.xlsx", zipped_text.getvalue()),
        ("only-zip-header.xlsx", b"PK\x03\x04" + noise[:100]),
        ("pdf.csv", pdf),
        ("pdf.xlsx", pdf),
        ("old-excel.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + noise[:2000]),
        ("html.xlsx", b"<html><table><tr><td>kommun</td></tr></table></html>"),
        ("png.csv", b"\x89PNG\r\n\x1a\n" + noise[:300]),
        ("gzip.csv", b"\x1f\x8b\x08\x00" + noise[:300]),
        ("empty.csv", b""),
        ("only-bom.csv", b"\xef\xbb\xbf"),
        ("only-newlines.csv", b"\r\n\r\n\n"),
        ("header-only.csv", _csv([HEADER]).encode()),
        ("header-only.xlsx", workbook_bytes([HEADER])),
        ("empty.xlsx", workbook_bytes([])),
        (
            "huge-cell.csv",
            _csv([HEADER, ["Ale", "Antal förskrivna FaR", "2027", "31", huge]]).encode(),
        ),
        (
            "huge-value.csv",
            _csv([HEADER, ["Ale", "Antal förskrivna FaR", "2027", huge, ""]]).encode(),
        ),
        ("huge-unit.csv", _csv([HEADER, [huge, "x", "2027", "1", ""]]).encode()),
        (
            "huge-cell.xlsx",
            workbook_bytes([HEADER, ["Ale", "Antal förskrivna FaR", 2027, 31, huge[:32000]]]),
        ),
        ("5001-rows.csv", _csv(rows_5001).encode()),
        ("5001-rows.xlsx", workbook_bytes(rows_5001)),
        (
            "many-columns.csv",
            (";".join(HEADER + ["x"] * 20000) + "\n" + ";".join(GOOD_ROW)).encode(),
        ),
        (
            "formulas.csv",
            _csv([HEADER, ["=1+1", "@SUM(A1)", "+2027", "=31", "-cmd|calc"]]).encode(),
        ),
        (
            "formulas.xlsx",
            workbook_bytes(
                [HEADER, ["Ale", "Antal förskrivna FaR", "=2020+7", "=30+1", '=HYPERLINK("x")']]
            ),
        ),
        (
            "excel-values.xlsx",
            workbook_bytes([HEADER, ["Ale", "Antal förskrivna FaR", 2027, float("nan"), True]]),
        ),
        ("unbalanced-quote.csv", (";".join(HEADER) + '\nAle;"Antal;2027;1;\n').encode()),
        ("cr-only.csv", good_csv.replace("\r\n", "\r").encode()),
        (
            "decimal-comma.csv",
            _csv([HEADER, [*GOOD_ROW[:3], "0", "7", ""]], ",").encode(),
        ),
        ("exponent.csv", _csv([HEADER, [*GOOD_ROW[:3], "1e3", ""]]).encode()),
        ("nan.csv", _csv([HEADER, [*GOOD_ROW[:3], "NaN", ""]]).encode()),
        ("infinity.csv", _csv([HEADER, [*GOOD_ROW[:3], "-Infinity", ""]]).encode()),
        ("controls.csv", _csv([HEADER, [*GOOD_ROW[:4], "\x01\x02\x1b[31m"]]).encode()),
        ("no-extension", good_csv.encode()),
        ("../../../etc/passwd.csv", good_csv.encode()),
        ("x" * 300 + ".csv", good_csv.encode()),
        ("värden.CSV", good_csv.encode()),
        ("varden.xls", good_csv.encode()),
    ]


def post(client, name, content):
    TRIED.append(name)
    upload = SimpleUploadedFile(name, content)
    response = client.post(reverse("indicators:import"), {"file": upload})
    assert response.status_code in (200, 422), (name, response.status_code)
    text = response.content.decode()
    assert 'class="errors"' in text or "field-error" in text or "Förhandsgranskning" in text, name
    return response


def nothing_written():
    return not Value.objects.exists() and not Value.history.exists()


def test_real_world_bad_files_get_a_message_and_write_nothing(client, ale_user, found, capsys):
    client.force_login(ale_user)
    files = corpus()
    answers = {name: post(client, name, content).status_code for name, content in files}
    assert nothing_written()
    # A few that must be refused (the good ones may pass; the point is no 5xx).
    for name in ("binary.csv", "pdf.csv", "truncated.xlsx", "corrupt.xlsx", "random.xlsx",
                 "huge-cell.csv", "5001-rows.csv", "5001-rows.xlsx", "decimal-comma.csv",
                 "exponent.csv", "nan.csv", "infinity.csv", "utf-16-no-bom.csv"):  # fmt: skip
        assert answers[name] == 422, name
    assert answers["utf-16-le-bom.csv"] == answers["utf8.csv"] == 200
    with capsys.disabled():
        print(f"\nimport fuzz: {len(files)} real-world files tried, no server error")


CELL = st.one_of(
    st.sampled_from(["Ale", "1440", "Antal förskrivna FaR", "2027", "2027-H1", "2027-01", "31",
                     "0,7", "1 200", "1e3", "NaN", "ja", "=1+1", "'=1+1", "", "\u00a0", '"']),
    st.text(max_size=30),
)  # fmt: skip


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(st.lists(CELL, min_size=0, max_size=7), min_size=0, max_size=6),
    sep=st.sampled_from([";", ",", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16", "xlsx"]),
    header=st.booleans(),
)
def test_random_tables_never_give_a_server_error(client, ale_user, found, rows, sep, encoding,
                                                 header):  # fmt: skip
    client.force_login(ale_user)
    table = ([HEADER] if header else []) + rows
    if encoding == "xlsx":
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        clean = [[ILLEGAL_CHARACTERS_RE.sub("", c) for c in row] for row in table]
        post(client, "slump.xlsx", workbook_bytes(clean))
    else:
        post(client, "slump.csv", _csv(table, sep).encode(encoding, errors="replace"))
    assert nothing_written()


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    content=st.binary(max_size=3000),
    name=st.sampled_from(["slump.csv", "slump.xlsx"]),
    prefix=st.sampled_from([b"", b"PK\x03\x04", b"\xef\xbb\xbf", b"\xff\xfe", b"%PDF-"]),
)
def test_random_bytes_never_give_a_server_error(client, ale_user, found, content, name, prefix):
    client.force_login(ale_user)
    post(client, name, prefix + content)
    assert nothing_written()


def test_zz_report_how_many_files_were_tried(capsys):
    with capsys.disabled():
        print(f"\nimport fuzz: {len(TRIED)} files posted in this run")
