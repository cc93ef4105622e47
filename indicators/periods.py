"""Which periods a key figure needs a value for, derived from its frequency and the plan's years.

Plain functions on dates; `Period` rows are created from these specs only when needed.
"""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings

MONTHS = [
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
]  # fmt: skip


def deadline_days() -> int:
    """Days after a period's end by which its values are due (setting SIMBA_DEADLINE_DAYS)."""
    return getattr(settings, "SIMBA_DEADLINE_DAYS", 30)


@dataclass(frozen=True)
class PeriodSpec:
    kind: str
    start: date
    end: date

    @property
    def deadline(self) -> date:
        return self.end + timedelta(days=deadline_days())

    @property
    def label(self) -> str:
        return period_label(self.kind, self.start, self.end)


def period_label(kind: str, start: date, end: date) -> str:
    if kind == "year":
        return f"Helår {start.year}"
    if kind == "half_year":
        return f"{'Första' if start.month == 1 else 'Andra'} halvåret {start.year}"
    if kind == "month":
        return f"{MONTHS[start.month - 1].capitalize()} {start.year}"
    if kind == "rolling_12_months":
        return f"12 månader t.o.m. {end.day} {MONTHS[end.month - 1]} {end.year}"
    raise ValueError(f"Okänd periodtyp: {kind}")


def periods_for(kind: str, years, as_of_month: int | None = None, as_of_day: int | None = None):
    """Every period of `kind` in the given years, in time order."""
    specs = []
    for year in years:
        if kind == "year":
            specs.append(PeriodSpec(kind, date(year, 1, 1), date(year, 12, 31)))
        elif kind == "half_year":
            specs.append(PeriodSpec(kind, date(year, 1, 1), date(year, 6, 30)))
            specs.append(PeriodSpec(kind, date(year, 7, 1), date(year, 12, 31)))
        elif kind == "month":
            for month in range(1, 13):
                last = calendar.monthrange(year, month)[1]
                specs.append(PeriodSpec(kind, date(year, month, 1), date(year, month, last)))
        elif kind == "rolling_12_months":
            end = date(year, as_of_month or 12, as_of_day or 1)
            start = end.replace(year=year - 1) + timedelta(days=1)
            specs.append(PeriodSpec(kind, start, end))
        else:
            raise ValueError(f"Okänd periodtyp: {kind}")
    return specs
