"""The exact answers of the target, period and workflow rules at their edges: every status, its
reason word for word, every operator at its threshold. Without a database (fast), so the
mutation run (README, "Mutation score") can tell a changed rule from an unchanged one."""

from datetime import date
from decimal import Decimal

import pytest

from indicators import periods
from indicators import workflow as wf
from plans.targets import (
    Evaluation,
    Status,
    Target,
    evaluate,
    format_number,
    format_value,
    trend,
)

# --- targets -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("operator", "below", "at", "above"),
    [("lt", True, False, False), ("lte", True, True, False), ("gt", False, False, True),
     ("gte", False, True, True), ("eq", False, True, False)],
)  # fmt: skip
def test_every_operator_at_and_around_its_threshold(operator, below, at, above):
    target = Target("comparison", "count", operator=operator, threshold=Decimal(10))
    met = [evaluate(target, v).status == Status.MET for v in (9, 10, 11)]
    assert met == [below, at, above]


def test_comparison_reasons_word_for_word():
    target = Target("comparison", "percentage", operator="gte", threshold=Decimal(70))
    assert evaluate(target, 72) == Evaluation(Status.MET, "72,0 % uppfyller målet ≥ 70 %.")
    assert evaluate(target, 69) == Evaluation(Status.NOT_MET, "69,0 % uppfyller inte målet ≥ 70 %.")
    assert target.evaluate(72) == evaluate(target, 72)


def test_missing_values_and_missing_targets_word_for_word():
    target = Target("comparison", "count", operator="gt", threshold=Decimal(1))
    assert evaluate(target, None) == Evaluation(Status.MISSING, "Inget värde är rapporterat.")
    assert evaluate(target, "") == Evaluation(Status.MISSING, "Inget värde är rapporterat.")
    assert evaluate(Target(), 0) == Evaluation(Status.NO_TARGET, "Nyckeltalet har inget målvärde.")
    no_threshold = Target("comparison", "count", operator="gt")
    assert evaluate(no_threshold, 5).status == Status.NO_TARGET
    text = Target("comparison", "text", operator="eq", threshold=Decimal(1))
    assert evaluate(text, "Klar") == Evaluation(
        Status.NO_TARGET, "Textvärden jämförs inte med ett målvärde."
    )


def test_yes_no_values_compare_as_one_and_zero():
    yes = Target("comparison", "yes_no", operator="eq", threshold=Decimal(1))
    no = Target("comparison", "yes_no", operator="eq", threshold=Decimal(0))
    assert evaluate(yes, True) == Evaluation(Status.MET, "Ja uppfyller målet Ja.")
    assert evaluate(no, False) == Evaluation(Status.MET, "Nej uppfyller målet Nej.")
    assert evaluate(no, True).status == Status.NOT_MET
    assert no.describe() == "Nej"


@pytest.mark.parametrize(
    ("direction", "value", "previous", "status", "reason"),
    [
        ("increase", 12, 10, Status.MET, "12 har ökat från 10."),
        ("increase", 10, 10, Status.NOT_MET,
         "10 är oförändrat från 10; målet är att det ska öka."),
        ("increase", 8, 10, Status.NOT_MET, "8 har minskat från 10; målet är att det ska öka."),
        ("decrease", 8, 10, Status.MET, "8 har minskat från 10."),
        ("decrease", 10, 10, Status.NOT_MET,
         "10 är oförändrat från 10; målet är att det ska minska."),
        ("decrease", 12, 10, Status.NOT_MET,
         "12 har ökat från 10; målet är att det ska minska."),
        ("increase", 12, None, Status.NOT_JUDGED,
         "12, men värde för föregående period saknas, så förändringen kan inte bedömas."),
        ("decrease", 12, "", Status.NOT_JUDGED,
         "12, men värde för föregående period saknas, så förändringen kan inte bedömas."),
    ],
)  # fmt: skip
def test_direction_targets_word_for_word(direction, value, previous, status, reason):
    target = Target("direction", "count", direction=direction)
    assert evaluate(target, value, previous) == Evaluation(status, reason)


def test_the_status_of_an_evaluation_has_a_label_and_a_symbol():
    shown = {s: (Evaluation(s, "").label, Evaluation(s, "").symbol) for s in Status}
    assert shown == {
        Status.MET: ("Uppfyllt", "✓"),
        Status.NOT_MET: ("Ej uppfyllt", "✗"),
        Status.NOT_JUDGED: ("Ej bedömt", "○"),
        Status.NO_TARGET: ("Inget målvärde", "–"),
        Status.MISSING: ("Värde saknas", "?"),
    }


@pytest.mark.parametrize(
    ("target", "text"),
    [
        (Target("comparison", "days", operator="lte", threshold=Decimal("0.8")), "≤ 0,8 dygn"),
        (Target("comparison", "count", operator="gt", threshold=Decimal(5)), "> 5"),
        (Target("comparison", "count", operator="eq", threshold=Decimal(5), note="per år"),
         "5 per år"),
        (Target("comparison", "count", operator="lt"), "Inget målvärde"),
        (Target("direction", "count", direction="decrease", note="(trend)"),
         "Ska minska jämfört med föregående år (trend)"),
        (Target(note="ignoreras"), "Inget målvärde"),
    ],
)  # fmt: skip
def test_targets_are_described_as_written(target, text):
    assert target.describe() == text


@pytest.mark.parametrize(
    ("value", "kind", "text"),
    [(Decimal("3.00"), "count", "3"), (Decimal("2.50"), "count", "2,5"), (-5, "count", "−5"),
     (Decimal("1200"), "count", "1\u00a0200"), (-1234567, "count", "−1\u00a0234\u00a0567"),
     (Decimal("0.75"), "days", "0,8"), (7, "days", "7,0"), (12.0, "percentage", "12,0"),
     (Decimal("-0.5"), "percentage", "−0,5"), (Decimal("89.44"), "percentage", "89,4"),
     (Decimal("0.05"), "percentage", "0,1"), (Decimal("0.04"), "percentage", "0,0"),
     (Decimal("1234.5"), "days", "1\u00a0234,5")],
)  # fmt: skip
def test_numbers_in_swedish_notation(value, kind, text):
    assert format_number(value, kind) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [(Decimal("4.0"), "4"), (Decimal("72.35"), "72,35"), (1200, "1200"), (-3, "−3"),
     (Decimal("1E+3"), "1000")],
)  # fmt: skip
def test_format_number_without_a_kind_writes_the_number_as_given(value, text):
    # What a person typed, quoted in a message, and the import template's cells: no rounding,
    # no thousands spaces (the template goes back into Excel and the import).
    assert format_number(value) == text


@pytest.mark.parametrize(
    ("value", "kind", "text"),
    [(Decimal("70"), "percentage", "70 %"), (Decimal("95.5"), "percentage", "95,5 %"),
     (Decimal("1"), "days", "1,0 dygn"), (Decimal("1200"), "count", "1\u00a0200")],
)  # fmt: skip
def test_a_threshold_is_written_as_the_plan_writes_it(value, kind, text):
    assert format_value(value, kind, as_written=True) == text


@pytest.mark.parametrize(
    ("value", "kind", "text"),
    [(None, "count", "–"), ("", "text", "–"), (True, "yes_no", "Ja"), (0, "yes_no", "Nej"),
     ("Pågår enligt plan", "text", "Pågår enligt plan"), (0, "count", "0"),
     (Decimal("72"), "percentage", "72,0 %"), (Decimal("1.3"), "days", "1,3 dygn"),
     (Decimal("86"), "percentage", "86,0 %"), (Decimal("89.4"), "percentage", "89,4 %"),
     (4500, "count", "4\u00a0500")],
)  # fmt: skip
def test_values_with_their_unit(value, kind, text):
    assert format_value(value, kind) == text


@pytest.mark.parametrize(
    ("value", "previous", "word"),
    [(1, 0, "↑ ökning"), (0, 1, "↓ minskning"), (Decimal("1.0"), 1, "→ oförändrat"),
     (None, 1, ""), (1, None, ""), ("", 1, ""), (1, "", ""), ("ja", 1, ""),
     (True, False, "↑ ökning")],
)  # fmt: skip
def test_trend_words(value, previous, word):
    assert trend(value, previous) == word


# --- periods -----------------------------------------------------------------------------------


def test_the_deadline_follows_the_setting(settings):
    (spec,) = periods.periods_for("year", [2026])
    assert spec.deadline == date(2027, 1, 30)
    settings.SIMBA_DEADLINE_DAYS = 10
    assert periods.deadline_days() == 10
    assert spec.deadline == date(2027, 1, 10)
    del settings.SIMBA_DEADLINE_DAYS
    assert periods.deadline_days() == 30


@pytest.mark.parametrize(
    ("kind", "start", "end", "label"),
    [("year", date(2027, 1, 1), date(2027, 12, 31), "Helår 2027"),
     ("half_year", date(2027, 1, 1), date(2027, 6, 30), "Första halvåret 2027"),
     ("half_year", date(2027, 7, 1), date(2027, 12, 31), "Andra halvåret 2027"),
     ("month", date(2027, 1, 1), date(2027, 1, 31), "Januari 2027"),
     ("month", date(2027, 12, 1), date(2027, 12, 31), "December 2027"),
     ("rolling_12_months", date(2026, 7, 1), date(2027, 6, 30),
      "12 månader t.o.m. 30 juni 2027")],
)  # fmt: skip
def test_period_labels(kind, start, end, label):
    assert periods.period_label(kind, start, end) == label


def test_an_unknown_kind_of_period_is_refused():
    with pytest.raises(ValueError, match="Okänd periodtyp: quarter"):
        periods.period_label("quarter", date(2027, 1, 1), date(2027, 3, 31))
    with pytest.raises(ValueError, match="Okänd periodtyp: quarter"):
        periods.periods_for("quarter", [2027])


def test_every_month_of_a_leap_year_ends_on_its_last_day():
    months = periods.periods_for("month", [2028])
    assert [(m.start, m.end) for m in months][:3] == [
        (date(2028, 1, 1), date(2028, 1, 31)),
        (date(2028, 2, 1), date(2028, 2, 29)),
        (date(2028, 3, 1), date(2028, 3, 31)),
    ]
    assert (months[-1].start, months[-1].end) == (date(2028, 12, 1), date(2028, 12, 31))
    assert {m.kind for m in months} == {"month"}


def test_half_years_over_two_years_in_time_order():
    halves = periods.periods_for("half_year", [2026, 2027])
    assert [(h.start, h.end) for h in halves] == [
        (date(2026, 1, 1), date(2026, 6, 30)), (date(2026, 7, 1), date(2026, 12, 31)),
        (date(2027, 1, 1), date(2027, 6, 30)), (date(2027, 7, 1), date(2027, 12, 31)),
    ]  # fmt: skip
    assert {h.kind for h in halves} == {"half_year"}


def test_latest_twelve_months_default_to_the_first_of_december_and_follow_the_date_given():
    (default,) = periods.periods_for("rolling_12_months", [2027])
    assert (default.start, default.end, default.kind) == (
        date(2026, 12, 2),
        date(2027, 12, 1),
        "rolling_12_months",
    )
    (june,) = periods.periods_for("rolling_12_months", [2027], as_of_month=6, as_of_day=30)
    assert (june.start, june.end) == (date(2026, 7, 1), date(2027, 6, 30))
    assert june.deadline == date(2027, 7, 30)


# --- workflow ----------------------------------------------------------------------------------

LEADER = wf.Actor(is_process_leader=True, may_report=True)
AREA = wf.Actor(is_process_leader=False, may_report=True)
READER = wf.Actor(is_process_leader=False, may_report=False)
DEADLINE = date(2027, 1, 30)
PERIOD_END = date(2026, 12, 31)  # the period ends before every "today" below but one


def test_the_deadline_day_itself_is_not_past():
    assert not wf.past_deadline(DEADLINE, DEADLINE)
    assert wf.past_deadline(DEADLINE, date(2027, 1, 31))


@pytest.mark.parametrize("status", [wf.DRAFT, wf.RETURNED, wf.SUBMITTED, wf.APPROVED])
@pytest.mark.parametrize("today", [DEADLINE, date(2027, 1, 31)])
def test_who_may_edit_when(status, today):
    open_ = status in (wf.DRAFT, wf.RETURNED)
    assert wf.can_edit(status, DEADLINE, today, LEADER) == open_
    assert wf.can_edit(status, DEADLINE, today, AREA) == (open_ and today == DEADLINE)
    assert wf.can_edit(status, DEADLINE, today, READER) is False


@pytest.mark.parametrize(
    ("status", "actor", "today", "reason"),
    [
        (wf.DRAFT, READER, DEADLINE, "Du kan läsa men inte ändra den här rapporteringen."),
        (wf.APPROVED, AREA, DEADLINE,
         "Rapporteringen är godkänd och låst. Processledaren kan öppna den igen."),
        (wf.APPROVED, LEADER, DEADLINE,
         "Rapporteringen är godkänd och låst. Processledaren kan öppna den igen."),
        (wf.SUBMITTED, AREA, DEADLINE, "Rapporteringen är inskickad och väntar på granskning."),
        (wf.DRAFT, AREA, date(2027, 1, 31),
         "Sista dag att rapportera var 2027-01-30. "
         "Kontakta processledaren om värden behöver ändras."),
        (wf.DRAFT, AREA, DEADLINE, ""),
        (wf.RETURNED, LEADER, date(2027, 3, 1), ""),
    ],
)  # fmt: skip
def test_lock_reasons_word_for_word(status, actor, today, reason):
    assert wf.lock_reason(status, DEADLINE, today, actor) == reason


@pytest.mark.parametrize(
    ("status", "action", "actor", "today", "reason", "message"),
    [
        (wf.DRAFT, "archive", LEADER, DEADLINE, "", "Okänd åtgärd."),
        (wf.SUBMITTED, wf.APPROVE, AREA, DEADLINE, "",
         "Bara processledaren kan godkänna en rapportering."),
        (wf.SUBMITTED, wf.RETURN, AREA, DEADLINE, "x",
         "Bara processledaren kan återsända en rapportering."),
        (wf.APPROVED, wf.REOPEN, AREA, DEADLINE, "x",
         "Bara processledaren kan öppna igen en rapportering."),
        (wf.DRAFT, wf.SUBMIT, READER, DEADLINE, "", "Du får inte rapportera för den här enheten."),
        (wf.APPROVED, wf.SUBMIT, AREA, DEADLINE, "",
         "En rapportering med status ”Godkänd” går inte att skicka in."),
        (wf.RETURNED, wf.APPROVE, LEADER, DEADLINE, "",
         "En rapportering med status ”Återsänd” går inte att godkänna."),
        (wf.SUBMITTED, wf.RETURN, LEADER, DEADLINE, "",
         "Skriv ett skäl för att återsända rapporteringen."),
        (wf.DRAFT, wf.SUBMIT, AREA, date(2027, 1, 31), "",
         "Sista dag att rapportera var 2027-01-30. Kontakta processledaren."),
        (wf.DRAFT, wf.SUBMIT, LEADER, date(2026, 12, 30), "",
         "Perioden tar slut 2026-12-31 och kan skickas in först från den dagen."),
    ],
)  # fmt: skip
def test_refusals_word_for_word(status, action, actor, today, reason, message):
    with pytest.raises(wf.TransitionError) as refused:
        wf.next_status(status, action, actor, DEADLINE, today, reason, period_end=PERIOD_END)
    assert str(refused.value) == message


@pytest.mark.parametrize(
    ("status", "action", "actor", "today", "after"),
    [
        (wf.DRAFT, wf.SUBMIT, AREA, DEADLINE, wf.SUBMITTED),
        (wf.RETURNED, wf.SUBMIT, LEADER, date(2027, 5, 1), wf.SUBMITTED),
        (wf.SUBMITTED, wf.APPROVE, LEADER, date(2027, 5, 1), wf.APPROVED),
        (wf.SUBMITTED, wf.REOPEN, LEADER, DEADLINE, wf.DRAFT),
    ],
)  # fmt: skip
def test_transitions_allowed(status, action, actor, today, after):
    answer = wf.next_status(status, action, actor, DEADLINE, today, "Skäl", period_end=PERIOD_END)
    assert answer == after


def test_a_small_increase_counts_and_the_method_passes_the_previous_value_on():
    target = Target("direction", "percentage", direction="increase")
    assert target.evaluate(Decimal("70.5"), Decimal("70")) == Evaluation(
        Status.MET, "70,5 % har ökat från 70,0 %."
    )


def test_return_without_a_reason_argument_needs_one():
    with pytest.raises(wf.TransitionError, match="Skriv ett skäl"):
        wf.next_status(wf.SUBMITTED, wf.RETURN, LEADER, DEADLINE, DEADLINE, period_end=PERIOD_END)
