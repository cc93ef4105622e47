"""The rule module on plain data: every year basis, every status word, the area rule, headline."""

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest

from indicators import outcomes
from indicators.outcomes import Point, YearBasis
from plans.targets import Status, Target


def figure(kind="count", basis="", frequency="month", fraction=False, target=None, **extra):
    return SimpleNamespace(
        value_kind=kind, has_fraction=fraction, year_basis=basis, frequency=frequency,
        target=target or Target(kind="none", value_kind=kind), as_of_month=extra.get("month"),
        as_of_day=extra.get("day"), reporting_level="both", followed_up_by=None, pk=1,
    )  # fmt: skip


def year(fig, points, y=2026, previous=None):
    specs = outcomes.year_specs(fig, y)
    return outcomes.outcome(fig, specs, points, previous)


INCREASE = Target(kind="direction", value_kind="count", direction="increase")
OVER_70 = Target(kind="comparison", value_kind="percentage", operator="gt",
                 threshold=Decimal(70))  # fmt: skip


@pytest.mark.parametrize(
    ("kind", "fraction", "frequency", "expected"),
    [
        ("count", False, "month", YearBasis.SUM),
        ("percentage", True, "half_year", YearBasis.FRACTION),
        ("percentage", False, "half_year", YearBasis.LAST),
        ("days", False, "month", YearBasis.LAST),
        ("percentage", True, "rolling_12_months", YearBasis.AS_OF),
    ],
)
def test_default_basis_follows_the_kind_of_value(kind, fraction, frequency, expected):
    assert outcomes.default_basis(kind, fraction, frequency) == expected


def test_sum_of_a_complete_year_with_its_basis_in_words():
    out = year(figure(), [Point(number=Decimal(m)) for m in range(1, 13)])
    assert out.value == 78 and out.basis == "summa jan–dec" and out.coverage == ""
    assert out.status == Status.NO_TARGET and out.shown == "78"


def test_sum_with_a_missing_month_shows_its_coverage_and_is_not_judged():
    points = [None] + [Point(number=Decimal(5)) for _ in range(11)]
    before = year(figure(target=INCREASE), [Point(number=Decimal(1))] * 12, 2025)
    out = year(figure(target=INCREASE), points, previous=before)
    assert out.value == 55 and out.shown == "55 (11 av 12 mån)"
    assert out.status == Status.NOT_JUDGED and "11 av 12 mån" in out.reason


def test_fraction_is_the_years_numerators_over_its_denominators():
    fig = figure("percentage", frequency="half_year", fraction=True, target=OVER_70)
    points = [Point(numerator=Decimal(9), denominator=Decimal(10)),
              Point(numerator=Decimal(1), denominator=Decimal(10))]  # fmt: skip
    out = year(fig, points)
    assert out.value == Decimal("50.0") and out.basis == "täljare/nämnare båda halvåren"
    assert out.status == Status.NOT_MET


def test_last_period_says_which_period_and_judges_only_a_complete_year():
    fig = figure("days", frequency="half_year",
                 target=Target(kind="comparison", value_kind="days", operator="lt",
                               threshold=Decimal(1)))  # fmt: skip
    out = year(fig, [Point(number=Decimal("2")), Point(number=Decimal("0.8"))])
    assert (out.value, out.basis, out.status) == (Decimal("0.8"), "andra halvåret", Status.MET)
    early = year(fig, [Point(number=Decimal("0.8")), None])
    assert early.basis == "första halvåret" and early.status == Status.NOT_JUDGED


def test_as_of_a_date_is_the_one_period_ending_in_the_year():
    fig = figure("percentage", basis="as_of", frequency="rolling_12_months", fraction=True,
                 target=OVER_70, month=12, day=1)  # fmt: skip
    out = year(fig, [Point(numerator=Decimal(3), denominator=Decimal(4))])
    assert out.value == Decimal("75.0") and out.basis == "senaste 12 mån per 1 dec"
    assert out.status == Status.MET


def test_increase_compares_the_year_with_the_previous_year():
    fig = figure(target=INCREASE, frequency="year")
    before = year(fig, [Point(number=Decimal(10))], 2025)
    assert year(fig, [Point(number=Decimal(11))], previous=before).status == Status.MET
    assert year(fig, [Point(number=Decimal(10))], previous=before).status == Status.NOT_MET
    first = year(fig, [Point(number=Decimal(10))], previous=year(fig, [None], 2025))
    assert first.status == Status.NOT_JUDGED and "föregående år" in first.reason


def test_value_missing_means_no_value_at_all_and_says_why():
    fig = figure(target=INCREASE, frequency="year")
    out = year(fig, [Point(not_available=True, reason="Systembyte")])
    assert out.status == Status.MISSING and out.label == "Värde saknas"
    assert out.reason == "Uppgift kan inte lämnas: Systembyte"


def test_a_figure_without_target_is_never_missing():
    out = year(figure(frequency="year"), [None])
    assert out.status == Status.NO_TARGET and out.label == "Inget målvärde"


def test_status_words_and_symbols_are_one_each():
    words = {s: (outcomes.Outcome(status=s).label, outcomes.Outcome(status=s).symbol)
             for s in Status}  # fmt: skip
    assert [w for w, _ in words.values()] == [
        "Uppfyllt", "Ej uppfyllt", "Ej bedömt", "Inget målvärde", "Värde saknas"
    ]  # fmt: skip
    assert len({s for _, s in words.values()}) == len(Status)


def test_percentages_are_rounded_before_they_are_judged():
    fig = figure("percentage", frequency="year", fraction=True,
                 target=Target(kind="comparison", value_kind="percentage", operator="gte",
                               threshold=Decimal(70)))  # fmt: skip
    out = year(fig, [Point(numerator=Decimal("69.96"), denominator=Decimal(100))])
    assert out.value == Decimal("70.0") and out.status == Status.MET


def test_area_is_its_own_value_else_computed_and_warns_outside_the_range():
    fig = figure("days", frequency="year")
    specs = outcomes.year_specs(fig, 2026)
    parts = [outcomes.combine(fig, specs, [Point(number=Decimal(n))]) for n in ("1.0", "2.0")]
    own = outcomes.combine(fig, specs, [Point(number=Decimal("3.0"))])
    chosen = outcomes.area_outcome(fig, own, parts)
    assert chosen.value == Decimal("3.0") and "1,0 dygn–2,0 dygn" in chosen.warning
    inside = outcomes.combine(fig, specs, [Point(number=Decimal("1.5"))])
    assert outcomes.area_outcome(fig, inside, parts).warning == ""
    count = figure(frequency="year")
    parts = [outcomes.combine(count, specs, [Point(number=Decimal(n))]) for n in (3, 4)]
    computed = outcomes.area_outcome(count, outcomes.combine(count, specs, [None]), parts)
    assert computed.value == 7 and computed.computed
    both = outcomes.area_outcome(count, outcomes.combine(count, specs, [Point(number=7)]), parts)
    assert both.value == 7 and not both.computed and both.other == "beräknat från kommunerna: 7"


def test_area_sum_with_a_missing_municipality_shows_its_coverage():
    count = figure(frequency="year", target=INCREASE)
    specs = outcomes.year_specs(count, 2026)
    parts = [outcomes.combine(count, specs, [p]) for p in (Point(number=Decimal(3)), None)]
    out = outcomes.judge(count, outcomes.area_outcome(count, outcomes.combine(count, specs, [None]),
                                                      parts), None)  # fmt: skip
    assert out.shown == "3 (1 av 2 kommuner fullständiga)" and out.status == Status.NOT_JUDGED


def test_headline_is_the_worst_judged_row():
    h = outcomes.headline
    assert h([Status.MET, Status.NOT_MET, Status.MISSING], True) == Status.NOT_MET
    assert h([Status.MET, Status.NOT_JUDGED], True) == Status.MET
    assert h([Status.NOT_JUDGED, Status.MISSING], True) == Status.NOT_JUDGED
    assert h([Status.MISSING], True) == Status.MISSING
    assert h([Status.MISSING], False) == Status.NO_TARGET


def test_final_only_when_every_period_is_approved():
    fig = figure(frequency="half_year")
    assert year(fig, [Point(number=1, final=True), Point(number=1, final=True)]).final
    assert not year(fig, [Point(number=1, final=True), Point(number=1)]).final


def test_export_row_has_the_agreed_columns():
    out = year(figure(), [Point(number=Decimal(2))] * 12)
    row = outcomes.export_row("2:2", "SIP", "Ale", 2026, out.as_dict())
    assert outcomes.EXPORT_HEADER[:6] == ["Mål", "Nyckeltal", "Enhet", "År", "Värde", "Status"]
    assert row == ["2:2", "SIP", "Ale", 2026, "24", "Inget målvärde", "summa jan–dec", "", "nej"]
    assert date(2026, 1, 1)  # the spans are calendar years


def test_only_counts_and_shares_with_numerator_and_denominator_are_summed_for_the_area():
    assert outcomes.can_sum(figure("count"))
    assert outcomes.can_sum(figure("percentage", fraction=True))
    assert not outcomes.can_sum(figure("percentage"))
    assert not outcomes.can_sum(figure("days"))
