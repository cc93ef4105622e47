import hashlib

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from reports.models import Report
from reports.snapshot import build_snapshot, fingerprint

PDF = b"%PDF-1.7 test report"
PPTX = b"PK\x03\x04 test deck"


def stored_report(
    plan, user, published=False, status=Report.Status.DONE, kind=Report.Kind.REPORT
) -> Report:
    """A report row with a small stored file (and slides for a deck), without rendering."""
    snapshot = build_snapshot(plan, 2026, "politiska_samradsgruppen", ordered_by=user)
    report = Report.objects.create(
        plan=plan, year=2026, audience="politiska_samradsgruppen", requested_by=user,
        snapshot=snapshot, fingerprint=fingerprint(snapshot), status=status, kind=kind,
    )  # fmt: skip
    if status == Report.Status.DONE:
        report.file.save("x.pdf", ContentFile(PDF), save=False)
        if kind == Report.Kind.DECK:
            report.slides.save("x.pptx", ContentFile(PPTX), save=False)
        report.checksum = hashlib.sha256(PDF).hexdigest()
        report.finished_at = timezone.now()
    if published:
        report.published_at, report.published_by = timezone.now(), user
    report.save()
    return report


@pytest.fixture
def published_report(simba_plan, process_leader):
    return stored_report(simba_plan, process_leader, published=True)


@pytest.fixture
def unpublished_report(simba_plan, process_leader):
    return stored_report(simba_plan, process_leader)
