"""Every CSV/Excel download of a table goes through `table_response` (one place to change how
files are written: delimiter, escaping, encoding)."""

import tablib
from django.http import HttpResponse

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def table_response(filename: str, fmt: str, header: list, rows) -> HttpResponse:
    """A download of `header` + `rows` as `fmt` ("csv" or "xlsx") named `filename`."""
    data = tablib.Dataset(*[list(r) for r in rows], headers=list(header))
    body = data.export(fmt)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def table_values(table) -> tuple[list, list]:
    """A django-tables2 table's export values as (header, rows)."""
    values = list(table.as_values())
    return values[0], values[1:]
