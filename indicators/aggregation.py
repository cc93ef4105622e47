"""Figures for the whole area from the municipalities' values.

Counts add up. A percentage adds up only through its numerator and denominator; an average
(days) cannot be recombined without the weights behind it. Where no sum is honest, the answer is
None and the figure is shown per municipality instead.
"""

from decimal import Decimal

from plans.targets import ValueKind


def area_value(value_kind: str, has_fraction: bool, unit_values: list) -> Decimal | None:
    """`unit_values`: one entry per municipality, each a Value (or None when missing).

    None when any municipality is missing (a partial sum would look like a real total) or when
    the kind of figure cannot be summed.
    """
    if not unit_values or any(v is None or v.not_available for v in unit_values):
        return None
    if value_kind == ValueKind.COUNT:
        numbers = [v.number for v in unit_values]
        return None if any(n is None for n in numbers) else sum(numbers, Decimal(0))
    if value_kind == ValueKind.PERCENTAGE and has_fraction:
        if any(v.numerator is None or v.denominator is None for v in unit_values):
            return None
        denominator = sum((v.denominator for v in unit_values), Decimal(0))
        if denominator == 0:
            return None
        numerator = sum((v.numerator for v in unit_values), Decimal(0))
        return numerator * 100 / denominator
    return None


def can_sum_for_area(value_kind: str, has_fraction: bool) -> bool:
    return value_kind == ValueKind.COUNT or (value_kind == ValueKind.PERCENTAGE and has_fraction)
