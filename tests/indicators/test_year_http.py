"""A whole year on one page: an area group reports its year in one sitting."""

import pytest
from django.urls import reverse

from indicators.models import Submission, Value
from tests.indicators.conftest import good_value

pytestmark = pytest.mark.django_db


def year_data(found, unit, year, **extra):
    data = dict(extra)
    for period in found.periods_for(unit):
        if period.end.year != year:
            continue
        for kf in found.figures_for(unit, period):
            for name, value in {"explanation": "Förklaring", **good_value(kf)}.items():
                data[f"p{period.pk}-kf{kf.pk}-{name}"] = value
    return data


def expected_values(found, unit, year):
    return sum(
        len(found.figures_for(unit, p)) for p in found.periods_for(unit) if p.end.year == year
    )


def test_area_group_fills_in_a_whole_year_in_one_post(client, ale_user, ale, found):
    client.force_login(ale_user)
    url = reverse("indicators:year", args=["1440", 2027])
    assert client.post(url, year_data(found, ale, 2027)).status_code == 302
    assert Value.objects.filter(org_unit=ale).count() == expected_values(found, ale, 2027)


def test_one_bad_value_in_the_year_saves_nothing(client, ale_user, ale, found):
    client.force_login(ale_user)
    data = year_data(found, ale, 2027)
    key = next(k for k in data if k.endswith("-number"))
    data[key] = "-5"
    response = client.post(reverse("indicators:year", args=["1440", 2027]), data)
    assert response.status_code == 422
    assert not Value.objects.exists()


def test_submitting_the_year_submits_every_ended_complete_period(
    client, process_leader, ale, found
):
    client.force_login(process_leader)
    data = year_data(found, ale, 2026, skicka_in="1")
    client.post(reverse("indicators:year", args=["1440", 2026]), data)
    # On the suite's date (30 November 2026): January–November (November ends today, and a
    # period can be submitted from its last day) and the first half have ended; December, the
    # second half and the whole year have not.
    status = {
        (s.period.kind, s.period.start.month): s.status
        for s in Submission.objects.filter(org_unit=ale, period__end__year=2026)
    }
    submitted = {("month", m) for m in range(1, 12)} | {("half_year", 1)}
    assert {k for k, v in status.items() if v == "submitted"} == submitted & status.keys()
    assert {k for k, v in status.items() if v == "draft"} == status.keys() - submitted
    assert ("month", 10) in status and ("month", 11) in status  # Ale reports monthly figures


def test_another_municipality_cannot_open_ales_year(client, tjorn_user, found):
    client.force_login(tjorn_user)
    assert client.get(reverse("indicators:year", args=["1440", 2026])).status_code == 404


def test_a_year_outside_the_plan_is_not_found(client, ale_user, found):
    client.force_login(ale_user)
    assert client.get(reverse("indicators:year", args=["1440", 2031])).status_code == 404
