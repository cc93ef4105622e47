"""A report shows the data as it was when it was ordered: values corrected after the order, and
again before a retry, never reach the PDF. Through HTTP and a real Celery worker process.

The worker starts only after the data has changed, so a task that read live data (instead of the
report's stored snapshot) would put the new figures in the file.
"""

from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse

from indicators.models import ActivityFollowUp, Value
from reports.models import Report
from tests import workers
from tests.exports import read_export
from tests.reports.factories import DISCHARGE, OUTREACH, known_dataset
from tests.reports.test_pdf import flat, page_texts
from tests.reports.test_worker_report import wait_until_finished

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def queue(transactional_db):
    """A queue of this test's own, with nobody taking from it yet."""
    workers.require_redis()
    name = workers.unique_queue()
    with workers.client_app(name):
        yield name


@pytest.fixture
def run_worker(queue, settings):
    started = []

    def start():
        started.append(
            workers.start_worker(queue, on_test_db=True, MEDIA_ROOT=str(settings.MEDIA_ROOT))
        )

    yield start
    for worker in started:
        workers.stop(worker)


def correct(plan, discharge: str, outreach: int, comment: str) -> None:
    """A later correction of Ale's 2027 figures and the activity's comment (as the process
    leader may make after reopening a report)."""
    for name, number in ((DISCHARGE, Decimal(discharge)), (OUTREACH, Decimal(outreach))):
        value = Value.objects.get(
            key_figure__name=name, org_unit__name="Ale", period__kind="year",
            period__start__year=2027,
        )  # fmt: skip
        value.number = number
        value.save()
    ActivityFollowUp.objects.update(comment=comment)


def shown(report: Report, settings) -> str:
    texts = page_texts(Path(settings.MEDIA_ROOT) / report.file.name)
    goal = next(t for t in texts[2:] if "Mål 2:1 Trygg och effektiv" in t)
    ale = next(line for line in goal.splitlines() if line.split()[:1] == ["Ale"])
    outreach = next(t for t in texts[2:] if OUTREACH in t)
    area = next(
        line
        for line in outreach.splitlines()
        if line.split()[:1] == ["SIMBA-området"] and "Årsrapport" not in line
    )
    return {"ale": flat(ale), "area": flat(area), "all": flat(" ".join(texts))}


def ordered_csv(client, report) -> tuple[str, str]:
    """Ale's discharge value and the area's outreach sum in the report's own data CSV."""
    rows = read_export(client.get(reverse("reports:data", args=[report.pk])))
    ale = next(r for r in rows if r[1] == DISCHARGE and r[2] == "Ale" and r[3] == "2027")
    area = next(r for r in rows if r[1] == OUTREACH and r[2] == "SIMBA-området" and r[3] == "2027")
    return ale[4], area[4]


def test_the_pdf_shows_the_ordered_data_after_corrections_and_a_retry(
    client, simba_plan, process_leader, settings, run_worker
):
    known_dataset(simba_plan)  # Ale 2027: discharge 1,3 dygn; outreach 11 (area sum 110)
    client.force_login(process_leader)
    url = reverse("reports:order", args=[simba_plan.pk])
    order = {"year": 2027, "what": "report"}  # the full report, with every unit's table
    assert client.post(url, order).status_code == 302
    report = Report.objects.get()
    correct(simba_plan, "4.7", 500, "Ändrad efter beställningen.")
    run_worker()
    report = wait_until_finished(report)
    assert report.status == Report.Status.DONE, report.error_detail
    first = shown(report, settings)
    assert "1,3 dygn" in first["ale"] and "4,7" not in first["all"]
    assert ordered_csv(client, report) == ("1,3 dygn", "110")
    assert "110" in first["area"] and "599" not in first["all"]
    assert "Ny rutin prövas" in first["all"] and "Ändrad efter" not in first["all"]

    # The job "fails" (e.g. the worker died); the data changes again before "Försök igen".
    Report.objects.filter(pk=report.pk).update(status=Report.Status.FAILED, error="Avbrutet.")
    correct(simba_plan, "5.9", 900, "Ändrad före nytt försök.")
    assert client.post(reverse("reports:retry", args=[report.pk])).status_code == 302
    report.refresh_from_db()
    assert report.status in (Report.Status.QUEUED, Report.Status.RUNNING, Report.Status.DONE)
    report = wait_until_finished(report)
    assert report.status == Report.Status.DONE, report.error_detail
    again = shown(report, settings)
    assert "1,3 dygn" in again["ale"] and "5,9" not in again["all"] and "4,7" not in again["all"]
    assert "110" in again["area"] and "999" not in again["all"]
    assert ordered_csv(client, report) == ("1,3 dygn", "110")
    assert "Ny rutin prövas" in again["all"] and "Ändrad före" not in again["all"]
