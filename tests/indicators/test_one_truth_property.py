"""Property: for random values (gaps, "uppgift kan inte lämnas", approved and preliminary reports)
the overview table, the unit pages, the overview's CSV, the report's data CSV and the report's
chart series give the same value and status for every figure × unit × year."""

import re
from decimal import Decimal

import pytest
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from indicators import outcomes
from indicators.models import Period, Submission, Value
from indicators.reporting import reporting_units
from organisation.models import OrgUnit
from plans.models import KeyFigure
from reports.models import Report
from reports.snapshot import build_snapshot, fingerprint
from tests.exports import read_export

pytestmark = pytest.mark.django_db
YEARS = (2026, 2027)
STATES = ["value", "value", "value", "gap", "not_available"]


def _value_fields(draw, kf) -> dict:
    if kf.value_kind == "yes_no":
        return {"yes_no": draw(st.booleans())}
    if kf.value_kind == "text":
        return {"text": draw(st.sampled_from(["Enligt mallen", "Se bilaga"]))}
    if kf.value_kind == "percentage":
        denominator = draw(st.integers(1, 200))
        numerator = draw(st.integers(0, denominator))
        number = (Decimal(numerator) * 100 / denominator).quantize(Decimal("0.1"))
        if kf.has_fraction:
            return {"number": number, "numerator": numerator, "denominator": denominator}
        return {"number": number}
    if kf.value_kind == "days":
        return {"number": Decimal(draw(st.integers(1, 30))) / 10}
    return {"number": Decimal(draw(st.integers(1, 60)))}


def _fill(draw, plan, figures, units, periods):
    # Sometimes whole years (so area sums and judged years occur), sometimes gaps everywhere.
    states = STATES if draw(st.booleans()) else ["value"]
    values, approved = [], set()
    for kf in figures:
        mine = [p for p in periods if p.kind == kf.frequency]
        for unit in reporting_units(kf, units):
            for period in mine:
                state = draw(st.sampled_from(states))
                if state == "gap":
                    continue
                fields = {"not_available": True, "not_available_reason": "Systembyte"}
                if state == "value":
                    fields = _value_fields(draw, kf)
                values.append(Value(key_figure=kf, org_unit=unit, period=period, **fields))
                if draw(st.booleans()):
                    approved.add((unit.pk, period.pk))
    Value.objects.bulk_create(values)
    Submission.objects.filter(
        period__plan=plan, status=Submission.Status.DRAFT
    ).update(status=Submission.Status.SUBMITTED)  # fmt: skip
    for unit_pk, period_pk in approved:
        Submission.objects.update_or_create(
            org_unit_id=unit_pk, period_id=period_pk,
            defaults={"status": Submission.Status.APPROVED},
        )  # fmt: skip


def _csv(response) -> list[list[str]]:
    assert response.status_code == 200
    return read_export(response)


def _cell_text(page: str, kf, unit, year) -> str:
    """The visible text of a figure × unit × year cell on a page (tags stripped)."""
    part = page.split(f'data-cell="{kf.pk}-{unit.code}-{year}"')[1].split("</td>")[0]
    return " ".join(re.sub(r"<[^>]+>", " ", part.split(">", 1)[1]).split())


def _check_chart(figure_data, kf, year, by_unit):
    chart = figure_data["chart"]
    if not chart:
        return
    specs = [s for y in YEARS for s in outcomes.year_specs(kf, y)]
    in_year = [i for i, s in enumerate(specs) if s.end.year == year]
    basis = kf.year_basis
    for line in chart["lines"]:
        row = by_unit[line["name"]]
        points = [line["values"][i] for i in in_year]
        present = [p for p in points if p is not None]
        if row["value"] is None:
            assert not present, (line["name"], year)  # "Värde saknas" yet a line: never
            continue
        shown = row["value"]
        if "kommuner" in row["Täckning"]:
            # A partial area value: the chart draws only periods every municipality reported,
            # so for a sum the drawn points add up to at most the value (shares do not add up).
            if basis == outcomes.YearBasis.SUM:
                assert sum(Decimal(str(p)) for p in present) <= shown, (line["name"], year)
            continue
        if basis == outcomes.YearBasis.SUM and present:
            total = sum(Decimal(str(p)) for p in present)
            assert outcomes.rounded(total, kf.value_kind) == shown, (line["name"], year)
            covered = len(present)
            expected = "" if covered == len(points) else f"{covered} av {len(points)} mån"
            if kf.frequency == "half_year" and expected:
                expected = f"{covered} av {len(points)} halvår"
            assert row["Täckning"] == expected
        elif basis == outcomes.YearBasis.LAST and present:
            assert outcomes.rounded(Decimal(str(present[-1])), kf.value_kind) == shown


@settings(
    max_examples=10, deadline=None, derandomize=True,
    phases=[Phase.explicit, Phase.generate],  # bounded: no shrinking over a database
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)  # fmt: skip
@given(data=st.data())
def test_every_page_export_and_report_agree(client, process_leader, simba_plan, found, data):
    sid = transaction.savepoint()
    try:
        _one_example(client, process_leader, simba_plan, data)
    finally:
        transaction.savepoint_rollback(sid)


def _one_example(client, process_leader, simba_plan, data):
    draw = data.draw
    every = list(found_figures(simba_plan))
    several = [kf for kf in every if kf.frequency in ("month", "half_year")]
    others = [kf for kf in every if kf not in several]
    more = draw(st.lists(st.sampled_from(others), max_size=2, unique_by=lambda k: k.pk))
    figures = [*several, *more]  # every monthly and half-yearly figure, and a few others
    units = list(OrgUnit.objects.all())
    periods = list(Period.objects.filter(plan=simba_plan, start__year__in=YEARS))
    _fill(draw, simba_plan, figures, units, periods)

    client.force_login(process_leader)
    snapshot = build_snapshot(simba_plan, YEARS[-1], "samordningsgruppen")
    report = Report.objects.create(
        plan=simba_plan, year=YEARS[-1], audience="samordningsgruppen",
        requested_by=process_leader, snapshot=snapshot, fingerprint=fingerprint(snapshot),
        status=Report.Status.DONE,
    )  # fmt: skip
    report_rows = _csv(client.get(reverse("reports:data", args=[report.pk])))
    unit_pages = {
        u.code: client.get(reverse("indicators:unit", args=[u.code])).content.decode()
        for u in units
        if u.kind != "other"
    }
    names = {kf.name: kf for kf in figures}
    by_name = {u.name: u for u in units}
    snap_figures = {
        f["name"]: f
        for fa in snapshot["focus_areas"]
        for g in fa["goals"]
        for f in g["key_figures"]
    }
    for year in YEARS:
        url = reverse("indicators:overview")
        overview_rows = _csv(client.get(url, {"year": year, "export": "csv", "tabell": "status"}))
        overview_page = client.get(url, {"year": year}).content.decode()
        header = overview_rows[0]
        assert header == report_rows[0] == outcomes.EXPORT_HEADER
        mine = [r for r in overview_rows[1:] if r[3] == str(year)]
        theirs = [r for r in report_rows[1:] if r[3] == str(year)]
        assert mine == theirs  # row for row: value, status, basis, coverage, final
        for row in mine:
            kf = names.get(row[1])
            if kf is None:
                continue
            unit = by_name[row[2]]
            value, status = row[4], row[5]
            for page in (overview_page, unit_pages[unit.code]):
                text = _cell_text(page, kf, unit, year)
                assert value in text and status in text, (kf.name, unit.name, year, text)
        for kf in figures:
            by_unit = {}
            for row in (r for r in mine if r[1] == kf.name):
                cell = next(
                    c
                    for r in snap_figures[kf.name]["rows"]
                    if r["unit"] == row[2]
                    for c in r["cells"]
                    if c["year"] == year
                )
                value = cell["value"]
                if isinstance(value, int | float) and not isinstance(value, bool):
                    value = outcomes.rounded(Decimal(str(value)), kf.value_kind)
                by_unit[row[2]] = {"value": value, "status_label": row[5], "Täckning": row[7]}
            _check_chart(snap_figures[kf.name], kf, year, by_unit)


def found_figures(plan):
    return KeyFigure.objects.filter(goal__focus_area__plan=plan).select_related(
        "goal", "followed_up_by"
    )
