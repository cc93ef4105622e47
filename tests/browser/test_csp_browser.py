"""The pages work under the Content Security Policy: no violation reported by the browser."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in, serious_accessibility_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _watch_violations(page) -> list[str]:
    violations: list[str] = []
    page.on(
        "console",
        lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    return violations


def test_plan_page_runs_htmx_without_csp_violations(page, reader):
    violations = _watch_violations(page)
    log_in(page, reader.username)
    page.wait_for_function("() => window.htmx !== undefined")
    assert page.evaluate("() => htmx.config.includeIndicatorStyles") is False
    assert page.evaluate("() => document.querySelectorAll('style').length") == 0
    assert violations == []


def test_locked_out_and_error_pages_have_no_csp_violations(page, reader, settings):
    violations = _watch_violations(page)
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        log_in(page, reader.username, password="fel-lösenord")
    assert "spärrad" in page.get_by_role("alert").inner_text()
    assert serious_accessibility_violations(page) == []
    page.goto(page.base_url + "/finns-inte/")
    assert violations == []


def test_admin_pages_and_the_anonymise_action_have_no_csp_violations(page, admin_user, reader):
    violations = _watch_violations(page)
    log_in(page, admin_user.username)
    page.goto(page.base_url + "/admin/")
    page.goto(page.base_url + "/admin/auth/user/")
    page.goto(page.base_url + f"/admin/auth/user/{admin_user.pk}/change/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.goto(page.base_url + "/admin/auth/user/")
    page.locator(f'input[name="_selected_action"][value="{reader.pk}"]').check()
    page.select_option('select[name="action"]', "deactivate_and_remove_personal_data")
    page.get_by_role("button", name="Utför").click()
    expect(page.get_by_text("kan inte återställas")).to_be_visible()
    page.get_by_role("button", name="Ja, avaktivera och ta bort personuppgifterna").click()
    expect(page.get_by_text("1 konto avaktiverades")).to_be_visible()
    assert violations == []
