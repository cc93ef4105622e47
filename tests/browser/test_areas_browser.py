"""A region-wide reader switches area from the header, by keyboard; both pages pass axe."""

import pytest

from tests.browser.conftest import log_in, serious_accessibility_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_region_wide_reader_switches_area_from_the_header(page, region_reader, other_area):
    log_in(page, region_reader.username)
    page.goto(page.base_url + "/uppfoljning/oversikt/")
    header = page.locator(".site-header")
    assert "Lerum–Alingsås" in header.inner_text()  # the first area by name
    assert "Område: Lerum–Alingsås" in header.inner_text()
    header.get_by_role("link", name="Byt område").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Samverkansområde"
    assert serious_accessibility_violations(page) == []
    page.get_by_role("radio", name="SIMBA-området").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Visa området").focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert "Du ser nu SIMBA-området." in page.locator(".messages").inner_text()
    assert "Område: SIMBA-området" in page.locator(".site-header").inner_text()
    page.goto(page.base_url + "/uppfoljning/oversikt/")
    assert "Stenungsund" in page.locator("main").inner_text()
    assert serious_accessibility_violations(page) == []
