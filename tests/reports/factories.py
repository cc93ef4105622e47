"""A small, known dataset on the real plan: the values the report tests look for."""

from datetime import date
from decimal import Decimal

from indicators.models import ActivityFollowUp, Period, Submission, Value
from indicators.periods import periods_for
from organisation.models import OrgUnit
from plans.models import Activity, KeyFigure

DISCHARGE = "Medelvårdtiden som utskrivningsklar"  # goal 2:1, days, target < 1,0
OUTREACH = "Antal utåtriktade insatser mot befolkningen"  # goal 1:2, count, no target
SIP = "Antal upprättade SIP i SAMSA"  # goal 2:2, monthly count, should increase


def unit(name: str) -> OrgUnit:
    return OrgUnit.objects.get(name=name)


def figure(name: str) -> KeyFigure:
    return KeyFigure.objects.get(name=name)


def period(plan, kind: str, start: date) -> Period:
    spec = next(s for s in periods_for(kind, [start.year]) if s.start == start)
    return Period.objects.get_or_create(
        plan=plan, kind=kind, start=start, defaults={"end": spec.end, "deadline": spec.deadline}
    )[0]


def year(plan, y: int) -> Period:
    return period(plan, "year", date(y, 1, 1))


def value(plan, name: str, unit_name: str, per: Period, **fields) -> Value:
    return Value.objects.create(key_figure=figure(name), org_unit=unit(unit_name), period=per,
                                **fields)  # fmt: skip


def approve(unit_name: str, per: Period, status=Submission.Status.APPROVED) -> None:
    Submission.objects.update_or_create(
        org_unit=unit(unit_name), period=per, defaults={"status": status}
    )


def known_dataset(plan) -> None:
    """Ale meets the discharge target in 2026 (approved) and misses it in 2027 (preliminary);
    Kungälv misses it in 2026; every municipality reports outreach in 2027; Ale's SIP per month.
    """
    y26, y27 = year(plan, 2026), year(plan, 2027)
    value(plan, DISCHARGE, "Ale", y26, number=Decimal("0.8"))
    value(plan, DISCHARGE, "Ale", y27, number=Decimal("1.3"), explanation="Vårdplatsbrist i mars.")
    value(plan, DISCHARGE, "Kungälv", y26, number=Decimal("1.6"))
    approve("Ale", y26)
    approve("Ale", y27, Submission.Status.SUBMITTED)
    approve("Kungälv", y26)
    for name, number in (("Ale", 11), ("Kungälv", 22), ("Stenungsund", 33), ("Tjörn", 44)):
        value(plan, OUTREACH, name, y27, number=Decimal(number))
    for month in range(1, 13):
        value(plan, SIP, "Ale", period(plan, "month", date(2026, month, 1)), number=month)
    activity = Activity.objects.get(goal__focus_area__plan=plan, code="2:1:1")
    ActivityFollowUp.objects.create(
        activity=activity, period=y27, status=ActivityFollowUp.Status.IN_PROGRESS,
        comment="Ny rutin prövas i Ale och Tjörn.",
    )  # fmt: skip
