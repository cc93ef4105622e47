"""One truth for every figure: the overview, its CSV, the unit page and the report's data CSV
agree, including the two cases that once disagreed (issue 9)."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from indicators.demo import fill_values
from indicators.models import Period, Value
from indicators.outcomes import EXPORT_HEADER
from organisation.models import OrgUnit
from plans.models import KeyFigure
from reports.models import Report
from reports.snapshot import build_snapshot, fingerprint
from tests.exports import read_export

pytestmark = pytest.mark.django_db

SIP = "Antal upprättade SIP i SAMSA"
REFERRALS = "Andel vårdbegäran"


def put(kf, unit, period, **fields):
    return Value.objects.create(key_figure=kf, org_unit=unit, period=period, **fields)


def periods(plan, kind, year):
    return list(Period.objects.filter(plan=plan, kind=kind, start__year=year).order_by("start"))


def rows_of(response) -> list[list[str]]:
    assert response.status_code == 200, response.status_code
    return read_export(response)


def overview_csv(client, year) -> list[list[str]]:
    url = reverse("indicators:overview")
    return rows_of(client.get(url, {"year": year, "export": "csv", "tabell": "status"}))


def report_csv(client, plan, user, year) -> list[list[str]]:
    snapshot = build_snapshot(plan, year, "samordningsgruppen", ordered_by=user)
    report = Report.objects.create(
        plan=plan, year=year, audience="samordningsgruppen", requested_by=user,
        snapshot=snapshot, fingerprint=fingerprint(snapshot), status=Report.Status.DONE,
    )  # fmt: skip
    return rows_of(client.get(reverse("reports:data", args=[report.pk])))


def of_figure(rows, name, year):
    return {r[2]: r for r in rows[1:] if r[1].startswith(name) and r[3] == str(year)}


@pytest.fixture
def leader_client(client, process_leader, found):
    client.force_login(process_leader)
    return client


def test_monthly_count_with_one_missing_month_shows_its_coverage_everywhere(
    leader_client, simba_plan, process_leader
):
    """Was: overview "37 ✓ Uppfyllt" (December against November), PDF "Värde saknas"."""
    sip = KeyFigure.objects.get(name=SIP)
    months = periods(simba_plan, "month", 2026)
    for unit in OrgUnit.objects.filter(kind="municipality"):
        for month in months:
            if unit.name == "Stenungsund" and month.start.month == 1:
                continue  # Stenungsund's January is missing
            put(sip, unit, month, number=Decimal(3))
    overview = overview_csv(leader_client, 2026)
    report = report_csv(leader_client, simba_plan, process_leader, 2026)
    assert overview[0] == report[0] == EXPORT_HEADER
    mine, theirs = of_figure(overview, SIP, 2026), of_figure(report, SIP, 2026)
    assert mine == theirs
    assert mine["Stenungsund"][4:8] == ["33", "Ej bedömt", "summa jan–dec", "11 av 12 mån"]
    assert mine["Ale"][4:7] == ["36", "Ej bedömt", "summa jan–dec"]  # no 2025 to compare with
    assert mine["SIMBA-området"][4:6] == ["141", "Ej bedömt"]  # every value, with coverage
    assert mine["SIMBA-området"][7] == "3 av 4 kommuner fullständiga"
    assert all(row[5] != "Värde saknas" for row in mine.values())


def test_half_yearly_percentage_is_the_years_numerators_over_its_denominators(
    leader_client, simba_plan, process_leader
):
    """Was: Kungälv 57,4 % on the overview (second half only), 65,3 % in the PDF."""
    share = KeyFigure.objects.get(name__startswith=REFERRALS)
    first, second = periods(simba_plan, "half_year", 2026)
    kungalv = OrgUnit.objects.get(name="Kungälv")
    put(share, kungalv, first, number=Decimal("73.3"), numerator=88, denominator=120)
    put(share, kungalv, second, number=Decimal("57.4"), numerator=70, denominator=122)
    overview = of_figure(overview_csv(leader_client, 2026), REFERRALS, 2026)
    report = of_figure(report_csv(leader_client, simba_plan, process_leader, 2026), REFERRALS,
                       2026)  # fmt: skip
    assert overview == report
    # (88 + 70) / (120 + 122) = 65,3 %: the whole year, not the second half's 57,4 %.
    assert overview["Kungälv"][4:7] == ["65,3 %", "Ej uppfyllt", "täljare/nämnare båda halvåren"]
    page = leader_client.get(reverse("indicators:unit", args=[kungalv.code])).content.decode()
    cell = page.split(f'data-cell="{share.pk}-{kungalv.code}-2026"')[1].split("</td>")[0]
    assert "65,3 %" in cell and "Ej uppfyllt" in cell


def test_area_value_outside_the_municipalities_range_is_shown_with_a_warning(
    leader_client, simba_plan
):
    days = KeyFigure.objects.get(name="Medelvårdtiden som utskrivningsklar")
    year = Period.objects.get(plan=simba_plan, kind="year", start__year=2026)
    numbers = ("0.8", "1.0", "1.2", "0.9")
    for unit, number in zip(OrgUnit.objects.filter(kind="municipality"), numbers, strict=True):
        put(days, unit, year, number=Decimal(number))
    area = OrgUnit.objects.get(kind="area")
    put(days, area, year, number=Decimal("2.5"))
    warning = "ligger inte inom kommunernas spann (0,8 dygn–1,2 dygn)"
    overview = leader_client.get(reverse("indicators:overview"), {"year": 2026}).content.decode()
    assert warning in overview
    entry = leader_client.get(reverse("indicators:entry", args=[area.code, year.pk]))
    assert warning in entry.content.decode()
    assert "Kommunernas värden" in entry.content.decode()
    Value.objects.filter(org_unit=area).update(number=Decimal("1.1"))
    overview = leader_client.get(reverse("indicators:overview"), {"year": 2026}).content.decode()
    assert "Varning" not in overview


def test_demo_area_values_lie_within_their_municipalities_range(simba_plan):
    fill_values(simba_plan, [2026], seed=3, today=date(2027, 6, 1))
    checked = 0
    for value in Value.objects.filter(org_unit__kind="area", number__isnull=False):
        numbers = list(
            Value.objects.filter(
                key_figure=value.key_figure_id, period=value.period_id,
                org_unit__kind="municipality", number__isnull=False,
            ).values_list("number", flat=True)
        )  # fmt: skip
        if numbers:
            checked += 1
            assert min(numbers) <= value.number <= max(numbers)
    assert checked


def test_report_data_csv_follows_the_reports_access(client, reader, simba_plan, process_leader):
    snapshot = build_snapshot(simba_plan, 2026, "samordningsgruppen")
    report = Report.objects.create(
        plan=simba_plan, year=2026, audience="samordningsgruppen", requested_by=process_leader,
        snapshot=snapshot, fingerprint=fingerprint(snapshot), status=Report.Status.DONE,
    )  # fmt: skip
    client.force_login(reader)
    assert client.get(reverse("reports:data", args=[report.pk])).status_code == 404
