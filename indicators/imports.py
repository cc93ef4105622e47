"""Import of values from a CSV or Excel file (e.g. SAMSA's monthly SIP statistics).

Two steps: `parse` reads the file and checks every row (line number and reason in Swedish for each
bad one) without writing; `write` saves all rows in one transaction, and only when every row is
valid and no value changed since the preview.
"""

import csv
import io
import re
import zipfile
from dataclasses import asdict, dataclass, field
from datetime import date

from django.db import transaction

from accounts import roles
from indicators import workflow
from indicators.entry import StaleSave
from indicators.forms import ValueForm
from indicators.models import Submission, Value
from indicators.reporting import obligations
from indicators.services import actor_for, today
from indicators.targets import ValueKind, format_value

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
EXTENSIONS = (".csv", ".xlsx")
COLUMNS = {
    "kommun": "unit",
    "enhet": "unit",
    "nyckeltal": "figure",
    "period": "period",
    "värde": "value",
    "varde": "value",
    "kommentar": "comment",
}
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
    error: str = ""
    figure_name: str = ""
    period_label: str = ""
    shown: str = ""
    before: str = ""
    ids: dict = field(default_factory=dict)


def read_table(name: str, content: bytes) -> list[list[str]]:
    lower = name.lower()
    if not lower.endswith(EXTENSIONS):
        raise ImportFileError("Filen måste vara en CSV-fil (.csv) eller en Excel-fil (.xlsx).")
    if len(content) > MAX_BYTES:
        raise ImportFileError("Filen är större än 2 MB. Dela upp den i flera filer.")
    if lower.endswith(".xlsx"):
        return _read_xlsx(content)
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252")
    delimiter = (
        ";" if text.split("\n", 1)[0].count(";") >= text.split("\n", 1)[0].count(",") else ","
    )
    return [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _read_xlsx(content: bytes) -> list[list[str]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (InvalidFileException, KeyError, OSError, ValueError, zipfile.BadZipFile) as error:
        raise ImportFileError(
            "Excel-filen gick inte att läsa. Spara den som .xlsx och försök igen."
        ) from error
    sheet = book.worksheets[0]
    rows = []
    for values in sheet.iter_rows(values_only=True):
        rows.append(["" if v is None else _cell_text(v) for v in values])
    book.close()
    return rows


def _cell_text(value) -> str:
    if isinstance(value, date):
        return (
            value.strftime("%Y-%m-%d")
            if value.day != 1 or value.month == 12
            else value.strftime("%Y-%m")
        )
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


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
        return f"Okänd kommun ”{row.unit}”."
    if not roles.can_report_for(ctx.user, unit):
        return f"Du får inte rapportera för {unit.name}."
    kf = ctx.figures.get(row.figure.strip().lower())
    if kf is None:
        return (
            f"Okänt nyckeltal ”{row.figure}”. Skriv nyckeltalets namn som i planen eller dess id."
        )
    key = _period_key(row.period)
    period = ctx.periods.get(key) if key else None
    if period is None or key[0] != kf.frequency:
        return (
            f"Perioden ”{row.period}” passar inte nyckeltalet, som mäts per "
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


def _check_value(row, ctx, kf, unit, period) -> str:
    text = row.value.strip()
    if not text:
        return "Värde saknas. Ange värdet, eller lämna raden utanför filen."
    field = {ValueKind.YES_NO: "yes_no", ValueKind.TEXT: "text"}.get(kf.value_kind, "number")
    existing = ctx.values.get((kf.pk, unit.pk, period.pk))
    data = {f"x-{field}": text.lower() if field == "yes_no" else text}
    data["x-comment"] = row.comment or (existing.comment if existing else "")
    if existing:
        data["x-explanation"] = existing.explanation
    form = ValueForm(data, prefix="x", key_figure=kf, value=existing)
    if not form.is_valid():
        messages = [m for errors in form.errors.values() for m in errors]
        return " ".join(messages).replace("Välj ett giltigt alternativ.", "Skriv ja eller nej.")
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


def parse(plan, user, name: str, content: bytes) -> list[ImportRow]:
    table = [r for r in read_table(name, content)]
    if not table:
        raise ImportFileError("Filen är tom.")
    columns = _header(table[0])
    if len(table) - 1 > MAX_ROWS:
        raise ImportFileError(f"Filen har fler än {MAX_ROWS} rader. Dela upp den.")
    ctx = Context(plan, user)
    rows, seen = [], set()
    for line, cells in enumerate(table[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        cells = cells + [""] * (max(columns.values()) + 1 - len(cells))
        row = ImportRow(line=line, **{key: cells[index] for key, index in columns.items()})
        row.error = _check(row, ctx, seen)
        rows.append(row)
    if not rows:
        raise ImportFileError("Filen har inga rader med värden under rubrikraden.")
    return rows


def to_session(rows: list[ImportRow]) -> list[dict]:
    return [asdict(r) for r in rows]


@transaction.atomic
def write(plan, user, stored: list[dict]) -> int:
    """Re-check every stored row against the database now, then save all or nothing."""
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
    for row in rows:
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
        field = {ValueKind.YES_NO: "yes_no", ValueKind.TEXT: "text"}.get(kf.value_kind, "number")
        text = row.value.strip()
        data = {
            f"x-{field}": text.lower() if field == "yes_no" else text,
            "x-comment": row.comment or value.comment,
            "x-explanation": value.explanation,
        }
        form = ValueForm(data, prefix="x", key_figure=kf, value=None)
        form.is_valid()
        form.apply_to(value)
        value.version += 1
        value.updated_by = user
        value.save()
    return len(rows)


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
    """A ready-to-fill file: one row per figure the user may still enter for `year`."""
    ctx = Context(plan, user)
    rows = [["kommun", "nyckeltal", "period", "värde", "kommentar"]]
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
                shown = ""
                if existing is not None and existing.raw is not None:
                    shown = format_value(existing.raw, kf.value_kind).split(" ")[0]
                    shown = shown.replace("−", "-")
                rows.append([unit.name, kf.name, period_code(period), shown, ""])
    return rows


# pragma: no mutate end
