"""The report as a web page and the order/status pages, in Chromium, checked with axe-core."""

import pytest

from reports.snapshot import build_snapshot
from tests.browser.conftest import log_in, serious_accessibility_violations
from tests.reports.conftest import stored_report
from tests.reports.factories import known_dataset

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def published(simba_plan, process_leader):
    known_dataset(simba_plan)
    report = stored_report(simba_plan, process_leader, published=True)
    report.snapshot = build_snapshot(simba_plan, 2027, "politiska_samradsgruppen")
    report.year = 2027
    report.save()
    return report


def test_reader_reads_the_published_report_as_an_accessible_web_page(page, reader, published):
    log_in(page, reader.username)
    page.goto(f"{page.base_url}/rapporter/{published.pk}/webb/")
    assert (
        page.get_by_role("heading", level=1).inner_text() == "Uppföljning av handlingsplanen 2027"
    )
    page.get_by_role("link", name="Mål 2:1 Trygg och effektiv", exact=False).first.click()
    figure = page.get_by_role("heading", name="Nyckeltal: Medelvårdtiden som utskrivningsklar")
    assert figure.count() == 1 and figure.is_visible()
    assert page.get_by_text("1,3 dygn*").first.is_visible()
    assert serious_accessibility_violations(page) == []


def test_web_report_fits_a_phone_screen(chromium, live_server, reader, published):
    context = chromium.new_context(locale="sv-SE", viewport={"width": 375, "height": 740})
    page = context.new_page()
    page.base_url = live_server.url
    log_in(page, reader.username)
    page.goto(f"{page.base_url}/rapporter/{published.pk}/webb/")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    # Stacked on a phone, each activity cell says what it is (the header row is hidden).
    cell = page.locator(".activity-table td[data-label='Aktivitet']").first
    label = cell.evaluate("c => getComputedStyle(c, '::before').content")
    assert label == '"Aktivitet"'
    assert serious_accessibility_violations(page) == []
    context.close()


def test_process_leader_orders_a_report_and_gets_its_status_page(page, process_leader, simba_plan):
    log_in(page, process_leader.username)
    page.goto(f"{page.base_url}/rapporter/plan/{simba_plan.pk}/")
    assert serious_accessibility_violations(page) == []
    page.get_by_label("Fullständig rapport för samordningsgruppen").check()
    page.get_by_role("button", name="Beställ", exact=True).click()
    # No broker in this process: the job runs at commit; the page shows the finished report.
    page.get_by_role("link", name="Ladda ner PDF").wait_for(timeout=60_000)
    assert "Klar" in page.locator("#report-status").inner_text()
    assert serious_accessibility_violations(page) == []


def test_status_page_updates_itself_when_the_job_finishes(page, process_leader, simba_plan):
    from reports.models import Report

    queued = stored_report(simba_plan, process_leader, status=Report.Status.QUEUED)
    log_in(page, process_leader.username)
    page.goto(f"{page.base_url}/rapporter/{queued.pk}/")
    assert "I kö" in page.locator("#report-status").inner_text()
    done = stored_report(simba_plan, process_leader)
    Report.objects.filter(pk=queued.pk).update(
        status=Report.Status.DONE, file=done.file.name, checksum=done.checksum
    )
    page.get_by_role("link", name="Ladda ner PDF").wait_for(timeout=10_000)  # no reload
    assert "Klar" in page.locator("#report-status").inner_text()


def test_publishing_preliminary_values_asks_on_an_accessible_page(page, process_leader, published):
    from reports.models import Report

    Report.objects.filter(pk=published.pk).update(published_at=None, published_by=None)
    counts = published.snapshot["counts"]
    log_in(page, process_leader.username)
    page.goto(f"{page.base_url}/rapporter/{published.pk}/")
    expected = f"{counts['preliminary']} av {counts['values']} värden är inte godkända"
    assert expected in page.locator("#report-status").inner_text()
    page.get_by_role("button", name="Publicera den här versionen").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Publicera med preliminära värden?"
    assert expected in page.get_by_role("alert").inner_text()
    assert serious_accessibility_violations(page) == []
    page.get_by_role("button", name="Publicera ändå", exact=False).click()
    assert "publicerad" in page.locator(".plan-meta").inner_text()
    assert Report.objects.get(pk=published.pk).is_published
