"""Import of values from a CSV or Excel file (e.g. SAMSA's monthly SIP statistics).

Two steps: `parse` reads the file and checks every row (line number and reason in Swedish for each
bad one) without writing; `write` saves all rows in one transaction, and only when every row is
valid and no value changed since the preview. Rows whose value equals what is saved are shown as
unchanged and not written (the template downloaded and uploaded unchanged writes nothing); rows
without a value are skipped and counted.

The file itself is checked by `simba.uploads.validate_upload` in the view (size, type, content);
whatever a malformed file does inside the readers ends as an `ImportFileError` with a Swedish
message, never as a server error.
"""

import copy
import csv
import io
import re
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.db import transaction

from accounts import roles
from indicators import workflow
from indicators.entry import StaleSave
from indicators.forms import ValueForm
from indicators.models import Submission, Value
from indicators.numbers import parse_number
from indicators.reporting import obligations
from indicators.services import actor_for, today
from plans.targets import ValueKind, format_number, format_value
from simba.spreadsheets import unescape_formula

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
MAX_COLUMNS = 50
MAX_CELL = 10_000  # characters; a value or comment holds at most 2 000
EXTENSIONS = ("csv", "xlsx")
COLUMNS = {
    "kommun": "unit",
    "enhet": "unit",
    "nyckeltal": "figure",
    "period": "period",
    "värde": "value",
    "varde": "value",
    "kommentar": "comment",
    "täljare": "numerator",
    "taljare": "numerator",
    "nämnare": "denominator",
    "namnare": "denominator",
}
HEADER = ["kommun", "nyckeltal", "period", "värde", "täljare", "nämnare", "kommentar"]
REQUIRED = ("unit", "figure", "period", "value")


class ImportFileError(Exception):
    """The file as a whole cannot be read; the message says what to fix."""


@dataclass
class ImportRow:
    line: int
    unit: str
    figure: str
    period: str
    value: str
    comment: str = ""
    numerator: str = ""
    denominator: str = ""
    error: str = ""
    changed: bool = True
    figure_name: str = ""
    period_label: str = ""
    shown: str = ""
    before: str = ""
    ids: dict = field(default_factory=dict)


@dataclass
class Table:
    rows: list[list[str]]
    delimiter: str = ""  # "" for Excel


def read_table(name: str, content: bytes) -> Table:
    """The file's cells as text. Every way a file can be broken ends in `ImportFileError`."""
    if name.lower().endswith(".xlsx"):
        return Table(_read_xlsx(content))
    return _read_csv(content)


def _decode(content: bytes) -> str:
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ["utf-16"]
    else:
        encodings = ["utf-8-sig", "cp1252"]
    for encoding in encodings:
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text
    raise ImportFileError(
        "Filen går inte att läsa som text. Spara den i Excel som ”CSV UTF-8 (kommaavgränsad)” "
        "eller som Excel-arbetsbok (.xlsx) och försök igen."
    )


def _read_csv(content: bytes) -> Table:
    text = _decode(content)
    first = text.split("\n", 1)[0]
    delimiter = max((";", "\t", ","), key=first.count) if first.strip() else ";"
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = []
    try:
        for cells in reader:
            if len(rows) > MAX_ROWS + 1:
                break
            rows.append(cells)
    except csv.Error as error:
        raise ImportFileError(
            f"Rad {reader.line_num} går inte att läsa ({_csv_reason(error)}). Rätta raden eller "
            "spara filen på nytt som CSV och försök igen."
        ) from error
    return Table(rows, delimiter)


def _csv_reason(error) -> str:
    text = str(error)
    if "field larger than field limit" in text:
        return f"en cell är längre än {csv.field_size_limit():,} tecken".replace(",", " ")
    if "NUL" in text:
        return "den innehåller binära data"
    return "felaktiga citattecken eller radbrytningar"


def _read_xlsx(content: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    rows = []
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            for values in sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS):
                if len(rows) > MAX_ROWS + 1:
                    break
                rows.append(["" if v is None else _cell_text(v) for v in values])
        finally:
            book.close()
    except ImportFileError:
        raise
    except Exception as error:  # a broken archive fails in many ways (zip, XML, zlib)
        raise ImportFileError(
            "Excel-filen gick inte att läsa: den är skadad, ofullständig eller inte en riktig "
            ".xlsx-fil. Öppna den i Excel, spara som Excel-arbetsbok (.xlsx) och försök igen."
        ) from error
    return rows


def _cell_text(value) -> str:
    if isinstance(value, datetime | date):
        return (
            value.strftime("%Y-%m-%d")
            if value.day != 1 or value.month == 12
            else value.strftime("%Y-%m")
        )
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return str(value)
        if value.is_integer():
            return str(int(value))
        return repr(value)
    return str(value).strip()


def _short(text, limit: int = 60) -> str:
    text = str(text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _header(row) -> dict[str, int]:
    found = {}
    for index, cell in enumerate(row):
        key = COLUMNS.get(cell.strip().lower())
        if key and key not in found:
            found[key] = index
    missing = [name for name in REQUIRED if name not in found]
    if missing:
        names = {"unit": "kommun", "figure": "nyckeltal", "period": "period", "value": "värde"}
        raise ImportFileError(
            "Första raden ska ha kolumnerna kommun, nyckeltal, period och värde "
            f"(saknas: {', '.join(names[m] for m in missing)})."
        )
    return found


PERIOD_PATTERNS = [
    (re.compile(r"^(\d{4})$"), "year"),
    (re.compile(r"^(\d{4})-H([12])$", re.I), "half_year"),
    (re.compile(r"^(\d{4})-(\d{1,2})$"), "month"),
    (re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"), "rolling_12_months"),
]


def _period_key(text: str):
    """(kind, start-or-end date) from "2026", "2026-H1", "2026-03" or "2026-12-01" (as-of)."""
    for pattern, kind in PERIOD_PATTERNS:
        match = pattern.match(text.strip())
        if not match:
            continue
        parts = [int(g) for g in match.groups()]
        try:
            if kind == "year":
                return kind, date(parts[0], 1, 1)
            if kind == "half_year":
                return kind, date(parts[0], 1 if parts[1] == 1 else 7, 1)
            if kind == "month":
                return kind, date(parts[0], parts[1], 1)
            return kind, date(*parts)
        except ValueError:
            return None
    return None


# pragma: no mutate start (database-bound: tested through HTTP, test_import_http.py)
class Context:
    """Everything the row checks look up, loaded once."""

    def __init__(self, plan, user):
        self.user = user
        self.found = obligations(plan)
        self.units = {}
        for unit in self.found.units:
            self.units[unit.name.lower()] = unit
            self.units[unit.code.lower()] = unit
        self.figures = {}
        for kf in self.found.figures:
            self.figures[str(kf.pk)] = kf
            self.figures[kf.name.lower()] = kf
        self.periods = {}
        for p in self.found.periods:
            self.periods[(p.kind, p.start)] = p
            if p.kind == "rolling_12_months":
                self.periods[(p.kind, p.end)] = p
        self.submissions = {
            (s.org_unit_id, s.period_id): s
            for s in Submission.objects.filter(period__in=self.found.periods)
        }
        self.values = {
            (v.key_figure_id, v.org_unit_id, v.period_id): v
            for v in Value.objects.filter(period__in=self.found.periods)
        }


def _check(row: ImportRow, ctx: Context, seen: set) -> str:
    unit = ctx.units.get(row.unit.strip().lower())
    if unit is None:
        return f"Okänd kommun ”{_short(row.unit)}”."
    if not roles.can_report_for(ctx.user, unit):
        return f"Du får inte rapportera för {unit.name}."
    kf = ctx.figures.get(row.figure.strip().lower())
    if kf is None:
        return (
            f"Okänt nyckeltal ”{_short(row.figure)}”. "
            "Skriv nyckeltalets namn som i planen eller dess id."
        )
    key = _period_key(row.period)
    period = ctx.periods.get(key) if key else None
    if period is None or key[0] != kf.frequency:
        return (
            f"Perioden ”{_short(row.period)}” passar inte nyckeltalet, som mäts per "
            f"{kf.get_frequency_display().lower()} (t.ex. 2026, 2026-H1, 2026-03 eller 2026-12-01)."
        )
    if kf not in ctx.found.figures_for(unit, period):
        return f"{unit.name} rapporterar inte det här nyckeltalet."
    if (kf.pk, unit.pk, period.pk) in seen:
        return "Samma nyckeltal, kommun och period finns på en tidigare rad."
    seen.add((kf.pk, unit.pk, period.pk))
    submission = ctx.submissions.get((unit.pk, period.pk))
    status = submission.status if submission else workflow.DRAFT
    actor = actor_for(ctx.user, unit)
    if not workflow.can_edit(status, period.deadline, today(), actor):
        return workflow.lock_reason(status, period.deadline, today(), actor)
    return _check_value(row, ctx, kf, unit, period)


FIELDS = {ValueKind.YES_NO: "yes_no", ValueKind.TEXT: "text"}
COMPARED = ("number", "numerator", "denominator", "yes_no", "text", "comment", "not_available")


def _form_data(row, kf, existing) -> dict:
    """The row as the entry grid's form would receive it (the same validation rules)."""
    field = FIELDS.get(kf.value_kind, "number")
    text = row.value.strip()
    data = {f"x-{field}": text.lower() if field == "yes_no" else text}
    if kf.has_fraction and kf.value_kind == ValueKind.PERCENTAGE:
        data["x-numerator"] = row.numerator.strip()
        data["x-denominator"] = row.denominator.strip()
    data["x-comment"] = row.comment or (existing.comment if existing else "")
    data["x-explanation"] = existing.explanation if existing else ""
    return data


def _check_value(row, ctx, kf, unit, period) -> str:
    has_parts = kf.has_fraction and kf.value_kind == ValueKind.PERCENTAGE
    if not has_parts and (row.numerator.strip() or row.denominator.strip()):
        return "Nyckeltalet har ingen täljare och nämnare. Lämna de kolumnerna tomma."
    existing = ctx.values.get((kf.pk, unit.pk, period.pk))
    form = ValueForm(_form_data(row, kf, existing), prefix="x", key_figure=kf, value=existing)
    if not form.is_valid():
        messages = [m for errors in form.errors.values() for m in errors]
        return " ".join(messages).replace("Välj ett giltigt alternativ.", "Skriv ja eller nej.")
    if has_parts and row.value.strip() and form.cleaned_data.get("numerator") is not None:
        typed = parse_number(row.value)
        if abs(typed - form.cleaned_data["number"]) >= Decimal("0.1"):
            share = format_value(form.cleaned_data["number"], ValueKind.PERCENTAGE)
            return (
                f"Värdet {format_number(typed)} stämmer inte med täljaren och nämnaren "
                f"({share}). Ändra täljare och nämnare, eller lämna värdet tomt så räknas det ut."
            )
    candidate = copy.copy(existing) if existing else Value(key_figure=kf)
    form.apply_to(candidate)
    row.changed = existing is None or any(
        getattr(candidate, name) != getattr(existing, name) for name in COMPARED
    )
    row.figure_name = kf.name
    row.period_label = period.label
    row.shown = format_value(form.raw(), kf.value_kind)
    row.before = format_value(existing.raw, kf.value_kind) if existing else "–"
    row.ids = {
        "figure": kf.pk,
        "unit": unit.pk,
        "period": period.pk,
        "version": existing.version if existing else 0,
    }
    return ""


@dataclass
class Parsed:
    rows: list[ImportRow]
    blank: int = 0

    @property
    def bad(self) -> list[ImportRow]:
        return [r for r in self.rows if r.error]

    @property
    def changed(self) -> list[ImportRow]:
        return [r for r in self.rows if r.changed and not r.error]


def _ambiguous_comma(cells, columns, table) -> str:
    """A decimal comma in a comma-separated file splits the number into two cells."""
    if table.delimiter != ",":
        return ""
    extra = [c for c in cells[len(table.rows[0]) :] if c.strip()]
    value = cells[columns["value"]].strip()
    after = cells[columns["value"] + 1].strip() if columns["value"] + 1 < len(cells) else ""
    next_column = {i: key for key, i in columns.items()}.get(columns["value"] + 1)
    # "0,7" read as value 0 and 7 in the next column: a comment (or a numerator without its
    # denominator, which no real fraction has) that starts with a digit right after a whole number.
    split = (
        value.isdigit()
        and after[:1].isdigit()
        and (
            next_column in (None, "comment")
            or (
                next_column == "numerator"
                and ("denominator" not in columns or not cells[columns["denominator"]].strip())
            )
        )
    )
    fix = (
        "Sätt talet inom citattecken (”0,7”), skriv det med punkt (0.7) eller spara filen med "
        "semikolon som avgränsare."
    )
    if split:
        return (
            f"Värdet ”{_short(value)}” följs av ”{_short(after)}” i nästa kolumn: filen är "
            f"kommaseparerad, så ett decimalkomma delar talet i två. {fix}"
        )
    if extra:
        return (
            "Raden har fler celler än rubrikraden: i en kommaseparerad fil delar ett "
            "decimalkomma eller ett kommatecken i en kommentar raden. Sätt kommentaren inom "
            f"citattecken. {fix}"
        )
    return ""


def parse(plan, user, name: str, content: bytes) -> Parsed:
    table = read_table(name, content)
    if not table.rows:
        raise ImportFileError("Filen är tom.")
    columns = _header(table.rows[0])
    if len(table.rows) - 1 > MAX_ROWS:
        raise ImportFileError(f"Filen har fler än {MAX_ROWS} rader. Dela upp den.")
    ctx = Context(plan, user)
    parsed, seen = Parsed([]), set()
    width = max(len(table.rows[0]), max(columns.values()) + 1)
    for line, cells in enumerate(table.rows[1:], start=2):
        cells = [unescape_formula(c) for c in cells] + [""] * (width - len(cells))
        row = ImportRow(line=line, **{key: cells[index] for key, index in columns.items()})
        if not any(v.strip() for v in (row.value, row.numerator, row.denominator)):
            parsed.blank += 1  # an empty line, or a template row nobody filled in
            continue
        if any(len(c) > MAX_CELL for c in cells):
            row.error = f"En cell är längre än {MAX_CELL} tecken."
        else:
            row.error = _ambiguous_comma(cells, columns, table) or _check(row, ctx, seen)
        parsed.rows.append(row)
    if not parsed.rows:
        raise ImportFileError("Filen har inga rader med värden under rubrikraden.")
    return parsed


def to_session(rows: list[ImportRow]) -> list[dict]:
    return [asdict(r) for r in rows if r.changed]


@transaction.atomic
def write(plan, user, stored: list[dict]) -> int:
    """Re-check every stored row against the database now, then save all or nothing.

    Only rows that change something are stored in the session and written here; a row whose
    value equals the saved one (checked again now) gets no new version and no history."""
    rows = [
        ImportRow(**{k: v for k, v in r.items() if k in ImportRow.__dataclass_fields__})
        for r in stored
    ]
    # Lock the reports written to before checking them: an approval waits, or refuses this import.
    ids = [row.ids for row in rows if row.ids]
    locked = Submission.objects.select_for_update().filter(
        org_unit_id__in={i["unit"] for i in ids}, period_id__in={i["period"] for i in ids}
    )
    list(locked.values_list("pk", flat=True))
    ctx = Context(plan, user)
    seen = set()
    for row in rows:
        version = row.ids.get("version")
        row.error = _check(row, ctx, seen)
        if row.error:
            raise ImportFileError(f"Rad {row.line}: {row.error}")
        if row.ids["version"] != version:
            raise StaleSave([row.figure_name])
    written = 0
    for row in rows:
        if not row.changed:
            continue
        kf = ctx.figures[str(row.ids["figure"])]
        unit = next(u for u in ctx.found.units if u.pk == row.ids["unit"])
        period = next(p for p in ctx.found.periods if p.pk == row.ids["period"])
        value = (
            Value.objects.select_for_update()
            .filter(key_figure=kf, org_unit=unit, period=period)
            .first()
        ) or Value(key_figure=kf, org_unit=unit, period=period, version=0)
        if value.version != row.ids["version"]:
            raise StaleSave([kf.name])
        data = _form_data(row, kf, value if value.pk else None)
        form = ValueForm(data, prefix="x", key_figure=kf, value=None)
        if not form.is_valid():  # pragma: no cover - _check ran the same form just above
            raise ImportFileError(f"Rad {row.line}: värdet gick inte att spara.")
        form.apply_to(value)
        value.version += 1
        value.updated_by = user
        value.save()
        written += 1
    return written


# pragma: no mutate end


def period_code(period) -> str:
    """The period as the import file writes it (the inverse of `_period_key`)."""
    if period.kind == "year":
        return str(period.start.year)
    if period.kind == "half_year":
        return f"{period.start.year}-H{1 if period.start.month == 1 else 2}"
    if period.kind == "month":
        return f"{period.start:%Y-%m}"
    return f"{period.end:%Y-%m-%d}"


# pragma: no mutate start (database-bound: tested through HTTP, test_import_http.py)
def template_rows(plan, user, year: int) -> list[list[str]]:
    """A ready-to-fill file: one row per figure the user may still enter for `year`, with what
    is saved now, written so that uploading it unchanged changes nothing."""
    ctx = Context(plan, user)
    rows = [HEADER]
    for unit in ctx.found.units:
        if not roles.can_report_for(user, unit):
            continue
        actor = actor_for(user, unit)
        for period in ctx.found.periods_for(unit):
            submission = ctx.submissions.get((unit.pk, period.pk))
            status = submission.status if submission else workflow.DRAFT
            if period.end.year != year or not workflow.can_edit(
                status, period.deadline, today(), actor
            ):
                continue
            for kf in ctx.found.figures_for(unit, period):
                existing = ctx.values.get((kf.pk, unit.pk, period.pk))
                rows.append([unit.name, kf.name, period_code(period), *_cells(existing, kf)])
    return rows


def _cells(value, kf) -> list[str]:
    """värde, täljare, nämnare, kommentar as the import reads them back."""
    if value is None or value.not_available:
        return ["", "", "", value.comment if value else ""]

    def number(n):
        return "" if n is None else format_number(n).replace("−", "-")

    if kf.value_kind == ValueKind.YES_NO:
        shown = {True: "ja", False: "nej"}.get(value.yes_no, "")
    elif kf.value_kind == ValueKind.TEXT:
        shown = value.text
    else:
        shown = number(value.number)
    return [shown, number(value.numerator), number(value.denominator), value.comment]


# pragma: no mutate end
