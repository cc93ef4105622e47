"""How a key figure's year value is formed: edited in the plan editor, kept in its history, and
used by the overview at once."""

from decimal import Decimal

import pytest
from django.urls import reverse

from indicators.models import Period, Value
from indicators.reporting import ensure_reporting
from organisation.models import OrgUnit
from plans.models import KeyFigure
from tests.exports import read_export

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def share(simba_plan):
    return KeyFigure.objects.get(name__startswith="Andel vårdbegäran")


def _data(figure, **changes):
    return {
        "name": figure.name, "target_kind": "comparison", "target_operator": "gt",
        "target_threshold": "95", "value_kind": "percentage", "has_fraction": "on",
        "frequency": "half_year", "reporting_level": "both", "reporting_frequency": "yearly",
        "version": figure.version, "reported_to": [a.pk for a in figure.reported_to.all()],
        **changes,
    }  # fmt: skip


def test_the_loaded_plan_has_the_basis_its_figures_call_for(share):
    assert share.year_basis == "fraction"
    assert KeyFigure.objects.get(name="Antal upprättade SIP i SAMSA").year_basis == "sum"
    assert KeyFigure.objects.get(name="Medelvårdtiden som utskrivningsklar").year_basis == "last"
    assert KeyFigure.objects.get(name="Dokumenterat brytpunktssamtal").year_basis == "as_of"


def test_changing_the_basis_is_saved_with_history_and_changes_the_year_value(
    leader, share, simba_plan
):
    ensure_reporting(simba_plan)
    first, second = Period.objects.filter(plan=simba_plan, kind="half_year",
                                          start__year=2026).order_by("start")  # fmt: skip
    kungalv = OrgUnit.objects.get(name="Kungälv")
    for period, (num, den) in ((first, (88, 120)), (second, (70, 122))):
        number = Decimal(num * 100) / den
        Value.objects.create(key_figure=share, org_unit=kungalv, period=period, number=number,
                             numerator=num, denominator=den)  # fmt: skip
    url = reverse("indicators:overview")
    export = {"year": 2026, "export": "csv", "tabell": "status"}
    assert _row(leader.get(url, export), share, "Kungälv")[3:5] == ["2026", "65,3 %"]

    response = leader.post(reverse("plans:key_figure_edit", args=[share.pk]),
                           _data(share, year_basis="last"))  # fmt: skip
    assert response.status_code == 302
    share.refresh_from_db()
    assert share.year_basis == "last"
    assert share.history.first().year_basis == "last"
    assert share.history.all()[1].year_basis == "fraction"
    history = leader.get(reverse("plans:key_figure_history", args=[share.pk])).content.decode()
    assert "Sista periodens värde" in history
    row = _row(leader.get(url, export), share, "Kungälv")
    assert row[3:7] == ["2026", "57,4 %", "Ej uppfyllt", "andra halvåret"]


def _row(response, figure, unit_name) -> list[str]:
    """The status export's row for `figure` × `unit_name` (Mål, Nyckeltal, Enhet, År, ...)."""
    return next(r for r in read_export(response) if r[1] == figure.name and r[2] == unit_name)


def test_a_basis_that_does_not_fit_the_value_is_refused(leader, share):
    response = leader.post(reverse("plans:key_figure_edit", args=[share.pk]),
                           _data(share, year_basis="sum"), **HTMX)  # fmt: skip
    assert response.status_code == 422
    assert "Bara antal kan summeras" in response.content.decode()
    share.refresh_from_db()
    assert share.year_basis == "fraction"


def test_left_empty_the_basis_follows_the_kind_of_value(leader, share):
    leader.post(reverse("plans:key_figure_edit", args=[share.pk]),
                _data(share, year_basis="", frequency="month"))  # fmt: skip
    share.refresh_from_db()
    assert share.year_basis == "fraction"
