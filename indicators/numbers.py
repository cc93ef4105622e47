"""How a number typed by a person is read: one rule for the entry grid and the import.

Allowed: digits with a decimal comma or point ("0,8", "0.8"), a minus sign, and spaces between
thousands as Swedes write them ("1 200", also the no-break and narrow no-break space Excel and
Word put there). Refused with a message that says what is allowed: exponents ("1e3"), NaN,
infinity, more than one decimal sign, and spaces anywhere else.
"""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError

ALLOWED = (
    "Skriv ett tal med siffror, t.ex. 12, 1 200 eller 0,8. Mellanslag mellan tusental och "
    "decimalkomma (eller punkt) går bra; exponent (1e3), NaN och oändligt går inte."
)
_SPACES = "\u0020\u00a0\u202f"
_NUMBER = re.compile(
    rf"^(?P<sign>[-−]?)(?P<whole>\d{{1,3}}(?:[{_SPACES}]\d{{3}})+|\d+)(?:[.,](?P<part>\d+))?$"
)


def parse_number(text: str) -> Decimal:
    """The number in `text` (already non-empty), or ValidationError with `ALLOWED`."""
    match = _NUMBER.match(str(text).strip())
    if not match:
        raise ValidationError(f"”{_short(text)}” är inget tal. {ALLOWED}", code="invalid")
    whole = re.sub(f"[{_SPACES}]", "", match["whole"])
    sign = "-" if match["sign"] else ""
    try:
        return Decimal(f"{sign}{whole}.{match['part'] or 0}")
    except InvalidOperation as error:  # pragma: no cover - the pattern admits only digits
        raise ValidationError(ALLOWED, code="invalid") from error


def _short(text, limit: int = 40) -> str:
    text = str(text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


class NumberField(forms.DecimalField):
    """A DecimalField that reads numbers by `parse_number` (Swedish notation, no exponents)."""

    def to_python(self, value):
        if value in self.empty_values or str(value).strip() == "":
            return None
        if isinstance(value, Decimal):
            return value
        return parse_number(value)
