"""The upload check refuses wrong type, wrong content, empty and too large files, in Swedish."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from simba.uploads import validate_upload

XLSX_HEAD = b"PK\x03\x04" + b"\x00" * 100


def _messages(file, extensions=("xlsx", "csv"), max_bytes=1000):
    with pytest.raises(ValidationError) as caught:
        validate_upload(file, extensions, max_bytes)
    return " ".join(caught.value.messages)


def test_accepts_a_small_xlsx_and_rewinds_it():
    file = SimpleUploadedFile("Nyckeltal Ale.XLSX", XLSX_HEAD)
    validate_upload(file, ["xlsx", "csv"], 1000)
    assert file.read(4) == b"PK\x03\x04"


def test_accepts_a_csv_in_windows_1252_and_rewinds_it():
    content = "Kommun;Värde\nTjörn;3\n".encode("cp1252")
    file = SimpleUploadedFile("värden.csv", content)
    assert validate_upload(file, ["csv"], 1000) is None  # accepted: no ValidationError
    assert file.read() == content
    # The same bytes named .xlsx are refused: the check looked at the content.
    assert "är inte en .xlsx-fil" in _messages(SimpleUploadedFile("värden.xlsx", content))


def test_refuses_a_type_not_allowed_naming_the_allowed_ones():
    message = _messages(SimpleUploadedFile("virus.exe", b"MZ\x90"))
    assert "fel filtyp" in message and ".xlsx, .csv" in message


def test_refuses_a_file_whose_content_is_not_its_type():
    message = _messages(SimpleUploadedFile("data.xlsx", b"<html>not a workbook</html>"))
    assert "är inte en .xlsx-fil" in message


def test_refuses_binary_content_named_csv():
    assert "är inte en .csv-fil" in _messages(SimpleUploadedFile("data.csv", b"a\x00b"))


def test_refuses_a_file_above_the_limit_saying_both_sizes():
    message = _messages(SimpleUploadedFile("stor.csv", b"a;b\n" * 500), max_bytes=1000)
    assert "högst 1000\xa0byte" in message or "högst 1000 byte" in message
    assert "2,0\xa0kB" in message


def test_refuses_an_empty_file():
    assert "är tom" in _messages(SimpleUploadedFile("tom.csv", b""))


def test_default_limit_comes_from_settings(settings):
    settings.UPLOAD_MAX_BYTES = 10
    with pytest.raises(ValidationError, match="högst"):
        validate_upload(SimpleUploadedFile("a.csv", b"0123456789abc"), ["csv"])


def test_a_file_just_over_the_limit_is_told_in_bytes_so_the_sizes_differ():
    upload = SimpleUploadedFile("v.csv", b"a;b\n" * 256 + b"x")  # 1 025 bytes, limit 1 024
    with pytest.raises(ValidationError) as refused:
        validate_upload(upload, ["csv"], max_bytes=1024)
    assert refused.value.messages == [
        "Filen v.csv är 1\u00a0025 byte, men högst 1\u00a0024 byte tas emot. Dela upp filen eller "
        "ta bort det som inte behövs."
    ]
