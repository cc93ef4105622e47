"""A value's history in the admin is read-only: no revert, no edit."""

import pytest
from django.urls import reverse

from indicators.models import Period, Value
from indicators.reporting import ensure_reporting
from organisation.models import OrgUnit
from plans.models import KeyFigure

pytestmark = pytest.mark.django_db


@pytest.fixture
def value(simba_plan):
    ensure_reporting(simba_plan)
    value = Value.objects.create(
        key_figure=KeyFigure.objects.get(name="Antal förskrivna FaR"),
        org_unit=OrgUnit.objects.get(name="Ale"),
        period=Period.objects.get(kind="year", start__year=2027),
        number=5,
    )
    value.number = 6
    value.save()
    return value


def test_admin_can_read_a_values_history(client, admin_user, value):
    client.force_login(admin_user)
    page = client.get(reverse("admin:indicators_value_history", args=[value.pk]))
    assert page.status_code == 200


def test_admin_cannot_revert_a_value_to_an_old_version(client, admin_user, value):
    client.force_login(admin_user)
    first = value.history.earliest("history_date")
    url = reverse("admin:indicators_value_simple_history", args=[value.pk, first.history_id])
    assert client.get(url).status_code in (200, 403)
    response = client.post(url, {"number": "1"})
    assert response.status_code == 403
    value.refresh_from_db()
    assert value.number == 6 and value.history.count() == 2
