"""GET /logga-ut/ (a bookmark, a typed address): a Swedish page with a log-out button, axe-clean."""

import pytest

from tests.browser.conftest import log_in, serious_accessibility_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_logout_page_has_a_button_that_logs_out(page, ale_user):
    log_in(page, ale_user.username)
    page.goto(page.base_url + "/logga-ut/")
    assert page.get_by_role("heading", level=1).inner_text() == "Logga ut"
    assert serious_accessibility_violations(page) == []
    page.locator("main").get_by_role("button", name="Logga ut").click()
    page.wait_for_load_state()
    page.goto(page.base_url + "/logga-ut/")
    assert "Du är inte inloggad." in page.locator("main").inner_text()
    assert serious_accessibility_violations(page) == []
