"""Public pages under /insyn/: only what a published, public report's snapshot holds."""

import pytest
from django.urls import reverse

from publication.models import Publication
from publication.services import set_plan_public, set_public_comments, withdraw_year
from reports.models import Report
from tests.publication.conftest import comment_with

pytestmark = pytest.mark.django_db


def _year_url(publication):
    return reverse("publication:year", args=[publication.plan_id, publication.year])


def test_anonymous_reads_list_plan_and_year_from_the_snapshot(client, public_year):
    plan = public_year.plan
    page = client.get(reverse("publication:index")).content.decode()
    assert plan.title in page and _year_url(public_year) in page
    plan_page = client.get(reverse("publication:plan", args=[plan.pk])).content.decode()
    assert "Fokusområde 1" in plan_page
    response = client.get(_year_url(public_year))
    assert response.status_code == 200
    html = response.content.decode()
    figure = public_year.report.snapshot["focus_areas"][0]["goals"][0]["key_figures"][0]
    assert figure["name"] in html
    assert figure["rows"][0]["cells"][-1]["display"] in html
    assert "Så gick det 2026" in html and "<script" not in html
    assert "Ale" in html and "Hela området" in html
    assert "data:image/svg+xml;base64," in html  # charts with target drawn from the snapshot
    assert "sessionid" not in response.cookies and "csrftoken" not in response.cookies


def test_values_are_the_frozen_ones_not_live_corrections(client, public_year):
    from indicators.models import Value

    Value.objects.all().delete()  # live data gone: the public page still shows the snapshot
    html = client.get(_year_url(public_year)).content.decode()
    cell = public_year.report.snapshot["focus_areas"][0]["goals"][0]["key_figures"][0]
    assert cell["rows"][0]["cells"][-1]["display"] in html


def test_unpublished_withdrawn_and_private_years_are_404(client, public_year, process_leader):
    url = _year_url(public_year)
    assert (
        client.get(reverse("publication:year", args=[public_year.plan_id, 2027])).status_code == 404
    )
    withdraw_year(public_year.plan, 2026, process_leader)
    assert client.get(url).status_code == 404
    assert (
        client.get(reverse("publication:data_csv", args=[public_year.plan_id, 2026])).status_code
        == 404
    )
    Publication.objects.filter(pk=public_year.pk).update(is_public=True)
    set_plan_public(public_year.plan, False, process_leader)
    assert client.get(url).status_code == 404
    assert client.get(reverse("publication:plan", args=[public_year.plan_id])).status_code == 404


def test_comments_show_only_when_marked_public(client, public_year, process_leader):
    snapshot = public_year.report.snapshot
    goal = snapshot["focus_areas"][0]["goals"][0]
    goal["key_figures"][0]["rows"][0]["cells"][-1]["comment"] = "Personalbrist under våren."
    goal["activities"][0]["comment"] = "Internt: ring Eva om budgeten."
    Report.objects.filter(pk=public_year.report_id).update(snapshot=snapshot)
    public_year.refresh_from_db()
    assert "Personalbrist" not in client.get(_year_url(public_year)).content.decode()
    comment = comment_with(public_year, "Personalbrist under våren.")
    set_public_comments(public_year.plan, 2026, [comment.key, "made-up-key"], process_leader)
    html = client.get(_year_url(public_year)).content.decode()
    assert "Personalbrist under våren." in html
    assert "ring Eva" not in html
    assert Publication.objects.get(pk=public_year.pk).public_comments == [comment.key]


def test_published_analysis_is_shown_when_the_snapshot_has_it(client, public_year):
    snapshot = public_year.report.snapshot
    goal_code = snapshot["focus_areas"][0]["goals"][0]["code"]
    snapshot["analysis"] = {
        "overall": "Året gick i stort sett enligt plan.",
        "focus_areas": {"1": {"analysis": "Fokus ett går bra.", "next_steps": "Fler hembesök."}},
        "goals": {goal_code: {"analysis": "Målet nås nästan.", "next_steps": "Utbilda mer.",
                              "unit_comments": [{"unit": "Ale", "unit_code": "1440",
                                                 "text": "Ale har fått ny chef."}]}},
    }  # fmt: skip
    Report.objects.filter(pk=public_year.report_id).update(snapshot=snapshot)
    html = client.get(_year_url(public_year)).content.decode()
    for text in ("Året gick i stort sett enligt plan.", "Fokus ett går bra.", "Fler hembesök.",
                 "Målet nås nästan.", "Utbilda mer."):  # fmt: skip
        assert text in html
    assert "Ale har fått ny chef." not in html  # a unit's comment: only when marked public


def test_report_pdf_downloads_without_log_in_only_when_public(client, public_year, process_leader):
    url = reverse("publication:report_pdf", args=[public_year.plan_id, 2026])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    withdraw_year(public_year.plan, 2026, process_leader)
    assert client.get(url).status_code == 404
    deck = reverse("publication:deck_pdf", args=[public_year.plan_id, 2026])
    assert client.get(deck).status_code == 404  # no deck exists yet


def test_about_page_explains_how_figures_are_collected(client):
    html = client.get(reverse("publication:about")).content.decode()
    assert "Om uppföljningen" in html and "preliminärt" in html


def test_public_page_is_cached_until_a_new_decision(client, public_year, process_leader,
                                                    django_assert_max_num_queries):  # fmt: skip
    url = _year_url(public_year)
    client.get(url)
    with django_assert_max_num_queries(1):  # the version check only
        assert client.get(url).status_code == 200
    withdraw_year(public_year.plan, 2026, process_leader)
    assert client.get(url).status_code == 404


def test_a_value_not_judged_shows_its_own_status_reason_and_basis(client, public_year):
    """The public page says 'Ej bedömt' with why, never 'Värde saknas' for a value that exists."""
    snapshot = public_year.report.snapshot
    figure = next(
        f for fa in snapshot["focus_areas"] for g in fa["goals"] for f in g["key_figures"]
        if f["has_target"] and f["rows"]
    )  # fmt: skip
    cell = figure["rows"][0]["cells"][-1]
    cell.update(value=63, display="63", status="not_judged", status_label="Ej bedömt",
                symbol="○", reason="Ofullständigt underlag: 11 av 12 mån har värden.",
                basis="summa jan–dec", coverage="11 av 12 mån")  # fmt: skip
    snapshot["focus_areas"][0]["summary"]["not_judged"] = 7
    Report.objects.filter(pk=public_year.report_id).update(snapshot=snapshot)
    html = client.get(_year_url(public_year)).content.decode()
    assert "○ Ej bedömt" in html
    assert "Ofullständigt underlag: 11 av 12 mån har värden." in html
    assert "summa jan–dec" in html and "Underlag: 11 av 12 mån" in html
    assert '<td class="num" data-label="Ej bedömt">7</td>' in html
