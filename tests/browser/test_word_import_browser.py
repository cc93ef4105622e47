"""Reading a plan from a Word document in Chromium: upload, preview, create; checked with axe."""

import pytest

from plans.models import Plan
from tests.browser.conftest import log_in, serious_accessibility_violations
from tests.plans.word_documents import dotted_codes_docx, simba_plan_docx

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_process_leader_uploads_previews_and_creates_the_plan(page, process_leader, tmp_path):
    path = tmp_path / "handlingsplan.docx"
    path.write_bytes(simba_plan_docx())
    log_in(page, process_leader.username)
    page.goto(f"{page.base_url}/planer/importera/")
    assert serious_accessibility_violations(page) == []
    page.get_by_label("Planens Word-dokument (.docx)").set_input_files(str(path))
    page.get_by_role("button", name="Läs och förhandsgranska").click()
    status = page.get_by_role("status").filter(has_text="Skapas:")
    assert "17 mål, 38 aktiviteter" in " ".join(status.inner_text().split())
    assert page.get_by_role("table", name="Nyckeltal för mål 2:1").is_visible()
    assert page.get_by_role("table", name="Stycken och celler som inte lästes in, med skälet")
    page.screenshot(path=str(tmp_path / "preview.png"), full_page=True)
    assert serious_accessibility_violations(page) == []
    page.get_by_role("button", name="Skapa planen som utkast").click()
    page.get_by_role("heading", name="Redigera planen").wait_for()
    assert "skapad som utkast" in page.content()
    assert Plan.objects.filter(status="draft", first_year=2026).count() == 2


def test_a_bad_file_is_explained_on_an_accessible_page(page, process_leader, tmp_path):
    path = tmp_path / "plan.docx"
    path.write_bytes(b"ingen Word-fil")
    log_in(page, process_leader.username)
    page.goto(f"{page.base_url}/planer/importera/")
    page.get_by_label("Planens Word-dokument (.docx)").set_input_files(str(path))
    page.get_by_role("button", name="Läs och förhandsgranska").click()
    assert "inte ett Word-dokument" in page.get_by_role("alert").first.inner_text()
    assert serious_accessibility_violations(page) == []
    good = tmp_path / "annan.docx"
    good.write_bytes(dotted_codes_docx())
    page.get_by_label("Planens Word-dokument (.docx)").set_input_files(str(good))
    page.get_by_role("button", name="Läs och förhandsgranska").click()
    assert page.get_by_role("heading", name="Mål 2.2 Trygg hemgång").is_visible()
    assert serious_accessibility_violations(page) == []
