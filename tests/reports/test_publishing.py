"""Publishing says how many values are preliminary and asks before publishing them (no JS)."""

import pytest
from django.urls import reverse

from reports.models import Report
from reports.services import NeedsConfirmation, publish_report
from reports.snapshot import build_snapshot, fingerprint
from tests.reports.conftest import stored_report
from tests.reports.factories import known_dataset

pytestmark = pytest.mark.django_db


@pytest.fixture
def preliminary_report(simba_plan, process_leader):
    known_dataset(simba_plan)
    report = stored_report(simba_plan, process_leader)
    report.snapshot = build_snapshot(simba_plan, 2027, "samordningsgruppen")
    report.fingerprint = fingerprint(report.snapshot)
    report.save()
    counts = report.snapshot["counts"]
    assert 0 < counts["preliminary"] < counts["values"]
    return report


def text(counts) -> str:
    return f"{counts['preliminary']} av {counts['values']} värden är inte godkända"


def test_the_status_page_says_how_many_values_are_not_approved(
    client, process_leader, preliminary_report
):
    client.force_login(process_leader)
    html = client.get(reverse("reports:detail", args=[preliminary_report.pk])).content.decode()
    assert text(preliminary_report.snapshot["counts"]) in html


def test_publishing_preliminary_values_asks_first_and_publishes_only_when_confirmed(
    client, process_leader, preliminary_report
):
    client.force_login(process_leader)
    url = reverse("reports:publish", args=[preliminary_report.pk])
    response = client.post(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert text(preliminary_report.snapshot["counts"]) in html
    assert 'name="bekrafta" value="ja"' in html and 'method="post"' in html
    preliminary_report.refresh_from_db()
    assert not preliminary_report.is_published  # asking changed nothing

    response = client.post(url, {"bekrafta": "ja"})
    assert response.status_code == 302
    preliminary_report.refresh_from_db()
    assert preliminary_report.is_published and preliminary_report.published_by == process_leader


def test_the_rule_holds_without_the_page_too(process_leader, preliminary_report):
    with pytest.raises(NeedsConfirmation, match="värden är inte godkända"):
        publish_report(preliminary_report, process_leader)
    assert not Report.objects.get(pk=preliminary_report.pk).is_published
    assert not preliminary_report.events.filter(action="published").exists()


def test_a_report_without_preliminary_values_is_published_at_once(
    client, process_leader, unpublished_report
):
    client.force_login(process_leader)
    response = client.post(reverse("reports:publish", args=[unpublished_report.pk]))
    assert response.status_code == 302
    unpublished_report.refresh_from_db()
    assert unpublished_report.is_published
