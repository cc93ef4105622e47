"""Property: for random values (gaps, "uppgift kan inte lämnas", approved and preliminary reports)
the overview table, the unit pages, the overview's CSV, the report's data CSV and the report's
chart series give the same value and status for every figure × unit × year; and the same value
reads the same everywhere it is shown (overview, unit page, the full report, the deck's alt texts
and bar labels), with one precision per kind of value (never "86 %" beside "89,4 %")."""

import html
import io
import re
from collections import defaultdict
from decimal import Decimal
from unittest import mock

import pytest
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from PIL import ImageDraw
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from indicators import outcomes
from indicators.models import Period, Submission, Value
from indicators.reporting import reporting_units
from organisation.models import OrgUnit
from plans.models import KeyFigure
from reports import slides
from reports.deck_pptx import render_deck_pptx
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
        # Half the time a denominator that makes whole percentages ("86,0 %" beside "89,4 %").
        denominator = draw(st.sampled_from([20, 50, 100]) | st.integers(1, 200))
        numerator = draw(st.integers(0, denominator))
        number = (Decimal(numerator) * 100 / denominator).quantize(Decimal("0.1"))
        if kf.has_fraction:
            return {"number": number, "numerator": numerator, "denominator": denominator}
        return {"number": number}
    if kf.value_kind == "days":
        return {"number": Decimal(draw(st.integers(1, 30))) / 10}
    return {"number": Decimal(draw(st.integers(1, 60) | st.integers(900, 1500)))}  # "1 200"


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
    return _plain_text(part.split(">", 1)[1])


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
    days = [kf for kf in others if kf.value_kind == "days"][:1]
    more = draw(st.lists(st.sampled_from(others), max_size=2, unique_by=lambda k: k.pk))
    # Every monthly and half-yearly figure, a figure in days, and a few others.
    figures = [*several, *days, *(kf for kf in more if kf not in days)]
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
    _check_displayed_text(client, report, snapshot, figures, units, unit_pages)


# The value at the start of a shown text: "1 200", "86,0 %", "0,8 dygn" (a coverage in brackets
# may follow). Thousands are grouped with a no-break space; any other space ends the value.
BAR = "presentationen (stapel)"
VALUE = re.compile(r"^−?\d[\d\u00a0]*(?:,\d+)?(?: %| dygn)?")


def _value_of(text: str) -> str:
    match = VALUE.match(text)
    return match.group(0) if match else text


def _number_of(value: str) -> str:
    return value.removesuffix(" %").removesuffix(" dygn")


def _decimals(value: str) -> int:
    number = _number_of(value)
    return len(number.split(",")[1]) if "," in number else 0


def _plain_text(part: str) -> str:
    part = re.sub(r"<abbr[^>]*>\*</abbr>", "", part)  # the preliminary mark
    text = html.unescape(re.sub(r"<[^>]+>", " ", part))
    return re.sub(r"[ \t\r\n]+", " ", text).strip()  # the no-break space is part of a value


def _page_value(page: str, kf, unit, year) -> str:
    """The value text of a figure × unit × year cell on the overview or a unit page."""
    part = page.split(f'data-cell="{kf.pk}-{unit.code}-{year}"')[1].split("</td>")[0]
    return _plain_text(part.split('<span class="cell-value">')[1].split("</span>")[0])


def _report_values(page: str) -> dict:
    """{(figure, unit, year): value text} from the full report's tables (this year's and last
    year's columns)."""
    found = {}
    for section in re.finditer(r"<h4>Nyckeltal: (.*?)</h4>(.*?)</table>", page, re.S):
        name = _plain_text(re.sub(r'<span class="mark">.*?</span>', "", section.group(1)))
        for row in re.finditer(r'<th scope="row">(.*?)</th>(.*?)</tr>', section.group(2), re.S):
            unit = _plain_text(row.group(1))
            for cell in re.finditer(r'<td data-label="Värde (\d{4})"[^>]*>(.*?)</td>',
                                    row.group(2), re.S):  # fmt: skip
                inner = cell.group(2)
                if '<span class="value">' in inner:
                    inner = inner.split('<span class="value">')[1].split("</span>")[0]
                found[(name, unit, int(cell.group(1)))] = _plain_text(inner)
    return found


def _deck_values(snapshot: dict, units: list[str]) -> dict:
    """{(figure, unit, year, where): value text} from the PowerPoint deck: each chart's alt
    text, and the number written at the end of each bar in the chart image (drawn text
    recorded; the bar's label is the number without its unit)."""
    drawn, charted = [], {}
    real_text, real_chart = ImageDraw.ImageDraw.text, slides.figure_chart

    def text(self, xy, words, *args, **kwargs):
        drawn.append(words)
        return real_text(self, xy, words, *args, **kwargs)

    def figure_chart(figure, years, target=None):
        drawn.clear()
        chart = real_chart(figure, years, target)
        charted[figure["name"]] = list(drawn)
        return chart

    with (
        mock.patch.object(ImageDraw.ImageDraw, "text", text),
        mock.patch.object(slides, "figure_chart", figure_chart),
    ):
        deck = Presentation(io.BytesIO(render_deck_pptx(snapshot)))
    year, found = snapshot["year"], {}
    for name, texts in charted.items():
        for index, words in enumerate(texts[:-1]):
            if words in units and texts[index + 1] != "värde saknas":
                found[(name, words, year, "stapel")] = texts[index + 1]
    alt = re.compile(r"Stapeldiagram: (.*) per enhet \d{4}(?:, \d{4} som ring)?\. \d{4}: (.*?)\.")
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.shape_type != MSO_SHAPE_TYPE.PICTURE:
                continue
            match = alt.match(shape._element.nvPicPr.cNvPr.get("descr"))
            for part in match.group(2).split("; "):
                unit = next(u for u in sorted(units, key=len, reverse=True) if part.startswith(u))
                found[(match.group(1), unit, year, "alt")] = part[len(unit) + 1 :]
    assert charted and found, "the deck draws no chart"
    return found


def _check_displayed_text(client, report, snapshot, figures, units, unit_pages):
    """The same value's text on the overview, its unit page, the full report (web page) and the
    deck is the same text; and each kind of value has one precision across all of them."""
    shown = defaultdict(dict)  # (figure, unit, year) -> {where: text}
    overview = {
        year: client.get(reverse("indicators:overview"), {"year": year}).content.decode()
        for year in YEARS
    }
    for kf in figures:
        for unit in outcomes.row_units(kf, units):
            for year in YEARS:
                key = (kf.name, unit.name, year)
                shown[key]["översikten"] = _page_value(overview[year], kf, unit, year)
                shown[key]["enhetssidan"] = _page_value(unit_pages[unit.code], kf, unit, year)
    page = client.get(reverse("reports:web", args=[report.pk]))
    assert page.status_code == 200
    for key, text in _report_values(page.content.decode()).items():
        if key in shown:
            shown[key]["rapporten"] = text
    names = [u.name for u in units]
    for (name, unit, year, where), text in _deck_values(snapshot, names).items():
        if (name, unit, year) in shown:
            shown[(name, unit, year)][f"presentationen ({where})"] = text
    kinds = {kf.name: kf.value_kind for kf in figures}
    precisions = defaultdict(set)
    for key, texts in shown.items():
        assert "rapporten" in texts or key[2] not in snapshot["years"][-2:], key
        full = {w: t for w, t in texts.items() if not w.startswith("presentationen")}
        assert len(set(full.values())) == 1, (key, texts)  # value with its coverage
        values = {w: _value_of(t) for w, t in texts.items() if w != BAR}
        assert len(set(values.values())) == 1, (key, texts)  # the value alone
        value = next(iter(values.values()))
        if BAR in texts:
            assert texts[BAR] == _number_of(value), (key, texts)  # the bar's number
        if VALUE.match(value):
            precisions[kinds[key[0]]].add(_decimals(value))
    assert all(len(p) == 1 for p in precisions.values()), dict(precisions)
    assert "percentage" in precisions and "days" in precisions, dict(precisions)


def found_figures(plan):
    return KeyFigure.objects.filter(goal__focus_area__plan=plan).select_related(
        "goal", "followed_up_by"
    )
