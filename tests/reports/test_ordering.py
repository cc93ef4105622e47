"""Ordering the deck, the report or both over HTTP: one job per document, one shared snapshot,
the stored files reused when nothing changed, the PowerPoint under the PDF's permissions."""

import io

import pytest
from django.urls import reverse
from pptx import Presentation
from pypdf import PdfReader

from reports.models import Report
from tests.reports.factories import known_dataset

pytestmark = pytest.mark.django_db

PPTX_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


def order(client, plan, what, capture):
    with capture(execute=True):
        return client.post(reverse("reports:order", args=[plan.pk]), {"year": 2027, "what": what})


def test_ordering_both_renders_the_deck_and_the_report_from_one_snapshot(
    client, simba_plan, process_leader, django_capture_on_commit_callbacks
):
    known_dataset(simba_plan)
    client.force_login(process_leader)
    response = order(client, simba_plan, "both", django_capture_on_commit_callbacks)
    assert response.status_code == 302 and response.url == reverse(
        "reports:index", args=[simba_plan.pk]
    )
    deck = Report.objects.get(kind=Report.Kind.DECK)
    report = Report.objects.get(kind=Report.Kind.REPORT)
    assert (deck.audience, report.audience) == ("politiska_samradsgruppen", "samordningsgruppen")
    assert deck.fingerprint == report.fingerprint  # the same frozen data
    assert deck.status == report.status == Report.Status.DONE, deck.error_detail
    assert deck.slides and not report.slides
    deck_pages = len(PdfReader(deck.file.open("rb")).pages)
    report_pages = len(PdfReader(report.file.open("rb")).pages)
    assert 10 <= deck_pages <= 15 < report_pages

    download = client.get(reverse("reports:download_slides", args=[deck.pk]))
    assert download.status_code == 200 and download["Content-Type"] == PPTX_TYPE
    assert download["Content-Disposition"].endswith('presentation-2027-politiska-samradsgruppen-'
                                                    f'{deck.pk}.pptx"')  # fmt: skip
    slides = Presentation(io.BytesIO(b"".join(download.streaming_content))).slides
    assert len(slides) == deck_pages
    assert client.get(reverse("reports:download_slides", args=[report.pk])).status_code == 404
    detail = client.get(reverse("reports:detail", args=[deck.pk])).content.decode()
    assert "Ladda ner PowerPoint" in detail and "Ladda ner PDF" in detail


def test_ordering_again_on_unchanged_data_reuses_each_stored_file(
    client, simba_plan, process_leader, django_capture_on_commit_callbacks
):
    client.force_login(process_leader)
    order(client, simba_plan, "deck", django_capture_on_commit_callbacks)
    deck = Report.objects.get()
    order(client, simba_plan, "both", django_capture_on_commit_callbacks)
    assert Report.objects.filter(kind=Report.Kind.DECK).get() == deck  # reused, not rendered
    assert Report.objects.filter(kind=Report.Kind.REPORT).count() == 1  # the new one
    assert deck.events.filter(action="reused").count() == 1


def test_ordering_without_a_choice_says_what_to_choose(client, simba_plan, process_leader):
    client.force_login(process_leader)
    url = reverse("reports:order", args=[simba_plan.pk])
    response = client.post(url, {"year": 2027, "what": "allt"}, follow=True)
    assert (
        "Välj presentationen, den fullständiga rapporten eller båda." in response.content.decode()
    )
    assert not Report.objects.exists()


def test_the_order_form_offers_deck_report_and_both(client, simba_plan, process_leader):
    client.force_login(process_leader)
    html = client.get(reverse("reports:index", args=[simba_plan.pk])).content.decode()
    for label in ("Presentation för politiska samrådsgruppen", "Fullständig rapport", "Båda"):
        assert label in html
