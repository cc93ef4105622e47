import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in, serious_accessibility_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reader_logs_in_and_reads_the_plan_without_accessibility_violations(page, reader):
    log_in(page, reader.username)
    heading = page.get_by_role("heading", level=1)
    assert "Handlingsplan för hälsa och den nära vården" in heading.inner_text()
    page.get_by_role("link", name="Fokusområde 5: Vård och omsorg om äldre").click()
    expect(page.get_by_role("heading", name="Mål 5:5 God vård i livets slutskede")).to_be_visible()
    assert serious_accessibility_violations(page) == []


def test_log_in_page_is_accessible_and_says_what_went_wrong(page, reader):
    log_in(page, reader.username, password="fel-lösenord")
    expect(page.get_by_role("alert")).to_be_visible()
    assert serious_accessibility_violations(page) == []
