"""Signed-in pages are not cached, /logga-ut/ answers GET with a page, counts read right in
Swedish, and the unit page lists the period that ends today as open for reporting now."""

from datetime import date

import pytest
from django.template import Context, Template
from django.urls import reverse

from indicators.models import Value
from indicators.texts import saved_message

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url", ["/uppfoljning/enhet/1440/", "/uppfoljning/import/", "/uppfoljning/import/mall.csv"]
)
def test_signed_in_pages_are_private_and_not_stored(client, ale_user, url):
    client.force_login(ale_user)
    response = client.get(url)
    assert response.status_code == 200
    parts = {p.strip() for p in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= parts and "public" not in parts


def test_pages_for_anonymous_visitors_stay_cacheable(client, simba_plan):
    for url in ("/tillganglighet/", "/halsa/"):
        response = client.get(url)
        assert response.status_code == 200
        assert "no-store" not in response.get("Cache-Control", "")


def test_get_logout_shows_a_swedish_page_with_a_button(client, ale_user):
    client.force_login(ale_user)
    response = client.get("/logga-ut/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Logga ut</h1>" in page and 'action="/logga-ut/"' in page
    assert "_auth_user_id" in client.session  # GET alone never logs out
    assert client.post("/logga-ut/").status_code == 302
    assert "_auth_user_id" not in client.session
    assert "Du är inte inloggad." in client.get("/logga-ut/").content.decode()


@pytest.mark.parametrize(
    ("count", "forms", "text"),
    [(1, "rad,rader", "1 rad"), (0, "rad,rader", "0 rader"), (12, "tom rad,tomma rader",
     "12 tomma rader"), ([1], "värde,värden", "1 värde")],
)  # fmt: skip
def test_counts_take_singular_or_plural(count, forms, text):
    template = Template("{% load simba_tags %}{{ n|antal:forms }}")
    assert template.render(Context({"n": count, "forms": forms})) == text


def test_saved_messages_take_singular_or_plural():
    assert saved_message(1) == "Sparat (1 värde ändrat)."
    assert saved_message(3) == "Sparat (3 värden ändrade)."


def test_one_row_saved_on_the_entry_grid_says_one_value(client, ale_user, ale, year_2027,
                                                        ale_figures):  # fmt: skip
    from tests.indicators.conftest import entry_url

    kf = next(kf for kf in ale_figures if kf.value_kind == "count")
    client.force_login(ale_user)
    data = {f"kf{kf.pk}-number": "4", f"kf{kf.pk}-version": "0"}
    response = client.post(entry_url(ale, year_2027), data, follow=True)
    assert "Sparat (1 värde ändrat)." in response.content.decode()
    assert Value.objects.count() == 1


def test_unit_page_lists_the_month_that_ends_today_as_open_now(client, ale_user, found,
                                                               monkeypatch):  # fmt: skip
    monkeypatch.setattr("indicators.views.today", lambda: date(2026, 11, 30))
    client.force_login(ale_user)
    page = client.get(reverse("indicators:unit", args=["1440"])).content.decode()
    due = page.split('id="att-gora"')[1].split('id="inskickat"')[0]
    coming = page.split('id="kommande"')[1]
    assert "November 2026" in due and "Inget att rapportera just nu" not in due
    assert "November 2026" not in coming.split("</details>")[0]


@pytest.fixture
def found(simba_plan):
    from indicators.reporting import ensure_reporting

    return ensure_reporting(simba_plan)


@pytest.fixture
def ale(simba_plan):
    from organisation.models import OrgUnit

    return OrgUnit.objects.get(code="1440")


@pytest.fixture
def year_2027(found, simba_plan):
    from indicators.models import Period

    return Period.objects.get(plan=simba_plan, kind="year", start__year=2027)


@pytest.fixture
def ale_figures(found, ale, year_2027):
    return found.figures_for(ale, year_2027)
