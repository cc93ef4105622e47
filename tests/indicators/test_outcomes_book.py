"""`outcomes.Book` and the area, export and snapshot forms on plain data (no database): what a
page gets per figure × unit × year, the area's own-or-computed value, the chart series. Fast, so
the mutation run (README, "Mutation score") can use it; `outcomes.load` is tested with the
database in test_one_truth.py and test_query_counts.py."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest

from indicators import outcomes
from indicators.outcomes import Book, Outcome, Point
from plans.targets import Status, Target


@dataclass(frozen=True)
class Unit:
    pk: int
    name: str
    kind: str


ALE = Unit(1, "Ale", "municipality")
TJORN = Unit(2, "Tjörn", "municipality")
KUNGALV = Unit(3, "Kungälv", "municipality")
AREA = Unit(9, "SIMBA", "area")
UNITS = [TJORN, AREA, ALE, KUNGALV]
INCREASE = Target(kind="direction", value_kind="count", direction="increase")
OVER_70 = Target(kind="comparison", value_kind="percentage", operator="gt",
                 threshold=Decimal(70))  # fmt: skip


def figure(kind="count", frequency="year", target=None, level="both", fraction=False, pk=5):
    return SimpleNamespace(
        pk=pk, value_kind=kind, has_fraction=fraction, year_basis="", frequency=frequency,
        target=target or INCREASE, as_of_month=None, as_of_day=None, reporting_level=level,
        followed_up_by=None,
    )  # fmt: skip


def book(values: dict, years=(2025, 2026)) -> Book:
    """`values`: (unit, year) -> number, for a yearly figure with pk 5."""
    periods = {("year", date(y, 1, 1)): 100 + y for y in years}
    points = {(5, u.pk, 100 + y): Point(number=Decimal(n), final=y == 2025)
              for (u, y), n in values.items()}  # fmt: skip
    return Book(periods=periods, points=points, units=UNITS)


def test_a_year_is_judged_against_the_year_before_and_kept():
    b = book({(ALE, 2025): 10, (ALE, 2026): 12})
    out = b.year(figure(), ALE, 2026)
    assert (out.value, out.status, out.trend) == (Decimal(12), Status.MET, "↑ ökning")
    assert b.year(figure(), ALE, 2026) is out  # asked again: the same answer, not recomputed
    before = b.year(figure(), ALE, 2025)
    assert (before.value, before.status, before.final) == (Decimal(10), Status.NOT_JUDGED, True)
    assert b.year(figure(), TJORN, 2026).status == Status.MISSING


def test_a_year_without_its_period_has_no_point():
    b = book({(ALE, 2026): 3}, years=(2026,))
    assert b.point(figure(), ALE, SimpleNamespace(kind="year", start=date(2025, 1, 1))) is None
    assert b.point(figure(), ALE, SimpleNamespace(kind="year", start=date(2026, 1, 1))) == Point(
        number=Decimal(3)
    )
    assert b.point(figure(pk=6), ALE, SimpleNamespace(kind="year", start=date(2026, 1, 1))) is None


def test_the_area_without_its_own_value_is_computed_from_the_municipalities():
    b = book({(ALE, 2025): 1, (TJORN, 2025): 2, (KUNGALV, 2025): 3,
              (ALE, 2026): 4, (TJORN, 2026): 5, (KUNGALV, 2026): 6})  # fmt: skip
    out = b.year(figure(), AREA, 2026)
    assert (out.value, out.computed, out.status) == (Decimal(15), True, Status.MET)
    assert out.trend == "↑ ökning"  # against the computed 6 of 2025


def test_the_areas_own_value_stands_with_the_computed_one_beside_it():
    b = book({(AREA, 2026): 20, (ALE, 2026): 4, (TJORN, 2026): 5, (KUNGALV, 2026): 6})
    out = b.year(figure(), AREA, 2026)
    assert (out.value, out.computed, out.other) == (Decimal(20), False,
                                                    "beräknat från kommunerna: 15")  # fmt: skip
    assert out.warning.startswith("Varning: områdets rapporterade värde 20 ligger inte")


def test_rows_are_the_municipalities_by_name_then_the_area():
    b = book({(ALE, 2026): 4})
    rows = b.rows(figure(), 2026)
    assert [(r.unit.name, r.is_area) for r in rows] == [
        ("Ale", False), ("Kungälv", False), ("Tjörn", False), ("SIMBA", True)
    ]  # fmt: skip
    assert rows[0].outcome.value == Decimal(4) and rows[1].outcome.missing
    only = b.rows(figure(level="municipality", pk=7), 2026)
    assert [r.unit.name for r in only] == ["Ale", "Kungälv", "Tjörn"]
    assert b.row_units(figure()) is b.row_units(figure())  # kept per figure


def test_a_span_compares_with_the_span_before():
    b = book({(ALE, 2025): 10, (ALE, 2026): 8})
    fig = figure()
    specs = [SimpleNamespace(kind="year", start=date(2026, 1, 1), end=date(2026, 12, 31))]
    before = [SimpleNamespace(kind="year", start=date(2025, 1, 1), end=date(2025, 12, 31))]
    out = b.span(fig, ALE, specs, before)
    assert (out.status, out.trend) == (Status.NOT_MET, "↓ minskning")
    assert out.reason == "8 har minskat från 10; målet är att det ska öka."
    alone = b.span(fig, ALE, specs)
    assert alone.status == Status.NOT_JUDGED
    assert alone.reason == "Inget fullständigt värde för föregående period att jämföra med."


def test_the_series_has_one_value_per_period_and_no_partial_area_sums():
    b = book({(ALE, 2025): 1, (TJORN, 2025): 2, (KUNGALV, 2025): 3, (ALE, 2026): 4,
              (TJORN, 2026): 5})  # fmt: skip
    specs = [SimpleNamespace(kind="year", start=date(y, 1, 1), end=date(y, 12, 31))
             for y in (2024, 2025, 2026)]  # fmt: skip
    assert b.series(figure(), ALE, specs) == [None, Decimal(1), Decimal(4)]
    assert b.series(figure(), AREA, specs) == [None, Decimal(6), None]
    b.points[(5, AREA.pk, 100 + 2026)] = Point(number=Decimal(11))
    assert b.series(figure(), AREA, specs) == [None, Decimal(6), Decimal(11)]


def test_point_of_a_stored_value_joins_comment_and_explanation():
    value = SimpleNamespace(number=Decimal(3), numerator=Decimal(1), denominator=Decimal(2),
                            yes_no=True, text="t", not_available=True, not_available_reason="r",
                            comment="c", explanation="e")  # fmt: skip
    assert outcomes.point_of(value, final=True) == Point(
        Decimal(3), Decimal(1), Decimal(2), True, "t", True, "r", True, "c e"
    )
    value.comment = ""
    assert outcomes.point_of(value).comment == "e" and not outcomes.point_of(value).final
    assert outcomes.point_of(None) is None


def test_target_text_describes_the_target_for_the_span():
    assert outcomes.target_text(figure()) == INCREASE.describe("år")
    assert outcomes.target_text(figure(), "period") == INCREASE.describe("period")
    assert INCREASE.describe("period") != INCREASE.describe("år")


def test_as_dict_is_the_snapshot_cell():
    out = Outcome(value=Decimal("72.0"), kind="percentage", basis="täljare/nämnare jan–dec",
                  covered=11, expected=12, unit_word="mån", final=True, status=Status.NOT_JUDGED,
                  reason="Ofullständigt", trend="↑ ökning", comment="k", computed=True,
                  other="o", warning="w")  # fmt: skip
    assert out.as_dict() == {
        "value": 72, "display": "72,0 %", "shown": "72,0 % (11 av 12 mån)",
        "basis": "täljare/nämnare jan–dec", "coverage": "11 av 12 mån",
        "status": str(Status.NOT_JUDGED), "status_label": "Ej bedömt",
        "symbol": out.symbol, "reason": "Ofullständigt", "trend": "↑ ökning", "final": True,
        "missing_reason": "", "comment": "k", "computed": True, "other": "o", "warning": "w",
    }  # fmt: skip
    assert type(out.as_dict()["value"]) is int
    assert Outcome(value=Decimal("0.5"), kind="percentage").as_dict()["value"] == 0.5
    missing = Outcome(final=True, reason="Inget värde är rapporterat.").as_dict()
    assert missing["final"] is False and missing["missing_reason"] == missing["reason"] != ""
    assert missing["value"] is None and missing["status_label"] == "Värde saknas"


def test_an_export_row_reads_a_cell():
    cell = Outcome(value=Decimal(12), covered=1, final=True, status=Status.MET,
                   basis="summa jan–dec").as_dict()  # fmt: skip
    assert outcomes.export_row("1.1", "FaR", "Ale", 2026, cell) == [
        "1.1", "FaR", "Ale", 2026, "12", "Uppfyllt", "summa jan–dec", "", "ja"
    ]  # fmt: skip
    empty = outcomes.export_row("1.1", "FaR", "Ale", 2026, {"display": "–", "value": None})
    assert empty == ["1.1", "FaR", "Ale", 2026, "", "", "", "", "nej"]


def _part(value, complete=True, final=True, numerator=None, denominator=None, basis=""):
    number = None if value is None else Decimal(value)
    return Outcome(value=number, covered=1 if complete else 0, final=final,
                   numerator=numerator, denominator=denominator, basis=basis)  # fmt: skip


def test_the_computed_area_sums_counts_and_counts_complete_municipalities():
    parts = [_part(3, basis="summa jan–dec"), _part(4, complete=False), _part(None)]
    out = outcomes.computed_area(figure(), parts)
    assert (out.value, out.covered, out.expected, out.final) == (Decimal(7), 1, 3, False)
    assert out.basis == "summa jan–dec" and out.computed and out.unit_word == "kommuner"
    assert out.reason == "Ofullständigt underlag: 1 av 3 kommuner fullständiga."
    assert out.comment == "Beräknat från kommunernas värden."
    whole = outcomes.computed_area(figure(), [_part(3), _part(4, final=False)])
    assert (whole.value, whole.complete, whole.final, whole.reason) == (Decimal(7), True, False,
                                                                        "")  # fmt: skip
    final = outcomes.computed_area(figure(), [_part(3), _part(4)])
    assert final.final is True


def test_the_computed_area_of_percentages_is_numerators_over_denominators():
    fig = figure(kind="percentage", fraction=True)
    parts = [_part(50, numerator=Decimal(1), denominator=Decimal(2)),
             _part(100, numerator=Decimal(2), denominator=Decimal(2)),
             _part(90), _part(10, numerator=Decimal(1), denominator=Decimal(0))]  # fmt: skip
    out = outcomes.computed_area(fig, parts)
    assert (out.value, out.numerator, out.denominator) == (Decimal("75.0"), 3, 4)
    assert out.covered == 2
    none = outcomes.computed_area(fig, [_part(90), _part(None)])
    assert none.value is None and none.covered == 0
    assert none.reason == "Kan inte räknas fram: värde saknas för kommunerna."


@pytest.mark.parametrize(
    ("kind", "own", "parts", "warning"),
    [
        ("count", 5, [5, 3], ""),  # the largest municipality's value is the lowest plausible
        ("count", 8, [5, 3], ""),  # the sum is the highest
        ("count", 4, [5, 3], "mellan den största kommunens värde och kommunernas summa (5–8)"),
        ("count", 9, [5, 3], "mellan den största kommunens värde och kommunernas summa (5–8)"),
        ("percentage", 40, [40, 60], ""),
        ("percentage", 60, [40, 60, None], ""),
        ("percentage", 61, [40, 60], "inom kommunernas spann (40,0 %–60,0 %)"),
        ("percentage", 39, [40, 60], "inom kommunernas spann (40,0 %–60,0 %)"),
        ("days", 39, [40, 60], "inom kommunernas spann (40,0 dygn–60,0 dygn)"),
        ("count", 9, [None], ""),
        ("yes_no", 9, [1], ""),
    ],
)
def test_an_area_value_outside_the_municipalities_is_warned_about(kind, own, parts, warning):
    fig = figure(kind=kind)
    out = outcomes.area_range_warning(fig, _part(own), [_part(p) for p in parts])
    if warning:
        shown = outcomes.targets.format_value(Decimal(own), kind)
        assert out == f"Varning: områdets rapporterade värde {shown} ligger inte {warning}."
    else:
        assert out == ""
    assert outcomes.area_range_warning(fig, _part(None), [_part(p) for p in parts]) == ""


def test_the_area_outcome_prefers_its_own_value():
    fig = figure()
    own = _part(9)
    chosen = outcomes.area_outcome(fig, own, [_part(4), _part(5)])
    assert chosen is own and own.other == "beräknat från kommunerna: 9" and own.warning == ""
    alone = _part(9)
    assert outcomes.area_outcome(fig, alone, [_part(None)]) is alone and alone.other == ""
    assert outcomes.area_outcome(fig, alone, []) is alone
    computed = outcomes.area_outcome(fig, _part(None), [_part(4), _part(5)])
    assert computed.computed and computed.value == Decimal(9) and computed.other == ""
    text = figure(kind="text")
    assert outcomes.area_outcome(text, _part(None), [_part(4)]).computed is False
    over = OVER_70
    assert outcomes.area_outcome(figure(kind="percentage", target=over), _part(None),
                                 [_part(4)]).computed is False  # fmt: skip


# --- the year value's edges (combine, judge, words) -------------------------------------------


def _spec(kind, start, end=None):
    return SimpleNamespace(kind=kind, start=start, end=end or start)


MONTHS = [_spec("month", date(2026, m, 1)) for m in range(1, 13)]
HALVES = [_spec("half_year", date(2026, 1, 1), date(2026, 6, 30)),
          _spec("half_year", date(2026, 7, 1), date(2026, 12, 31))]  # fmt: skip


def test_words_for_the_last_period():
    assert outcomes._last_words(MONTHS[2]) == "mars"
    assert outcomes._last_words(HALVES[0]) == "första halvåret"
    assert outcomes._last_words(HALVES[1]) == "andra halvåret"
    rolling = _spec("rolling_12_months", date(2025, 12, 1), date(2026, 11, 30))
    assert outcomes._last_words(rolling) == "senaste 12 mån per 30 nov"
    assert outcomes._last_words(_spec("year", date(2026, 1, 1))) == "helår 2026"


def test_words_for_the_basis():
    years = [_spec("year", date(2025, 1, 1), date(2025, 12, 31)),
             _spec("year", date(2026, 1, 1), date(2026, 12, 31))]  # fmt: skip
    assert outcomes._basis_words("sum", years) == "summa 2025–2026"
    assert outcomes._basis_words("fraction", HALVES) == "täljare/nämnare båda halvåren"
    assert outcomes._basis_words("last", HALVES) == ""
    assert outcomes._basis_words("sum", MONTHS[:1]) == ""
    assert outcomes._basis_words("sum", []) == ""


def test_raw_values_by_kind():
    assert outcomes.raw_value("text", Point(text="klart")) == "klart"
    assert outcomes.raw_value("text", Point(text="")) is None
    assert outcomes.raw_value("percentage", Point(denominator=Decimal(2))) is None
    typed = Point(number=Decimal(5), numerator=Decimal(1), denominator=Decimal(2))
    assert outcomes.raw_value("percentage", typed) == Decimal(5)  # the typed value wins
    assert outcomes.raw_value("yes_no", Point(yes_no=False)) is False


def test_the_last_value_of_a_year_says_which_period_it_is():
    fig = figure(kind="days", frequency="month", target=OVER_70)
    points = [None] * 12
    points[2] = Point(number=Decimal("0.84"), final=True, comment="mars")
    out = outcomes.combine(fig, MONTHS, points)
    assert (out.value, out.covered, out.expected, out.final) == (Decimal("0.8"), 0, 1, True)
    assert out.basis == "mars" and out.kind == "days"
    assert out.reason == "Värdet gäller mars, inte december."
    points[11] = Point(number=Decimal(1), comment="mars")
    out = outcomes.combine(fig, MONTHS, points)
    assert (out.value, out.covered, out.final, out.reason) == (Decimal("1.0"), 1, False, "")
    assert out.comment == "mars"
    assert outcomes.combine(fig, MONTHS[:1], [Point(number=Decimal(2))]).basis == ""


def test_comments_are_joined_once_each():
    points = [Point(number=Decimal(1), comment="a"), None, Point(number=Decimal(2), comment="b"),
              Point(number=Decimal(3), comment="a")] + [None] * 8  # fmt: skip
    assert outcomes.combine(figure(frequency="month"), MONTHS, points).comment == "a b"


def test_a_span_without_periods_is_one_missing_year():
    out = outcomes.combine(figure(), [], [])
    assert (out.expected, out.unit_word, out.value) == (1, "år", None)


def test_a_rolling_count_over_two_years_is_its_latest_value_not_a_sum():
    fig = figure(frequency="rolling_12_months")
    specs = [_spec("rolling_12_months", date(2024, 12, 2), date(2025, 12, 1)),
             _spec("rolling_12_months", date(2025, 12, 2), date(2026, 12, 1))]  # fmt: skip
    out = outcomes.combine(fig, specs, [Point(number=Decimal(3)), Point(number=Decimal(4))])
    assert (out.value, out.basis) == (Decimal(4), "senaste 12 mån per 1 dec")


def test_yes_no_is_read_as_yes_no():
    out = outcomes.combine(figure(kind="yes_no"), [MONTHS[0]], [Point(yes_no=True)])
    assert out.value is True and out.display == "Ja"


def test_a_fraction_year_uses_only_periods_with_both_parts():
    fig = figure(kind="percentage", frequency="half_year", fraction=True)
    both = Point(numerator=Decimal(1), denominator=Decimal(4), final=True)
    out = outcomes.combine(fig, HALVES, [Point(number=Decimal(50), numerator=Decimal(1)), both])
    assert (out.value, out.numerator, out.denominator, out.covered) == (Decimal("25.0"), 1, 4, 1)
    assert out.final is False
    only_typed = outcomes.combine(fig, HALVES, [Point(number=Decimal(50)),
                                                Point(number=Decimal(60))])  # fmt: skip
    assert only_typed.missing and only_typed.covered == 0
    assert outcomes.combine(fig, HALVES, [None, None]).missing


def test_one_period_of_a_fraction_figure_may_be_typed_as_a_percentage():
    fig = figure(kind="percentage", frequency="half_year", fraction=True)
    out = outcomes.combine(fig, HALVES[:1], [Point(number=Decimal(72), final=True)])
    assert (out.value, out.covered, out.final, out.display) == (Decimal("72.0"), 1, True, "72,0 %")
    parts = outcomes.combine(fig, HALVES[:1], [Point(numerator=Decimal(1), denominator=Decimal(4))])
    assert (parts.value, parts.numerator, parts.denominator) == (Decimal("25.0"), 1, 4)


def test_a_target_without_a_value_gives_no_reason_and_text_has_no_comparison():
    missing = outcomes.judge(figure(target=Target(kind="none", value_kind="count")), Outcome(),
                             None)  # fmt: skip
    assert (missing.status, missing.reason) == (Status.NO_TARGET, "")
    text_target = Target(kind="comparison", value_kind="text", operator="eq", threshold=1)
    out = outcomes.judge(figure(kind="text", target=text_target), Outcome(value="ok", covered=1),
                         None)  # fmt: skip
    assert (out.status, out.reason) == (Status.NO_TARGET, "Nyckeltalet har inget målvärde.")
    yes = Target(kind="comparison", value_kind="yes_no", operator="eq", threshold=1)
    judged = outcomes.judge(figure(kind="yes_no", target=yes), Outcome(value=True, covered=1),
                            None)  # fmt: skip
    assert judged.status == Status.MET


def test_an_incomplete_previous_year_is_not_compared_with():
    previous = Outcome(value=Decimal(3), covered=11, expected=12)
    out = outcomes.judge(figure(), Outcome(value=Decimal(5), covered=1), previous, "halvår")
    assert out.status == Status.NOT_JUDGED and out.trend == ""
    assert out.reason == "Inget fullständigt värde för föregående halvår att jämföra med."
    first = outcomes.outcome(figure(), [_spec("year", date(2026, 1, 1))],
                             [Point(number=Decimal(5))], None, "halvår")  # fmt: skip
    assert first.reason == "Inget fullständigt värde för föregående halvår att jämföra med."


def test_year_specs_follow_the_as_of_date():
    fig = figure(frequency="rolling_12_months")
    fig.as_of_month, fig.as_of_day = 6, 30
    assert [s.end for s in outcomes.year_specs(fig, 2026)] == [date(2026, 6, 30)]


def test_an_area_reporting_figure_gets_the_area_row_once():
    text = figure(kind="text", pk=8)  # not summable: municipalities and the area report it
    assert [u.name for u in outcomes.row_units(text, UNITS)] == ["Ale", "Kungälv", "Tjörn",
                                                                 "SIMBA"]  # fmt: skip


def test_an_export_row_without_display_or_with_coverage():
    row = outcomes.export_row("1", "F", "Ale", 2026, {"value": 3, "coverage": "1 av 2 halvår"})
    assert row == ["1", "F", "Ale", 2026, "", "", "", "1 av 2 halvår", "nej"]


def test_the_computed_area_keeps_the_kind_and_rounds_percentages():
    fig = figure(kind="percentage", fraction=True)
    third = _part(33, numerator=Decimal(1), denominator=Decimal(3))
    out = outcomes.computed_area(fig, [third])
    assert (out.value, out.kind, out.display, out.basis) == (Decimal("33.3"), "percentage",
                                                             "33,3 %", "")  # fmt: skip


def test_one_period_keeps_its_numerator_and_two_half_years_of_counts_are_summed():
    share = figure(kind="percentage", frequency="month", target=OVER_70)
    point = Point(number=Decimal(50), numerator=Decimal(1), denominator=Decimal(2))
    out = outcomes.combine(share, MONTHS[:1], [point])
    assert (out.value, out.numerator, out.denominator, out.covered) == (Decimal("50.0"), 1, 2, 1)
    count = outcomes.combine(figure(frequency="half_year"), HALVES,
                             [Point(number=Decimal(3)), Point(number=Decimal(4))])  # fmt: skip
    assert (count.value, count.covered, count.basis) == (Decimal(7), 2, "summa båda halvåren")
    one = outcomes.combine(figure(), [_spec("year", date(2026, 1, 1))], [Point(number=Decimal(3))])
    assert (one.value, one.numerator, one.covered) == (Decimal(3), None, 1)


def test_why_a_value_is_missing():
    spec = [_spec("year", date(2026, 1, 1))]
    stale = Point(reason="gammal anledning")  # a reason left on a value that is not unavailable
    assert outcomes.combine(figure(), spec, [stale]).reason == "Inget värde är rapporterat."
    half = [Point(not_available=True, reason="byte av system"),
            Point(not_available=True, reason="sjukskrivning")]  # fmt: skip
    out = outcomes.combine(figure(frequency="half_year"), HALVES, half)
    assert out.reason == "Uppgift kan inte lämnas: byte av system; sjukskrivning"


def test_judge_compares_with_the_previous_year_by_default():
    out = outcomes.judge(figure(), Outcome(value=Decimal(5), covered=1), None)
    assert out.reason == "Inget fullständigt värde för föregående år att jämföra med."
