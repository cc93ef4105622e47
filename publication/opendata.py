"""Open data for one published year: rows for CSV and JSON, from the published report's snapshot.

One row per key figure × unit × period. The period is the report year: the snapshot holds each
unit's value for the year, built from the year's periods by the rules in reports/snapshot.py;
`arsbasis` says how. Columns are documented in COLUMNS (shown on /insyn/data/ and in the JSON).
"""

import csv
import io
import json

from publication.adapter import public_view, value_rows

COLUMNS = [
    ("plan", "Handlingsplanens namn och period"),
    ("ar", "Året som uppföljningen gäller"),
    ("fokusomrade", "Fokusområdets nummer"),
    ("fokusomrade_rubrik", "Fokusområdets rubrik"),
    ("mal", "Målets nummer i planen, t.ex. 2:1"),
    ("mal_rubrik", "Målets rubrik"),
    ("nyckeltal", "Nyckeltalets namn"),
    ("nyckeltal_kod", "Nyckeltalets kod i planen (kan vara tom)"),
    ("enhet", "Kommun, eller hela området"),
    ("enhet_kod", "Kommunkod (SCB) för kommuner; tom för hela området"),
    ("enhetstyp", "kommun eller område"),
    ("period", "Perioden som värdet gäller (året)"),
    ("period_start", "Periodens första dag (ÅÅÅÅ-MM-DD)"),
    ("period_slut", "Periodens sista dag (ÅÅÅÅ-MM-DD)"),
    ("varde", "Värdet: tal med punkt som decimaltecken, true/false för ja/nej, annars text; "
              "tomt när värdet saknas"),
    ("visat_varde", "Värdet som det visas på webbsidan"),
    ("vardetyp", "percentage (andel i procent), count (antal), days (dagar), yes_no, text"),
    ("malvarde", "Nyckeltalets målvärde i ord"),
    ("status", "Bedömningen mot målvärdet i ord, t.ex. Uppfyllt, Ej uppfyllt, Värde saknas"),
    ("status_kod", "Bedömningen som kod"),
    ("preliminart", "true om värdet ännu inte är fastställt, annars false"),
    ("arsbasis", "Hur årets värde är framtaget (t.ex. mätt per år, per halvår eller per månad)"),
    ("tackning", "Hur stor del av årets perioder värdet bygger på, när det anges"),
    ("kalla", "Datakälla"),
]  # fmt: skip
FIELDS = [name for name, _ in COLUMNS]


def _machine_value(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def rows(publication, unit_codes: dict[str, str]) -> list[dict]:
    view = public_view(publication.report.snapshot)
    plan = view["plan"]
    plan_label = f"{plan.get('title', '')} {plan.get('period_label', '')}".strip()
    result = []
    for fa, goal, figure, row, cell in value_rows(view, publication.year):
        year = cell["year"]
        unit_code = "" if row["is_area"] else unit_codes.get(row["unit"], "")
        result.append({
            "plan": plan_label,
            "ar": publication.year,
            "fokusomrade": fa["number"],
            "fokusomrade_rubrik": fa["title"],
            "mal": goal["code"],
            "mal_rubrik": goal["title"],
            "nyckeltal": figure["name"],
            "nyckeltal_kod": figure["code"],
            "enhet": row["unit"],
            "enhet_kod": row["unit_code"] or unit_code,
            "enhetstyp": "område" if row["is_area"] else "kommun",
            "period": str(year),
            "period_start": f"{year}-01-01",
            "period_slut": f"{year}-12-31",
            "varde": cell["value"],
            "visat_varde": cell["display"],
            "vardetyp": figure["value_kind"],
            "malvarde": figure["target"],
            "status": cell["status_label"],
            "status_kod": cell["status"],
            "preliminart": not cell["final"] and not cell["missing"],
            "arsbasis": cell["basis"] or row["basis"] or figure["year_basis"],
            "tackning": cell["coverage"],
            "kalla": figure["data_source"],
        })  # fmt: skip
    return result


def to_csv(data: list[dict]) -> str:
    """UTF-8, comma-separated, header row; values as machine-readable text (see COLUMNS)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\r\n")
    writer.writeheader()
    for row in data:
        writer.writerow({k: _machine_value(v) if k in ("varde", "preliminart") else v
                         for k, v in row.items()})  # fmt: skip
    return out.getvalue()


def to_json(publication, data: list[dict], licence: str) -> str:
    snapshot = publication.report.snapshot
    document = {
        "plan": snapshot.get("plan", {}).get("title", ""),
        "planperiod": snapshot.get("plan", {}).get("period_label", ""),
        "ar": publication.year,
        "uppgifterna_hamtade": snapshot.get("taken_at", ""),
        "publicerad": publication.report.published_at.date().isoformat(),
        "licens": licence,
        "kolumner": dict(COLUMNS),
        "varden": data,
    }
    return json.dumps(document, ensure_ascii=False, indent=1)
