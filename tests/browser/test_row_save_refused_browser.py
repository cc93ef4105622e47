""" "Spara raden" when the row cannot be saved any more: the row says why, in place; never a whole
page (header and menu) inside the grid. Approved by someone else, taken away from the user, and
saved by someone else first (stale)."""

import pytest

from indicators.models import Period, Submission, Value
from indicators.reporting import ensure_reporting
from organisation.models import OrgUnit
from tests.browser.conftest import log_in, serious_accessibility_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def grid(page, simba_plan, ale_user):
    found = ensure_reporting(simba_plan)
    ale = OrgUnit.objects.get(code="1440")
    period = Period.objects.get(plan=simba_plan, kind="year", start__year=2027)
    first = next(kf for kf in found.figures_for(ale, period) if kf.value_kind == "count")
    log_in(page, ale_user.username)
    page.goto(f"{page.base_url}/uppfoljning/enhet/1440/period/{period.pk}/")
    page.locator(f"#id_kf{first.pk}-number").fill("7")
    return ale, period, first


def save_row(page, kf):
    page.get_by_role("button", name=f"Spara raden {kf.name}").click()
    row = page.locator(f"#rad-{kf.pk}")
    row.locator(".row-notice, .field-error").first.wait_for()
    return row


def no_nested_page(page):
    assert page.locator("header").count() == 1 and page.locator("h1").count() == 1
    assert page.locator(".entry-row .entry-row").count() == 0


def test_row_on_a_period_just_approved_says_so_in_the_row(page, grid):
    ale, period, kf = grid
    Submission.objects.filter(org_unit=ale, period=period).update(status="approved")
    row = save_row(page, kf)
    text = row.locator(".row-notice").inner_text()
    assert "Raden sparades inte." in text and "godkänd" in text.lower()
    no_nested_page(page)
    assert not Value.objects.exists()
    assert serious_accessibility_violations(page) == []


def test_row_of_a_unit_no_longer_the_users_says_so_in_the_row(page, grid, ale_user):
    ale, period, kf = grid
    profile = ale_user.profile
    profile.org_unit = OrgUnit.objects.get(code="1419")
    profile.save()
    row = save_row(page, kf)  # the server answers 403; the page shows it in the row
    assert "saknar behörighet" in row.locator(".row-notice").inner_text()
    no_nested_page(page)
    assert not Value.objects.exists()


def test_row_saved_by_someone_else_first_says_so_in_the_row(page, grid, process_leader):
    ale, period, kf = grid
    Value.objects.create(key_figure=kf, org_unit=ale, period=period, number=3, version=1,
                         updated_by=process_leader)  # fmt: skip
    row = save_row(page, kf)
    assert row.locator(".field-error").first.is_visible()
    no_nested_page(page)
    assert Value.objects.get().number == 3
