"""The analysis through HTTP: saves, stale saves refused (409), who may write, history, and the
texts frozen into a report's snapshot."""

import pytest
from django.urls import reverse

from analysis.models import GoalAnalysis, UnitComment, YearAnalysis
from analysis.snapshot import analysis_for
from organisation.models import OrgUnit
from plans.models import Goal
from reports.models import Report
from reports.services import order_report
from reports.snapshot import build_snapshot, fingerprint

pytestmark = pytest.mark.django_db
YEAR = 2026
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def goal(simba_plan):
    return Goal.objects.get(focus_area__plan=simba_plan, code="2:1")


def goal_url(goal, action="edit", year=YEAR):
    return reverse(f"analysis:goal_{action}", args=[goal.focus_area.plan_id, year, goal.pk])


def comment_url(goal, code, action="edit"):
    return reverse(
        f"analysis:unit_comment_{action}", args=[goal.focus_area.plan_id, YEAR, code, goal.pk]
    )


def save_goal(client, goal, analysis, version, next_steps="", **extra):
    data = {"analysis": analysis, "next_steps": next_steps, "version": version}
    return client.post(goal_url(goal), data, **extra)


def test_process_leader_saves_a_goal_analysis_and_sees_it_on_the_page(client, process_leader, goal):
    client.force_login(process_leader)
    response = save_goal(client, goal, "Resultatet förbättrades.", 0, "Ny rutin. Ansvar: SG.")
    assert response.status_code == 302
    row = GoalAnalysis.objects.get(goal=goal, year=YEAR)
    assert (row.analysis, row.next_steps, row.version) == (
        "Resultatet förbättrades.", "Ny rutin. Ansvar: SG.", 1,
    )  # fmt: skip
    page = client.get(reverse("analysis:year", args=[goal.focus_area.plan_id, YEAR]))
    assert "Resultatet förbättrades." in page.content.decode()
    assert "Analysen av mål 2:1 har sparats." in page.content.decode()


def test_the_form_has_the_analysis_prompts(client, process_leader, goal):
    client.force_login(process_leader)
    html = client.get(goal_url(goal)).content.decode()
    for prompt in ("Resultat:", "Orsaker:", "Bedömning:", "vem ansvarar", "Ansvar:"):
        assert prompt in html


def test_an_in_place_save_answers_with_the_fragment_and_a_status_message(
    client, process_leader, goal
):
    client.force_login(process_leader)
    response = save_goal(client, goal, "Kort analys.", 0, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert f'id="mal-{goal.pk}-analys"' in html
    assert "Kort analys." in html and 'hx-swap-oob="innerHTML"' in html


def test_a_stale_save_is_refused_and_shows_opened_current_and_own_text(
    client, process_leader, admin_user, goal
):
    client.force_login(process_leader)
    save_goal(client, goal, "Första texten.", 0)
    client.force_login(admin_user)
    save_goal(client, goal, "Adams text.", 1)
    client.force_login(process_leader)
    response = save_goal(client, goal, "Paulas text.", 1, **HTMX)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Dina ändringar är inte sparade." in html and "av adam" in html
    for text in ("Första texten.", "Adams text.", "Paulas text."):
        assert text in html
    assert 'name="version" value="2"' in html  # saving again is a deliberate choice
    row = GoalAnalysis.objects.get(goal=goal, year=YEAR)
    assert (row.analysis, row.version) == ("Adams text.", 2)


def test_a_first_save_over_someone_elses_first_save_is_refused(
    client, process_leader, admin_user, simba_plan
):
    url = reverse("analysis:overall_edit", args=[simba_plan.pk, YEAR])
    client.force_login(admin_user)
    assert client.post(url, {"overall": "Adams år.", "version": 0}).status_code == 302
    client.force_login(process_leader)
    response = client.post(url, {"overall": "Paulas år.", "version": 0})
    assert response.status_code == 409
    assert YearAnalysis.objects.get(plan=simba_plan, year=YEAR).overall == "Adams år."


@pytest.mark.parametrize("who", ["reader", "ale_user"])
def test_readers_and_area_groups_may_read_but_not_write_the_analysis(request, client, who, goal):
    client.force_login(request.getfixturevalue(who))
    assert (
        client.get(reverse("analysis:year", args=[goal.focus_area.plan_id, YEAR])).status_code
        == 200
    )
    assert save_goal(client, goal, "Inte min text.", 0).status_code == 403
    assert not GoalAnalysis.objects.exists()


def test_a_year_outside_the_plan_is_not_found(client, process_leader, goal):
    client.force_login(process_leader)
    assert save_goal(client, goal, "x", 0).status_code == 302
    assert client.get(goal_url(goal, year=2031)).status_code == 404


def test_too_long_text_is_refused_in_swedish_and_nothing_is_saved(client, process_leader, goal):
    client.force_login(process_leader)
    response = save_goal(client, goal, "x" * 2001, 0)
    assert response.status_code == 422
    assert "2000 tecken" in response.content.decode()
    assert not GoalAnalysis.objects.exists()


def test_history_shows_who_when_and_the_text_before_and_after(client, process_leader, goal):
    client.force_login(process_leader)
    save_goal(client, goal, "Före ändringen.", 0)
    save_goal(client, goal, "Efter ändringen.", 1)
    html = client.get(reverse("analysis:history", args=[goal.focus_area.plan_id, YEAR])).content
    html = html.decode()
    assert html.count('class="history-entry"') == 2
    assert "Mål 2:1 Trygg och effektiv utskrivning" in html and "av paula" in html
    newest = html.index("Efter ändringen.")
    assert html.index("Före ändringen.") < html.index("Före ändringen.", newest)


def test_an_area_group_comments_a_goal_for_its_own_municipality(client, ale_user, goal):
    client.force_login(ale_user)
    response = client.post(comment_url(goal, "1440"), {"text": "Vi har ny rutin.", "version": 0})
    assert response.status_code == 302
    comment = UnitComment.objects.get(goal=goal, year=YEAR)
    assert (comment.org_unit.name, comment.text, comment.history.count()) == (
        "Ale", "Vi har ny rutin.", 1,
    )  # fmt: skip
    year_page = client.get(reverse("analysis:year", args=[goal.focus_area.plan_id, YEAR]))
    assert "Vi har ny rutin." in year_page.content.decode()


def test_an_area_group_cannot_comment_for_another_municipality(client, ale_user, goal):
    client.force_login(ale_user)
    response = client.post(comment_url(goal, "1419"), {"text": "Tjörns?", "version": 0})
    assert response.status_code == 404
    assert not UnitComment.objects.exists()


def test_a_comment_is_short(client, ale_user, goal):
    client.force_login(ale_user)
    response = client.post(comment_url(goal, "1440"), {"text": "x" * 501, "version": 0})
    assert response.status_code == 422
    assert "500 tecken" in response.content.decode()
    assert not UnitComment.objects.exists()


def test_the_year_page_of_a_municipality_links_to_its_comments(client, ale_user, goal):
    client.force_login(ale_user)
    client.post(comment_url(goal, "1440"), {"text": "Kommentar.", "version": 0})
    html = client.get(reverse("indicators:year", args=["1440", YEAR])).content.decode()
    assert reverse("analysis:unit", args=[goal.focus_area.plan_id, YEAR, "1440"]) in html
    assert "1 mål har en kommentar." in html


def test_reports_and_plan_pages_link_to_the_analysis_for_those_signed_in(
    client, process_leader, reader, simba_plan
):
    link = reverse("analysis:year", args=[simba_plan.pk, YEAR])
    for user in (process_leader, reader):
        client.force_login(user)
        for page in ("reports:index", "plans:detail"):
            html = client.get(reverse(page, args=[simba_plan.pk])).content.decode()
            assert link in html, (user, page)
    client.logout()
    simba_plan.is_public = True
    simba_plan.save()
    assert link not in client.get(reverse("plans:detail", args=[simba_plan.pk])).content.decode()


def _write_everything(client, process_leader, ale_user, goal):
    plan = goal.focus_area.plan
    client.force_login(process_leader)
    client.post(reverse("analysis:overall_edit", args=[plan.pk, YEAR]),
                {"overall": "Planen går bra.", "version": 0})  # fmt: skip
    fa_url = reverse("analysis:focus_area_edit", args=[plan.pk, YEAR, goal.focus_area.pk])
    client.post(fa_url, {"analysis": "FA-analys", "next_steps": "FA-steg", "version": 0})
    save_goal(client, goal, "Målanalys", 0, "Målsteg")
    client.force_login(ale_user)
    client.post(comment_url(goal, "1440"), {"text": "Ales ord.", "version": 0})


def test_analysis_for_returns_the_agreed_plain_shape(client, process_leader, ale_user, goal):
    _write_everything(client, process_leader, ale_user, goal)
    number = str(goal.focus_area.number)
    assert analysis_for(goal.focus_area.plan, YEAR) == {
        "overall": "Planen går bra.",
        "focus_areas": {number: {"analysis": "FA-analys", "next_steps": "FA-steg"}},
        "goals": {"2:1": {"analysis": "Målanalys", "next_steps": "Målsteg",
                          "unit_comments": [{"unit": "Ale", "unit_code": "1440",
                                             "text": "Ales ord."}]}},
    }  # fmt: skip
    assert analysis_for(goal.focus_area.plan, 2027) == {
        "overall": "",
        "focus_areas": {},
        "goals": {},
    }


def test_an_ordered_report_keeps_its_texts_and_a_changed_text_changes_the_fingerprint(
    client, process_leader, ale_user, goal
):
    plan = goal.focus_area.plan
    _write_everything(client, process_leader, ale_user, goal)
    report = order_report(plan, YEAR, "samordningsgruppen", process_leader).report
    assert report.snapshot["analysis"]["goals"]["2:1"]["analysis"] == "Målanalys"
    client.force_login(process_leader)
    save_goal(client, goal, "Ändrad efter beställningen.", 1)
    report.refresh_from_db()
    assert report.snapshot["analysis"]["goals"]["2:1"]["analysis"] == "Målanalys"
    fresh = build_snapshot(plan, YEAR, "samordningsgruppen")
    assert fingerprint(fresh) != report.fingerprint
    again = order_report(plan, YEAR, "samordningsgruppen", process_leader)
    assert not again.reused and Report.objects.count() == 2
    assert OrgUnit.objects.get(code="1440").name == "Ale"


def test_the_analysis_snapshot_takes_four_queries_however_many_texts(
    client, process_leader, ale_user, goal, django_assert_num_queries
):
    _write_everything(client, process_leader, ale_user, goal)
    other = Goal.objects.get(focus_area__plan=goal.focus_area.plan, code="1:1")
    client.force_login(process_leader)
    assert save_goal(client, other, "Mer text", 0).status_code == 302
    with django_assert_num_queries(4):
        shape = analysis_for(goal.focus_area.plan, YEAR)
    assert list(shape["goals"]) == ["1:1", "2:1"]  # in the plan's order


def test_the_year_page_takes_as_many_queries_with_texts_as_without(
    client, process_leader, ale_user, goal
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("analysis:year", args=[goal.focus_area.plan_id, YEAR])
    client.force_login(process_leader)
    with CaptureQueriesContext(connection) as empty:
        client.get(url)
    _write_everything(client, process_leader, ale_user, goal)
    client.force_login(process_leader)
    for other in Goal.objects.filter(focus_area__plan=goal.focus_area.plan).exclude(pk=goal.pk):
        save_goal(client, other, f"Analys av {other.code}", 0)
    with CaptureQueriesContext(connection) as full:
        html = client.get(url).content.decode()
    assert "Analys av 5:2" in html and "Ales ord." in html
    assert len(full) == len(empty)


def test_cancel_in_place_shows_the_saved_text_and_without_javascript_goes_to_the_page(
    client, process_leader, goal
):
    client.force_login(process_leader)
    save_goal(client, goal, "Sparad text.", 0)
    fragment = client.get(goal_url(goal, "show"), **HTMX)
    assert "Sparad text." in fragment.content.decode() and "<html" not in fragment.content.decode()
    plain = client.get(goal_url(goal, "show"))
    assert plain.status_code == 302 and plain.url.endswith(
        f"/analys/{goal.focus_area.plan_id}/2026/#mal-{goal.pk}-analys"
    )


def test_the_form_for_2027_shows_what_was_written_for_2026(client, process_leader, goal):
    client.force_login(process_leader)
    save_goal(client, goal, "Analys 2026.", 0, "Ny rutin till juni 2027.")
    html = client.get(goal_url(goal, year=2027), **HTMX).content.decode()
    assert "Det här skrevs för 2026" in html and "Ny rutin till juni 2027." in html
    assert "Det här skrevs för" not in client.get(goal_url(goal), **HTMX).content.decode()


def test_comments_are_per_municipality_not_for_the_whole_area(client, process_leader, goal):
    area = OrgUnit.objects.get(kind=OrgUnit.Kind.AREA)
    client.force_login(process_leader)
    response = client.post(comment_url(goal, area.code), {"text": "Hela området.", "version": 0})
    assert response.status_code == 404
    assert not UnitComment.objects.exists()


def test_a_reader_reads_a_municipalitys_comments_without_a_form(client, ale_user, reader, goal):
    client.force_login(ale_user)
    client.post(comment_url(goal, "1440"), {"text": "Ales kommentar.", "version": 0})
    client.force_login(reader)
    url = reverse("analysis:unit", args=[goal.focus_area.plan_id, YEAR, "1440"])
    html = client.get(url).content.decode()
    assert "Ales kommentar." in html and "Ändra" not in html
