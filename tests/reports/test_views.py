"""Report pages over HTTP: ordering returns at once, status polling, downloads by role."""

from decimal import Decimal

import pytest
from django.urls import reverse

from reports.models import Report
from tests.reports.conftest import PDF
from tests.reports.factories import DISCHARGE, value, year

pytestmark = pytest.mark.django_db

ROLES = ["reader", "ale_user", "tjorn_user", "process_leader", "admin_user"]
LEADERS = {"process_leader", "admin_user"}


def test_ordering_returns_at_once_with_the_job_queued(client, simba_plan, process_leader):
    client.force_login(process_leader)
    url = reverse("reports:order", args=[simba_plan.pk])
    response = client.post(url, {"year": 2026, "audience": "samordningsgruppen"})
    report = Report.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("reports:detail", args=[report.pk])
    assert report.status == Report.Status.QUEUED  # the job runs after commit, not in the request


def test_ordering_with_a_bad_year_says_what_to_fix(client, simba_plan, process_leader):
    client.force_login(process_leader)
    url = reverse("reports:order", args=[simba_plan.pk])
    response = client.post(url, {"year": 2031, "audience": "samordningsgruppen"}, follow=True)
    assert "Välj ett år inom planens period 2026–2027." in response.content.decode()
    assert not Report.objects.exists()


def test_status_fragment_polls_while_queued(client, simba_plan, process_leader):
    from tests.reports.conftest import stored_report

    report = stored_report(simba_plan, process_leader, status=Report.Status.QUEUED)
    client.force_login(process_leader)
    html = client.get(reverse("reports:status", args=[report.pk])).content.decode()
    assert 'hx-trigger="every 2s"' in html and "I kö" in html


def test_status_fragment_stops_polling_and_offers_download_when_done(
    client, unpublished_report, process_leader
):
    client.force_login(process_leader)
    html = client.get(reverse("reports:status", args=[unpublished_report.pk])).content.decode()
    assert "hx-trigger" not in html
    assert reverse("reports:download", args=[unpublished_report.pk]) in html
    assert "Publicera den här versionen" in html


@pytest.mark.parametrize("role", ROLES)
def test_everyone_signed_in_downloads_a_published_report(client, request, role, published_report):
    client.force_login(request.getfixturevalue(role))
    response = client.get(reverse("reports:download", args=[published_report.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]


@pytest.mark.parametrize("role", ROLES)
def test_only_the_process_leader_downloads_an_unpublished_report(
    client, request, role, unpublished_report
):
    client.force_login(request.getfixturevalue(role))
    response = client.get(reverse("reports:download", args=[unpublished_report.pk]))
    assert response.status_code == (200 if role in LEADERS else 404)


def test_anonymous_cannot_download_a_published_report(client, published_report):
    response = client.get(reverse("reports:download", args=[published_report.pk]))
    assert response.status_code == 302 and "/logga-in/" in response.url


def test_download_is_checked_again_after_unpublishing(client, reader, published_report):
    client.force_login(reader)
    url = reverse("reports:download", args=[published_report.pk])
    assert client.get(url).status_code == 200
    Report.objects.filter(pk=published_report.pk).update(published_at=None)
    assert client.get(url).status_code == 404


def test_reader_lists_only_published_reports(
    client, reader, simba_plan, published_report, unpublished_report
):
    client.force_login(reader)
    html = client.get(reverse("reports:index", args=[simba_plan.pk])).content.decode()
    assert reverse("reports:detail", args=[published_report.pk]) in html
    assert reverse("reports:detail", args=[unpublished_report.pk]) not in html
    assert "Beställ rapport" not in html


def test_web_version_shows_the_frozen_snapshot(client, reader, simba_plan, published_report):
    client.force_login(reader)
    url = reverse("reports:web", args=[published_report.pk])
    before = client.get(url).content.decode()
    # A value reported after the snapshot: the web version (from the snapshot) must not show it.
    value(simba_plan, DISCHARGE, "Ale", year(simba_plan, 2026), number=Decimal("7.7"))
    html = client.get(url).content.decode()
    assert "7,7" not in html and before.count("dygn") == html.count("dygn")
    assert "Uppföljning av handlingsplanen 2026" in html
    assert 'id="mal-2-1"' in html
    assert "style=" not in html and "<script>" not in html


def test_publishing_through_the_page_makes_the_report_visible_to_readers(
    client, reader, process_leader, unpublished_report
):
    client.force_login(process_leader)
    client.post(reverse("reports:publish", args=[unpublished_report.pk]))
    client.force_login(reader)
    url = reverse("reports:detail", args=[unpublished_report.pk])
    assert client.get(url).status_code == 200
