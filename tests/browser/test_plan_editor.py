import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in, serious_accessibility_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_process_leader_edits_a_goal_and_a_target_and_finds_them_in_history(page, process_leader):
    log_in(page, process_leader.username)
    page.get_by_role("link", name="Redigera planen").click()
    expect(page.get_by_role("heading", name="Redigera planen")).to_be_visible()
    assert serious_accessibility_violations(page) == []

    page.get_by_role("link", name="Ändra mål 2:1").click()
    title = page.get_by_label("Rubrik")
    expect(title).to_be_focused()
    assert serious_accessibility_violations(page) == []  # the editing state
    title.fill("Trygg och säker utskrivning från sjukhus")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("status")).to_contain_text("Ändringen i mål 2:1 har sparats")
    expect(
        page.get_by_role("heading", name=re.compile("Trygg och säker utskrivning"))
    ).to_be_visible()

    page.get_by_role("link", name="Ändra nyckeltalet Medelvårdtiden som utskrivningsklar").click()
    page.get_by_label("Jämförelse", exact=True).select_option(label="≤")
    page.get_by_label("Gränsvärde", exact=True).fill("0,8")
    assert serious_accessibility_violations(page) == []
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("status")).to_contain_text("har sparats")

    page.get_by_role("link", name="Visa planen som läsarna ser den").click()
    expect(page.get_by_role("heading", name=re.compile("Mål 2:1 Trygg och säker"))).to_be_visible()
    expect(page.get_by_role("cell", name="≤ 0,8 dygn")).to_be_visible()
    assert serious_accessibility_violations(page) == []

    page.get_by_role("link", name="Historik för mål 2:1").click()
    latest = page.locator(".history-entry").first
    expect(latest).to_contain_text(process_leader.username)
    row = latest.get_by_role("row", name=re.compile("^Rubrik"))
    expect(row.get_by_role("cell").nth(0)).to_contain_text("Trygg och effektiv utskrivning")
    expect(row.get_by_role("cell").nth(1)).to_have_text("Trygg och säker utskrivning från sjukhus")
    assert serious_accessibility_violations(page) == []


def test_a_refused_edit_shows_the_swedish_message_in_place(page, process_leader):
    log_in(page, process_leader.username)
    page.get_by_role("link", name="Redigera planen").click()
    page.get_by_role("link", name="Ändra mål 1:1").click()
    page.get_by_label("Rubrik").fill("")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_text("Skriv målets rubrik.")).to_be_visible()
    assert serious_accessibility_violations(page) == []


def test_deleting_asks_in_place_and_renumbers_the_rest(page, process_leader):
    log_in(page, process_leader.username)
    page.get_by_role("link", name="Redigera planen").click()
    page.get_by_role("link", name="Ta bort aktivitet 2:2:1").click()
    expect(page.get_by_role("alert")).to_contain_text("Vill du ta bort aktivitet 2:2:1?")
    assert serious_accessibility_violations(page) == []
    page.get_by_role("button", name="Ja, ta bort aktivitet 2:2:1").click()
    expect(page.get_by_role("status")).to_contain_text("Aktivitet 2:2:1 har tagits bort")
    activities = page.get_by_role("list", name="Aktiviteter för mål 2:2")
    expect(activities.locator(".code").first).to_have_text("2:2:1")
    expect(activities.locator(".code")).to_have_count(4)


def test_the_life_cycle_pages_are_accessible(page, process_leader, simba_plan):
    log_in(page, process_leader.username)
    page.goto(f"{page.base_url}/planer/{simba_plan.pk}/faststall/")
    assert serious_accessibility_violations(page) == []
    page.get_by_role("button", name="Fastställ planen").click()
    expect(page.get_by_role("status")).to_contain_text("Planen är fastställd")
    assert serious_accessibility_violations(page) == []
