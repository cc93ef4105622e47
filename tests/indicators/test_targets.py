from decimal import Decimal

import pytest

from plans import targets
from plans.targets import Status, Target, evaluate, format_value, trend

DAYS_BELOW_ONE = Target("comparison", "days", operator="lt", threshold=Decimal("1.0"))
ABOVE_70 = Target("comparison", "percentage", operator="gt", threshold=Decimal("70"))
AT_LEAST_70 = Target("comparison", "percentage", operator="gte", threshold=Decimal("70"))
ALL = Target("comparison", "percentage", operator="eq", threshold=Decimal("100"),
             note="av de palliativa patienterna +75 år")  # fmt: skip
INCREASE = Target("direction", "count", direction="increase")
NO_TARGET = Target()


def test_under_one_day_meets_less_than_one_day():
    result = evaluate(DAYS_BELOW_ONE, Decimal("0.8"))
    assert result.status == Status.MET
    assert result.reason == "0,8 dygn uppfyller målet < 1,0 dygn."


def test_over_one_day_misses_less_than_one_day():
    assert evaluate(DAYS_BELOW_ONE, Decimal("1.2")).status == Status.NOT_MET


def test_exactly_one_day_misses_strictly_less_than():
    assert evaluate(DAYS_BELOW_ONE, Decimal("1.0")).status == Status.NOT_MET


def test_seventy_percent_meets_at_least_seventy():
    assert evaluate(AT_LEAST_70, 70).status == Status.MET


def test_seventy_percent_misses_more_than_seventy():
    assert evaluate(ABOVE_70, 70).status == Status.NOT_MET
    assert evaluate(ABOVE_70, Decimal("70.5")).status == Status.MET


def test_hundred_percent_target_needs_all():
    assert evaluate(ALL, 100).status == Status.MET
    assert evaluate(ALL, Decimal("99.5")).status == Status.NOT_MET


def test_increase_compares_with_previous_value():
    assert evaluate(INCREASE, 12, previous=10).status == Status.MET
    assert evaluate(INCREASE, 10, previous=10).status == Status.NOT_MET
    assert evaluate(INCREASE, 8, previous=10).status == Status.NOT_MET


def test_increase_without_previous_value_cannot_be_judged():
    result = evaluate(INCREASE, 12, previous=None)
    assert result.status == Status.NOT_JUDGED
    assert "föregående" in result.reason


def test_no_target_is_not_met_but_no_target():
    assert evaluate(NO_TARGET, 5).status == Status.NO_TARGET


def test_missing_value_is_missing_whatever_the_target():
    for target in (DAYS_BELOW_ONE, ABOVE_70, INCREASE):
        assert evaluate(target, None).status == Status.MISSING
    assert evaluate(NO_TARGET, None).status == Status.NO_TARGET  # never counted as missing


def test_targets_are_written_as_the_plan_writes_them():
    assert DAYS_BELOW_ONE.describe() == "< 1,0 dygn"
    assert ABOVE_70.describe() == "> 70 %"
    assert AT_LEAST_70.describe() == "≥ 70 %"
    assert ALL.describe() == "100 % av de palliativa patienterna +75 år"
    assert INCREASE.describe() == "Ska öka jämfört med föregående år"
    assert INCREASE.describe("period") == "Ska öka jämfört med föregående period"
    assert NO_TARGET.describe() == "Inget målvärde"


def test_yes_no_target():
    routine = Target("comparison", "yes_no", operator="eq", threshold=Decimal(1))
    assert routine.describe() == "Ja"
    assert evaluate(routine, True).status == Status.MET
    assert evaluate(routine, False).status == Status.NOT_MET


def test_values_use_swedish_notation():
    # One decimal for shares and days, rounded as Swedish readers round (a 5 rounds up) and as
    # outcomes rounds before judging.
    assert format_value(Decimal("0.85"), "percentage") == "0,9 %"
    assert format_value(Decimal("0.84"), "percentage") == "0,8 %"
    assert format_value(Decimal("2.45"), "days") == "2,5 dygn"
    assert format_value(Decimal("86"), "percentage") == "86,0 %"
    assert format_value(Decimal("3"), "days") == "3,0 dygn"
    assert format_value(12, "count") == "12"
    assert format_value(1200, "count") == "1\u00a0200"


def test_trend_is_a_word_and_an_arrow():
    assert trend(12, 10) == "↑ ökning"
    assert trend(8, 10) == "↓ minskning"
    assert trend(10, 10) == "→ oförändrat"
    assert trend(10, None) == ""


# --- the method forms and the edges the mutation run found untested -------------------------


def test_the_target_method_is_the_rule_with_period_as_default():
    increase = Target(kind="direction", value_kind="count", direction="increase")
    assert increase.evaluate(5).reason == (
        "5, men värde för föregående period saknas, så förändringen kan inte bedömas."
    )
    assert increase.evaluate(5, 4, "år") == targets.evaluate(increase, 5, 4, "år")
    assert increase.evaluate(5, 4).status == targets.Status.MET
    assert increase.describe() == "Ska öka jämfört med föregående år"


def test_a_comparison_without_threshold_or_of_text_is_no_target():
    open_ended = Target(kind="comparison", value_kind="count", operator="gt", threshold=None)
    assert targets.evaluate(open_ended, 5) == targets.Evaluation(
        targets.Status.NO_TARGET, "Nyckeltalet har inget målvärde."
    )
    text = Target(kind="comparison", value_kind="text", operator="eq", threshold=1)
    assert targets.evaluate(text, "klart") == targets.Evaluation(
        targets.Status.NO_TARGET, "Textvärden jämförs inte med ett målvärde."
    )


@pytest.mark.parametrize(
    ("value", "previous", "word"),
    [
        (2, 1, "↑ ökning"),
        (1, 2, "↓ minskning"),
        (1, 1, "→ oförändrat"),
        (None, 1, ""),
        (1, None, ""),
        ("", 1, ""),
        (1, "", ""),
        ("x", 1, ""),  # not a number: no trend rather than an error
        (True, False, "↑ ökning"),
    ],
)
def test_trend_in_words_and_arrows(value, previous, word):
    assert targets.trend(value, previous) == word


def test_a_share_that_rounds_up_to_its_target_is_judged_as_shown():
    """69,95 % is shown as 70,0 % and judged as 70,0 %: met for ≥ 70 %, not for > 70 %."""
    shown = Decimal("69.95")
    assert format_value(shown, "percentage") == "70,0 %"
    assert evaluate(AT_LEAST_70, targets.quantize(shown, "percentage")).status == Status.MET
    assert evaluate(ABOVE_70, targets.quantize(shown, "percentage")).status == Status.NOT_MET
