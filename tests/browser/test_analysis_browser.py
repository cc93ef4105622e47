"""The analysis edited in place in a real browser, checked with axe at each step."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in, serious_accessibility_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_process_leader_writes_the_analysis_in_place_and_finds_it_in_history(page, process_leader):
    csp = []
    page.on("console", lambda m: csp.append(m.text) if "Content Security Policy" in m.text else 0)
    log_in(page, process_leader.username)
    page.get_by_role("link", name="Rapporter").click()
    page.get_by_role("link", name="2026 (analys och nästa steg)").click()
    expect(page.get_by_role("heading", name="Analys och nästa steg 2026")).to_be_visible()
    assert serious_accessibility_violations(page) == []

    page.get_by_role("link", name="Ändra Året i korthet").click()
    overall = page.get_by_role("textbox", name="Året i korthet")
    expect(overall).to_be_focused()
    assert serious_accessibility_violations(page) == []  # the editing state
    overall.fill("Planen går framåt i tre av fyra kommuner.")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("status")).to_contain_text("Året i korthet har sparats")
    expect(page.get_by_text("Planen går framåt i tre av fyra kommuner.")).to_be_visible()

    page.get_by_role("link", name="Ändra analysen av mål 2:1").click()
    page.get_by_label("Analys", exact=True).fill("Medelvårdtiden sjönk till 0,8 dygn.")
    page.get_by_label("Nästa steg").fill("Gemensam rutin. Ansvar: samordningsgruppen.")
    page.get_by_role("button", name="Spara analysen av mål 2:1").click()
    expect(page.get_by_role("status")).to_contain_text("Analysen av mål 2:1 har sparats")
    expect(page.get_by_text("Medelvårdtiden sjönk till 0,8 dygn.")).to_be_visible()
    assert serious_accessibility_violations(page) == []

    page.get_by_role("link", name=re.compile("^Historik")).click()
    latest = page.locator(".history-entry").first
    expect(latest).to_contain_text("Mål 2:1")
    expect(latest).to_contain_text(process_leader.username)
    expect(latest.get_by_role("row", name=re.compile("^Analys"))).to_contain_text("0,8 dygn")
    assert serious_accessibility_violations(page) == []
    assert csp == []


def test_an_area_group_comments_a_goal_from_its_year_page(page, ale_user):
    log_in(page, ale_user.username)
    page.goto(page.base_url + "/uppfoljning/enhet/1440/ar/2026/")
    page.get_by_role("link", name="Skriv kommentarer till målen").click()
    expect(page.get_by_role("heading", name="Ales kommentarer till målen 2026")).to_be_visible()
    assert serious_accessibility_violations(page) == []
    page.get_by_role("link", name="Ändra Ales kommentar till mål 2:1").click()
    comment = page.get_by_label("Kommentar")
    expect(comment).to_be_focused()
    comment.fill("Ale har en ny rutin för utskrivning.")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("status")).to_contain_text("Ales kommentar till mål 2:1 har sparats")
    assert serious_accessibility_violations(page) == []
    page.get_by_role("link", name="Analysen för 2026").click()
    expect(page.get_by_text("Ale har en ny rutin för utskrivning.")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("^Ändra"))).to_have_count(0)


def test_a_stale_save_shows_the_comparison_in_place(page, process_leader, simba_plan):
    from analysis.models import YearAnalysis

    log_in(page, process_leader.username)
    page.goto(f"{page.base_url}/analys/{simba_plan.pk}/2026/")
    page.get_by_role("link", name="Ändra Året i korthet").click()
    expect(page.get_by_role("textbox", name="Året i korthet")).to_be_focused()
    # Someone else saves first, after the form was opened.
    YearAnalysis.objects.create(plan=simba_plan, year=2026, overall="Någon annans text.", version=1)
    page.get_by_role("textbox", name="Året i korthet").fill("Min text.")
    page.get_by_role("button", name="Spara").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Dina ändringar är inte sparade.")
    expect(alert.get_by_role("row", name=re.compile("^Året i korthet"))).to_contain_text(
        "Någon annans text."
    )
    expect(page.get_by_role("textbox", name="Året i korthet")).to_have_value("Min text.")
    assert serious_accessibility_violations(page) == []
    page.get_by_role("button", name="Spara").click()  # saving again is a deliberate choice
    expect(page.get_by_role("status")).to_contain_text("Året i korthet har sparats")
    assert YearAnalysis.objects.get(plan=simba_plan, year=2026).overall == "Min text."
