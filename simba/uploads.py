"""One check for every uploaded file (imports): size, type by name, and type by content.

    validate_upload(request.FILES["fil"], allowed_extensions=["xlsx", "csv"])

raises django.core.exceptions.ValidationError with a Swedish message that says what to fix;
the file is left unread past its first bytes and rewound, ready for the importer.
"""

from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

# What the first bytes of a file of each kind look like. xlsx is a ZIP archive.
_ZIP = (b"PK\x03\x04",)
SIGNATURES: dict[str, tuple[bytes, ...]] = {"xlsx": _ZIP, "zip": _ZIP, "pdf": (b"%PDF-",)}
TEXT_KINDS = {"csv", "txt", "tsv", "json"}


def validate_upload(file, allowed_extensions, max_bytes: int | None = None) -> None:
    allowed = [ext.lower().lstrip(".") for ext in allowed_extensions]
    max_bytes = settings.UPLOAD_MAX_BYTES if max_bytes is None else max_bytes
    name = PurePath(file.name or "").name
    extension = PurePath(name).suffix.lower().lstrip(".")
    if extension not in allowed:
        raise ValidationError(
            "Filen %(name)s har fel filtyp. Tillåtna filtyper: %(allowed)s.",
            code="file_type",
            params={"name": name or "utan namn", "allowed": ", ".join(f".{e}" for e in allowed)},
        )
    if file.size == 0:
        raise ValidationError(
            "Filen %(name)s är tom. Välj filen med innehållet.", code="empty", params={"name": name}
        )
    if file.size > max_bytes:
        raise ValidationError(
            "Filen %(name)s är %(size)s, men högst %(max)s tas emot. Dela upp filen eller ta bort "
            "det som inte behövs.",
            code="too_large",
            params={"name": name, **_sizes(file.size, max_bytes)},
        )
    if not _content_matches(file, extension):
        raise ValidationError(
            "Innehållet i %(name)s är inte en .%(ext)s-fil, trots namnet. Spara filen på nytt i "
            "rätt format och försök igen.",
            code="content",
            params={"name": name, "ext": extension},
        )


def _content_matches(file, extension: str) -> bool:
    file.seek(0)
    head = file.read(4096)
    file.seek(0)
    if extension in SIGNATURES:
        return head.startswith(SIGNATURES[extension])
    if extension in TEXT_KINDS:
        return _looks_like_text(head)
    return True


def _looks_like_text(head: bytes) -> bool:
    """UTF-8 (with or without BOM) or Windows-1252 text, as Excel saves CSV: no NUL bytes;
    or UTF-16 with its byte-order mark (Excel's "Unicode-text")."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True  # the importer decodes it and says so if it is not really text
    return b"\x00" not in head


def _sizes(size: int, max_bytes: int) -> dict[str, str]:
    """Both sizes readable, and visibly different: a file just over the limit would read
    "2,0 MB, men högst 2,0 MB" in MB, so then both are given in bytes."""
    if filesizeformat(size) != filesizeformat(max_bytes):
        return {"size": filesizeformat(size), "max": filesizeformat(max_bytes)}
    return {"size": f"{size:,} byte".replace(",", "\u00a0"),
            "max": f"{max_bytes:,} byte".replace(",", "\u00a0")}  # fmt: skip
