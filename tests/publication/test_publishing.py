"""The process leader decides what is public, previews it and withdraws it; every step is logged."""

import pytest
from django.urls import reverse

from publication.models import Publication, PublicationEvent
from reports.models import Report
from tests.publication.conftest import comment_with
from tests.reports.conftest import stored_report

pytestmark = pytest.mark.django_db


def test_whole_flow_through_the_pages(client, filled_plan, process_leader):
    report = stored_report(filled_plan, process_leader, published=True)
    anonymous_url = reverse("publication:year", args=[filled_plan.pk, 2026])
    client.force_login(process_leader)
    manage = reverse("publication:manage", args=[filled_plan.pk])
    assert f"Publicera rapport {report.pk}" in client.get(manage).content.decode()

    preview = client.get(reverse("publication:preview", args=[filled_plan.pk, report.pk]))
    assert preview.status_code == 200 and "Förhandsvisning" in preview.content.decode()

    client.post(reverse("publication:publish", args=[filled_plan.pk]), {"report": report.pk})
    client.post(reverse("publication:plan_public", args=[filled_plan.pk]), {"is_public": "true"})
    client.logout()
    assert client.get(anonymous_url).status_code == 200

    client.force_login(process_leader)
    client.post(reverse("publication:withdraw", args=[filled_plan.pk, 2026]))
    client.logout()
    assert client.get(anonymous_url).status_code == 404

    actions = list(PublicationEvent.objects.order_by("id").values_list("action", "by"))
    assert actions == [
        ("published", process_leader.pk), ("plan_public", process_leader.pk),
        ("withdrawn", process_leader.pk),
    ]  # fmt: skip


def test_an_unpublished_report_cannot_be_made_public(client, filled_plan, process_leader):
    draft = stored_report(filled_plan, process_leader)  # done, not published for signed-in users
    client.force_login(process_leader)
    response = client.post(
        reverse("publication:publish", args=[filled_plan.pk]), {"report": draft.pk}, follow=True
    )
    assert "Bara en färdig rapport som är publicerad" in response.content.decode()
    assert not Publication.objects.exists() and not PublicationEvent.objects.exists()
    response = client.post(
        reverse("publication:publish", args=[filled_plan.pk]), {"report": "x"}, follow=True
    )
    assert "Välj en rapport." in response.content.decode()


def test_a_newer_report_replaces_the_public_one_and_says_so(client, public_year, process_leader):
    newer = stored_report(public_year.plan, process_leader, published=True)
    client.force_login(process_leader)
    client.post(reverse("publication:publish", args=[public_year.plan_id]), {"report": newer.pk})
    assert Publication.objects.get(pk=public_year.pk).report_id == newer.pk
    event = PublicationEvent.objects.latest("id")
    assert f"ersätter rapport {public_year.report_id}" in event.note


def test_choosing_comments_on_the_page_is_logged(client, public_year, process_leader):
    snapshot = public_year.report.snapshot
    snapshot["focus_areas"][0]["goals"][0]["activities"][0]["comment"] = "Klart i Ale i maj."
    Report.objects.filter(pk=public_year.report_id).update(snapshot=snapshot)
    public_year.refresh_from_db()
    comment = comment_with(public_year, "Klart i Ale i maj.")
    client.force_login(process_leader)
    url = reverse("publication:comments", args=[public_year.plan_id, 2026])
    assert "Klart i Ale i maj." in client.get(url).content.decode()
    client.post(url, {"comment": [comment.key]})
    assert Publication.objects.get(pk=public_year.pk).public_comments == [comment.key]
    event = PublicationEvent.objects.latest("id")
    assert event.action == "comments" and event.by == process_leader
    assert event.note.startswith("1 av ") and event.note.endswith("(1 tillagda, 0 borttagna)")
    client.logout()
    year = reverse("publication:year", args=[public_year.plan_id, 2026])
    assert "Klart i Ale i maj." in client.get(year).content.decode()
