"""A value's history as people read it: who, when, which field, before → after."""

from plans.targets import format_value

FIELDS = [
    ("number", "Värde"),
    ("numerator", "Täljare"),
    ("denominator", "Nämnare"),
    ("yes_no", "Ja/nej"),
    ("text", "Text"),
    ("not_available", "Uppgift kan inte lämnas"),
    ("not_available_reason", "Orsak till att uppgiften inte kan lämnas"),
    ("comment", "Kommentar"),
    ("explanation", "Förklaring"),
]


def _shown(name, value, kind):
    if value is None or value == "":
        return "–"
    if name == "not_available":
        return "Ja" if value else "Nej"
    if name == "yes_no":
        return "Ja" if value else "Nej"
    if name == "number":
        return format_value(value, kind)
    if name in ("numerator", "denominator"):
        return format_value(value, "count")
    return str(value)


def describe_changes(records, figures: dict) -> list[dict]:
    """`records`: historical Value rows ordered by figure and time. One entry per saved version."""
    result = []
    previous = {}
    for record in records:
        kf = figures.get(record.key_figure_id)
        if kf is None:
            continue
        kind = kf.value_kind
        before = previous.get(record.key_figure_id)
        fields = []
        for name, label in FIELDS:
            after_value = getattr(record, name)
            before_value = getattr(before, name) if before is not None else None
            if before is None and after_value in (None, "", False):
                continue
            if before is not None and before_value == after_value:
                continue
            fields.append(
                {
                    "label": label,
                    "before": _shown(name, before_value, kind) if before is not None else "–",
                    "after": _shown(name, after_value, kind),
                }
            )
        result.append(
            {
                "figure": kf,
                "at": record.history_date,
                "by": record.history_user,
                "kind": {"+": "Skapat", "~": "Ändrat", "-": "Borttaget"}[record.history_type],
                "version": record.version,
                "fields": fields,
            }
        )
        previous[record.key_figure_id] = record
    return result
