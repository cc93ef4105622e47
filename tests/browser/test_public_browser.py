"""The public pages (/insyn/) in Chromium on a desktop and a phone-sized screen: axe finds nothing
serious or critical, they read without log-in, and they work with JavaScript switched off."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.conftest import serious_accessibility_violations
from tests.publication.conftest import _empty_cache, filled_plan, public_year  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 740}}


def _urls(publication):
    plan = publication.plan_id
    return [
        reverse("publication:index"),
        reverse("publication:plan", args=[plan]),
        reverse("publication:year", args=[plan, 2026]),
        reverse("publication:about"),
        reverse("publication:data"),
    ]


@pytest.mark.parametrize("size", SIZES)
def test_public_pages_are_accessible(chromium, live_server, public_year, size):  # noqa: F811
    context = chromium.new_context(locale="sv-SE", viewport=SIZES[size])
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        for url in _urls(public_year):
            page.goto(live_server.url + url)
            assert "/logga-in/" not in page.url
            assert serious_accessibility_violations(page) == [], url
            if url.endswith("/2026/"):
                page.screenshot(path=f"/tmp/insyn-{size}.png")
    finally:
        context.close()


def test_public_year_page_works_without_javascript(chromium, live_server, public_year):  # noqa: F811
    context = chromium.new_context(locale="sv-SE", java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        page.goto(live_server.url + reverse("publication:plan", args=[public_year.plan_id]))
        page.get_by_role("link", name="Så gick det 2026").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Så gick det 2026")
        page.get_by_role("link", name="Alla värden 2026 som CSV").is_visible()
    finally:
        context.close()
