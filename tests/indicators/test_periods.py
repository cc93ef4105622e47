from datetime import date

from indicators.periods import periods_for


def test_yearly_periods_cover_the_plan_years_with_a_deadline_after_the_end():
    specs = periods_for("year", range(2026, 2028))
    assert [(s.start, s.end) for s in specs] == [
        (date(2026, 1, 1), date(2026, 12, 31)),
        (date(2027, 1, 1), date(2027, 12, 31)),
    ]
    assert specs[0].deadline == date(2027, 1, 30)
    assert specs[0].label == "Helår 2026"


def test_half_years_and_months():
    halves = periods_for("half_year", [2026])
    assert [s.label for s in halves] == ["Första halvåret 2026", "Andra halvåret 2026"]
    months = periods_for("month", [2026])
    assert len(months) == 12
    assert months[1].end == date(2026, 2, 28)
    assert months[2].label == "Mars 2026"


def test_latest_twelve_months_as_of_the_first_of_december():
    (spec,) = periods_for("rolling_12_months", [2026], as_of_month=12, as_of_day=1)
    assert (spec.start, spec.end) == (date(2025, 12, 2), date(2026, 12, 1))
    assert spec.label == "12 månader t.o.m. 1 december 2026"
