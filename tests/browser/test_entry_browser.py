"""A full entry round in headless Chromium: Ale fills in a year, saves a row, submits; the process
leader approves; every page checked with axe-core."""

import pytest
import time_machine

from indicators.models import Period, Submission
from indicators.reporting import ensure_reporting
from organisation.models import OrgUnit
from plans.targets import ValueKind
from tests.browser.conftest import log_in, serious_accessibility_violations
from tests.indicators.conftest import HELAR_2027_ENDED

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FILL = {
    ValueKind.COUNT: ("number", "12"),
    ValueKind.DAYS: ("number", "0,8"),
    ValueKind.PERCENTAGE: ("number", "96"),
    ValueKind.TEXT: ("text", "Enligt mallen"),
}


def fill_grid(page, figures):
    for kf in figures:
        if kf.value_kind == ValueKind.YES_NO:
            page.locator(f"#id_kf{kf.pk}-yes_no").select_option("ja")
            continue
        field, text = FILL[kf.value_kind]
        page.locator(f"#id_kf{kf.pk}-{field}").fill(text)


def test_area_group_reports_a_year_and_the_process_leader_approves(
    page, simba_plan, ale_user, process_leader
):
    # Helår 2027 can be submitted from its last day: the server (this process) lives on
    # 10 January 2028 for the whole round, log-in included; the browser keeps its own clock.
    with time_machine.travel(HELAR_2027_ENDED, tick=True):
        _report_and_approve(page, simba_plan, ale_user, process_leader)


def _report_and_approve(page, simba_plan, ale_user, process_leader):
    found = ensure_reporting(simba_plan)
    ale = OrgUnit.objects.get(code="1440")
    period = Period.objects.get(plan=simba_plan, kind="year", start__year=2027)
    figures = found.figures_for(ale, period)

    log_in(page, ale_user.username)
    assert page.get_by_role("heading", level=1).inner_text() == "Ale: att rapportera"
    assert serious_accessibility_violations(page) == []

    page.goto(f"{page.base_url}/uppfoljning/enhet/1440/period/{period.pk}/")
    first = figures[0]
    page.locator(f"#id_kf{first.pk}-number").fill("7")
    page.get_by_role("button", name=f"Spara raden {first.name}").click()
    assert page.locator(f"#rad-{first.pk} .saved").inner_text().strip().endswith("Sparat")
    assert serious_accessibility_violations(page) == []

    reason = page.locator(f"#id_kf{first.pk}-not_available_reason")
    assert not reason.is_visible()
    page.locator(f"#id_kf{first.pk}-not_available").check()
    assert reason.is_visible()  # asked for only when "Uppgift kan inte lämnas" is ticked
    page.locator(f"#id_kf{first.pk}-not_available").uncheck()

    fill_grid(page, figures)
    page.get_by_role("button", name="Spara och skicka in").click()
    page.wait_for_load_state()
    assert "Rapporteringen är inskickad" in page.get_by_role("status").first.inner_text()
    assert Submission.objects.get(org_unit=ale, period=period).status == "submitted"
    assert serious_accessibility_violations(page) == []

    page.goto(f"{page.base_url}/uppfoljning/enhet/1440/ar/2026/")
    assert "hela 2026 på en sida" in page.get_by_role("heading", level=1).inner_text()
    assert serious_accessibility_violations(page) == []

    page.get_by_role("button", name="Logga ut").click()
    log_in(page, process_leader.username)
    page.goto(f"{page.base_url}/uppfoljning/oversikt/?year=2027&status=submitted")
    assert serious_accessibility_violations(page) == []
    page.get_by_label("Välj Ale Helår 2027").check()
    page.get_by_role("button", name="Godkänn markerade").click()
    page.wait_for_load_state()
    assert "1 rapportering godkänd" in page.get_by_role("status").first.inner_text()
    assert Submission.objects.get(org_unit=ale, period=period).status == "approved"
