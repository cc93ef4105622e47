from decimal import Decimal
from types import SimpleNamespace

from indicators.aggregation import area_value, can_sum_for_area


def value(number=None, numerator=None, denominator=None, not_available=False):
    return SimpleNamespace(
        number=number, numerator=numerator, denominator=denominator, not_available=not_available
    )


def test_counts_are_summed_over_the_municipalities():
    values = [value(Decimal(3)), value(Decimal(4)), value(Decimal(0)), value(Decimal(5))]
    assert area_value("count", False, values) == Decimal(12)


def test_a_missing_municipality_gives_no_area_total():
    assert area_value("count", False, [value(Decimal(3)), None]) is None
    assert area_value("count", False, [value(Decimal(3)), value(not_available=True)]) is None


def test_percentages_are_recomputed_from_numerator_and_denominator():
    values = [value(numerator=Decimal(9), denominator=Decimal(10)),
              value(numerator=Decimal(1), denominator=Decimal(10))]  # fmt: skip
    assert area_value("percentage", True, values) == Decimal(50)


def test_percentages_without_fractions_and_averages_are_not_summed():
    assert area_value("percentage", False, [value(Decimal(80)), value(Decimal(60))]) is None
    assert area_value("days", False, [value(Decimal("0.8")), value(Decimal("1.2"))]) is None
    assert not can_sum_for_area("days", False)
    assert can_sum_for_area("percentage", True)
