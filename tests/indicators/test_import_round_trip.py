"""The import template round-trips, blank rows are skipped and counted, numbers are read one way."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from indicators.demo import fill_values
from indicators.models import Value
from plans.models import KeyFigure
from plans.targets import ValueKind

pytestmark = pytest.mark.django_db

HEADER = "kommun;nyckeltal;period;värde;kommentar\n"
FORMULA = '=HYPERLINK("http://x","Klicka")'


def upload(client, content, name="varden.csv"):
    if isinstance(content, str):
        content = content.encode("utf-8")
    return client.post(reverse("indicators:import"), {"file": SimpleUploadedFile(name, content)})


def page(response) -> str:
    return response.content.decode()


def state():
    """Every value with its version and history count: what a no-op import must leave alone."""
    return {
        v.pk: (v.version, v.number, v.numerator, v.denominator, v.text, v.comment, v.yes_no)
        for v in Value.objects.all()
    }, Value.history.count()


def test_the_template_uploaded_unchanged_changes_nothing(client, ale_user, simba_plan):
    fill_values(simba_plan, [2027], seed=3)
    text = Value.objects.filter(org_unit__code="1440", key_figure__value_kind=ValueKind.TEXT)
    text.update(text="Mottagningen följs upp kvartalsvis.", comment=FORMULA)
    assert Value.objects.filter(org_unit__code="1440", numerator__isnull=False).exists()
    count = KeyFigure.objects.filter(value_kind=ValueKind.COUNT, values__org_unit__code="1440")
    Value.objects.filter(key_figure__in=count[:1], org_unit__code="1440").update(number=1200)
    before = state()
    client.force_login(ale_user)
    template = client.get(reverse("indicators:import_template"), {"ar": 2027}).content
    cells = csv.reader(io.StringIO(template.decode("utf-8-sig")), delimiter=";")
    assert "'" + FORMULA in [c for row in cells for c in row]  # escaped on the way out
    preview = upload(client, template)
    assert preview.status_code == 200, [r.error for r in preview.context["parsed"].bad][:3]
    assert "Inget ändras" in page(preview)
    blank = preview.context["parsed"].blank
    assert blank > 0 and f"{blank} tomma rader hoppades över." in page(preview)
    assert not preview.context["parsed"].changed
    confirmed = client.post(reverse("indicators:import_confirm"), follow=True)
    assert "Inget ändrades" in page(confirmed)
    assert state() == before
    kept = Value.objects.filter(org_unit__code="1440", key_figure__value_kind=ValueKind.TEXT)
    assert {v.text for v in kept} == {"Mottagningen följs upp kvartalsvis."}
    assert {v.comment for v in kept} == {FORMULA}


def test_a_template_with_one_value_changed_writes_that_value_only(client, ale_user, simba_plan):
    fill_values(simba_plan, [2027], seed=3)
    client.force_login(ale_user)
    lines = client.get(reverse("indicators:import_template"), {"ar": 2027}).content
    lines = lines.decode("utf-8-sig").splitlines()
    target = next(i for i, line in enumerate(lines) if ";Antal förskrivna FaR;2027;" in line)
    cells = lines[target].split(";")
    cells[3] = "1 234"  # a thousands space, as Swedes write it
    lines[target] = ";".join(cells)
    before = Value.history.count()
    preview = upload(client, "\r\n".join(lines))
    assert preview.status_code == 200
    assert "1 värde ändras" in page(preview) and "Spara 1 värde" in page(preview)
    client.post(reverse("indicators:import_confirm"))
    assert Value.history.count() == before + 1
    far = Value.objects.get(org_unit__code="1440", key_figure__name="Antal förskrivna FaR",
                            period__kind="year", period__start__year=2027)  # fmt: skip
    assert far.number == 1234


def test_blank_rows_are_skipped_and_counted_in_the_singular(client, ale_user, found):
    client.force_login(ale_user)
    text = (
        HEADER
        + "Ale;Antal förskrivna FaR;2027;31;\n;;;;\nAle;Antal upprättade SIP i SAMSA;2027-01;;\n"
    )
    response = upload(client, text)
    assert response.status_code == 200
    content = page(response)
    assert "Raden är korrekt." in content and "1 värde ändras" in content
    assert "2 tomma rader hoppades över." in content
    two = upload(client, HEADER + "Ale;Antal förskrivna FaR;2027;31;\n;;;;\n")
    assert "1 tom rad hoppades över." in page(two)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("Kungälv,Antal förskrivna FaR,2027,0,7,", "Rad 2: Värdet ”0” följs av ”7”"),
        ("Kungälv,Antal förskrivna FaR,2027,0,7", "Rad 2: Värdet ”0” följs av ”7”"),
    ],
)
def test_an_unquoted_decimal_comma_in_a_comma_file_is_refused(client, process_leader, found,
                                                              line, message):  # fmt: skip
    client.force_login(process_leader)
    response = upload(client, "kommun,nyckeltal,period,värde,kommentar\n" + line + "\n")
    assert response.status_code == 422
    assert message in page(response)
    assert "inom citattecken" in page(response)
    assert client.post(reverse("indicators:import_confirm")).status_code == 302
    assert not Value.objects.exists()


def test_a_quoted_decimal_comma_in_a_comma_file_is_read(client, process_leader, found):
    client.force_login(process_leader)
    text = 'kommun,nyckeltal,period,värde\nSIMBA-området,Medelvårdtid,2027,"0,7"\n'
    kf = KeyFigure.objects.filter(value_kind=ValueKind.DAYS).first()
    text = text.replace("Medelvårdtid", kf.name)
    response = upload(client, text)
    errors = [r.error for r in response.context["parsed"].rows]
    assert "decimalkomma" not in " ".join(errors)


@pytest.mark.parametrize("typed", ["1 200", "1\u00a0200", "1\u202f200", "1200"])
def test_thousands_spaces_are_accepted(client, ale_user, found, typed):
    client.force_login(ale_user)
    response = upload(client, HEADER + f"Ale;Antal förskrivna FaR;2027;{typed};\n")
    assert response.status_code == 200, response.context["parsed"].bad[0].error
    client.post(reverse("indicators:import_confirm"))
    assert Value.objects.get().number == 1200


@pytest.mark.parametrize("typed", ["1e3", "1E3", "NaN", "nan", "inf", "Infinity", "-inf", "12 00",
                                   "1,2,3", "0x10"])  # fmt: skip
def test_exponents_nan_and_infinity_are_refused_saying_what_is_allowed(client, ale_user, found,
                                                                       typed):  # fmt: skip
    client.force_login(ale_user)
    response = upload(client, HEADER + f"Ale;Antal förskrivna FaR;2027;{typed};\n")
    assert response.status_code == 422
    assert "Rad 2:" in page(response)
    assert "Mellanslag mellan tusental" in page(response)
    assert "exponent (1e3), NaN och oändligt går inte" in page(response)


def test_the_entry_grid_reads_numbers_by_the_same_rule(client, ale_user, ale, year_2027,
                                                       ale_figures):  # fmt: skip
    from tests.indicators.conftest import entry_url, grid_data

    far = next(kf for kf in ale_figures if kf.name == "Antal förskrivna FaR")
    client.force_login(ale_user)
    bad = client.post(
        entry_url(ale, year_2027), grid_data(ale_figures, {far.pk: {"number": "1e3"}})
    )
    assert "exponent (1e3)" in page(bad) and not Value.objects.exists()
    client.post(entry_url(ale, year_2027), grid_data(ale_figures, {far.pk: {"number": "1 200"}}))
    assert Value.objects.get(key_figure=far).number == 1200


def test_a_fraction_in_a_comma_file_is_not_mistaken_for_a_decimal_comma(client, ale_user, found):
    from indicators.imports import period_code

    ale = ale_user.profile.org_unit
    kf, period = next(
        (kf, p)
        for p in found.periods_for(ale)
        if p.end.year == 2027
        for kf in found.figures_for(ale, p)
        if kf.value_kind == ValueKind.PERCENTAGE and kf.has_fraction
    )
    client.force_login(ale_user)
    header = "kommun,nyckeltal,period,värde,täljare,nämnare\n"
    text = header + f"Ale,{kf.name},{period_code(period)},60,3,5\n"
    response = upload(client, text)
    assert response.status_code == 200, response.context["parsed"].bad[0].error
    assert "60,0 %" in page(response)  # the import preview shows the value as every page does
