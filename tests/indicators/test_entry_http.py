"""Entering, submitting, approving, returning, reopening and locking through HTTP, by role."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from indicators.models import Submission, SubmissionEvent, Value
from plans.models import KeyFigure
from tests.indicators.conftest import entry_url, grid_data

pytestmark = pytest.mark.django_db


def kf(name):
    return KeyFigure.objects.get(name=name)


def status_url(unit, period, action):
    return reverse("indicators:change_status", args=[unit.code, period.pk, action])


def submission(unit, period):
    return Submission.objects.get(org_unit=unit, period=period)


def test_area_group_saves_a_full_year_as_a_draft_in_one_post(
    client, ale_user, ale, year_2027, ale_figures
):
    client.force_login(ale_user)
    response = client.post(entry_url(ale, year_2027), grid_data(ale_figures))
    assert response.status_code == 302
    values = Value.objects.filter(org_unit=ale, period=year_2027)
    assert values.count() == len(ale_figures)
    assert {v.updated_by for v in values} == {ale_user}
    assert all(v.version == 1 for v in values)


def test_saving_keeps_a_history_entry_with_the_user(client, ale_user, ale, year_2027, ale_figures):
    client.force_login(ale_user)
    client.post(entry_url(ale, year_2027), grid_data(ale_figures))
    far = kf("Antal förskrivna FaR")
    data = grid_data(ale_figures, {far.pk: {"number": "15", "version": "1"}})
    for other in ale_figures:
        data[f"kf{other.pk}-version"] = "1"
    client.post(entry_url(ale, year_2027), data)
    value = Value.objects.get(org_unit=ale, period=year_2027, key_figure=far)
    history = list(value.history.order_by("history_date"))
    assert [h.number for h in history] == [12, 15]
    assert history[-1].history_user == ale_user


@pytest.mark.parametrize(
    ("name", "entered", "message"),
    [
        ("Andel patienter som skrivs ut från KS den dagen de är utskrivningsklara", "101",
         "mellan 0 och 100"),
        ("Medelvårdtiden som utskrivningsklar", "-1", "negativt"),
        ("Antal förskrivna FaR", "2,5", "heltal"),
        ("Antal förskrivna FaR", "tolv", "Skriv ett tal"),
    ],
)  # fmt: skip
def test_a_bad_number_is_refused_and_nothing_is_saved(
    client, ale_user, ale, year_2027, ale_figures, name, entered, message
):
    client.force_login(ale_user)
    data = grid_data(ale_figures, {kf(name).pk: {"number": entered}})
    response = client.post(entry_url(ale, year_2027), data)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Value.objects.filter(org_unit=ale, period=year_2027).exists()


def test_not_available_needs_a_reason(client, ale_user, ale, year_2027, ale_figures):
    client.force_login(ale_user)
    far = kf("Antal förskrivna FaR")
    data = grid_data(ale_figures, {far.pk: {"not_available": "on"}})
    response = client.post(entry_url(ale, year_2027), data)
    assert response.status_code == 422
    assert "Skriv varför uppgiften inte kan lämnas" in response.content.decode()


def test_not_available_and_a_value_together_are_refused(
    client, ale_user, ale, year_2027, ale_figures
):
    client.force_login(ale_user)
    far = kf("Antal förskrivna FaR")
    data = grid_data(ale_figures, {far.pk: {"number": "3", "not_available": "on",
                                            "not_available_reason": "x"}})  # fmt: skip
    assert client.post(entry_url(ale, year_2027), data).status_code == 422


def test_not_available_with_a_reason_is_saved(client, ale_user, ale, year_2027, ale_figures):
    client.force_login(ale_user)
    far = kf("Antal förskrivna FaR")
    data = grid_data(ale_figures, {far.pk: {"not_available": "on",
                                            "not_available_reason": "Systemet byts"}})  # fmt: skip
    client.post(entry_url(ale, year_2027), data)
    value = Value.objects.get(org_unit=ale, period=year_2027, key_figure=far)
    assert value.not_available and value.number is None
    assert value.not_available_reason == "Systemet byts"


def test_numerator_and_denominator_give_the_percentage(
    client, ale_user, ale, year_2027, ale_figures
):
    client.force_login(ale_user)
    share = kf("Andel patienter som skrivs ut från KS den dagen de är utskrivningsklara")
    data = grid_data(ale_figures, {share.pk: {"numerator": "30", "denominator": "40"}})
    client.post(entry_url(ale, year_2027), data)
    value = Value.objects.get(org_unit=ale, period=year_2027, key_figure=share)
    assert value.number == 75 and value.numerator == 30 and value.denominator == 40


def test_submit_is_refused_while_a_value_is_missing(client, ale_user, ale, year_2027, ale_figures):
    client.force_login(ale_user)
    data = grid_data(ale_figures[1:])
    client.post(entry_url(ale, year_2027), data)
    response = client.post(status_url(ale, year_2027, "submit"), follow=True)
    assert submission(ale, year_2027).status == "draft"
    assert "Fyll i ett värde" in response.content.decode()


def test_submit_is_refused_when_a_missed_target_has_no_explanation(
    client, ale_user, ale, year_2027, ale_figures
):
    client.force_login(ale_user)
    days = kf("Medelvårdtiden som utskrivningsklar")
    data = grid_data(ale_figures, {days.pk: {"number": "2,5", "explanation": ""}})
    response = client.post(
        entry_url(ale, year_2027), {**data, "spara_och_skicka": "1"}, follow=True
    )
    assert submission(ale, year_2027).status == "draft"
    assert "skriv en kort förklaring" in response.content.decode()


def test_a_complete_report_is_submitted_and_logged(
    client, ale_user, ale, year_2027, ale_figures, helar_2027_ended
):
    client.force_login(ale_user)
    client.post(entry_url(ale, year_2027), {**grid_data(ale_figures), "spara_och_skicka": "1"})
    assert submission(ale, year_2027).status == "submitted"
    event = SubmissionEvent.objects.get(submission__org_unit=ale)
    assert (event.from_status, event.to_status, event.by) == ("draft", "submitted", ale_user)


@pytest.fixture
def submitted(client, ale_user, ale, year_2027, ale_figures, helar_2027_ended):
    client.force_login(ale_user)
    client.post(entry_url(ale, year_2027), {**grid_data(ale_figures), "spara_och_skicka": "1"})
    client.logout()
    return submission(ale, year_2027)


def test_area_group_may_not_approve_its_own_report(
    client, ale_user, ale, year_2027, submitted, helar_2027_ended
):
    client.force_login(ale_user)
    assert client.post(status_url(ale, year_2027, "approve")).status_code == 403
    assert submission(ale, year_2027).status == "submitted"


def test_approval_locks_the_report_for_the_area_group(
    client, ale_user, process_leader, ale, year_2027, ale_figures, submitted, helar_2027_ended
):
    client.force_login(process_leader)
    client.post(status_url(ale, year_2027, "approve"))
    assert submission(ale, year_2027).status == "approved"
    client.force_login(ale_user)
    far = kf("Antal förskrivna FaR")
    data = grid_data(ale_figures, {far.pk: {"number": "99", "version": "1"}})
    response = client.post(entry_url(ale, year_2027), data, follow=True)
    assert "godkänd och låst" in response.content.decode()
    assert Value.objects.get(org_unit=ale, period=year_2027, key_figure=far).number == 12


def test_return_needs_a_reason_and_shows_it_to_the_unit(
    client, ale_user, process_leader, ale, year_2027, submitted, helar_2027_ended
):
    client.force_login(process_leader)
    client.post(status_url(ale, year_2027, "return"), {"reason": ""})
    assert submission(ale, year_2027).status == "submitted"
    client.post(status_url(ale, year_2027, "return"), {"reason": "Kontrollera FaR-siffran"})
    assert submission(ale, year_2027).status == "returned"
    client.force_login(ale_user)
    assert "Kontrollera FaR-siffran" in client.get(entry_url(ale, year_2027)).content.decode()


def test_reopening_an_approved_report_needs_a_reason_and_is_logged(
    client, process_leader, ale, year_2027, submitted, helar_2027_ended
):
    client.force_login(process_leader)
    client.post(status_url(ale, year_2027, "approve"))
    client.post(status_url(ale, year_2027, "reopen"), {"reason": ""})
    assert submission(ale, year_2027).status == "approved"
    client.post(status_url(ale, year_2027, "reopen"), {"reason": "Rättad källa"})
    assert submission(ale, year_2027).status == "draft"
    last = SubmissionEvent.objects.filter(submission__org_unit=ale).latest("at", "id")
    assert (last.to_status, last.reason, last.by) == ("draft", "Rättad källa", process_leader)


def test_several_submitted_reports_are_approved_at_once(
    client, process_leader, tjorn_user, ale, year_2027, submitted, found, helar_2027_ended
):
    from organisation.models import OrgUnit

    tjorn = OrgUnit.objects.get(code="1419")
    client.force_login(tjorn_user)
    figures = found.figures_for(tjorn, year_2027)
    client.post(entry_url(tjorn, year_2027), {**grid_data(figures), "spara_och_skicka": "1"})
    draft = Submission.objects.get(org_unit__code="1482", period=year_2027)
    client.force_login(process_leader)
    pks = [submitted.pk, submission(tjorn, year_2027).pk, draft.pk]
    client.post(reverse("indicators:approve_many"), {"valda": pks})
    statuses = dict(Submission.objects.filter(pk__in=pks).values_list("pk", "status"))
    assert statuses == {pks[0]: "approved", pks[1]: "approved", pks[2]: "draft"}


def test_past_the_deadline_only_the_process_leader_may_save(
    client, ale_user, process_leader, ale, year_2027, ale_figures
):
    year_2027.deadline = timezone.localdate() - timedelta(days=1)
    year_2027.save()
    client.force_login(ale_user)
    response = client.post(entry_url(ale, year_2027), grid_data(ale_figures), follow=True)
    assert "Sista dag att rapportera var" in response.content.decode()
    assert not Value.objects.filter(org_unit=ale, period=year_2027).exists()
    client.force_login(process_leader)
    client.post(entry_url(ale, year_2027), grid_data(ale_figures))
    assert Value.objects.filter(org_unit=ale, period=year_2027).count() == len(ale_figures)


def test_a_stale_save_is_refused_and_changes_nothing(
    client, ale_user, process_leader, ale, year_2027, ale_figures
):
    far = kf("Antal förskrivna FaR")
    client.force_login(ale_user)
    client.post(entry_url(ale, year_2027), grid_data(ale_figures))
    # Both open the page at version 1; the process leader saves first.
    client.force_login(process_leader)
    versions = {f"kf{f.pk}-version": "1" for f in ale_figures}
    client.post(entry_url(ale, year_2027), {**grid_data(ale_figures, {far.pk: {"number": "20"}}),
                                            **versions})  # fmt: skip
    client.force_login(ale_user)
    late = {**grid_data(ale_figures, {far.pk: {"number": "30"}}), **versions}
    response = client.post(entry_url(ale, year_2027), late)
    assert response.status_code == 409
    assert "Någon annan har sparat" in response.content.decode()
    assert Value.objects.get(org_unit=ale, period=year_2027, key_figure=far).number == 20


def test_another_municipality_gets_404_for_ales_report(
    client, tjorn_user, ale, year_2027, ale_figures
):
    client.force_login(tjorn_user)
    assert client.get(entry_url(ale, year_2027)).status_code == 404
    assert client.post(entry_url(ale, year_2027), grid_data(ale_figures)).status_code == 404
    assert not Value.objects.exists()


def test_a_reader_sees_the_report_but_may_not_save(client, reader, ale, year_2027, ale_figures):
    client.force_login(reader)
    page = client.get(entry_url(ale, year_2027))
    assert page.status_code == 200 and "Du kan läsa men inte ändra" in page.content.decode()
    assert client.post(entry_url(ale, year_2027), grid_data(ale_figures)).status_code == 403


def test_one_row_is_saved_by_htmx_and_answered_with_that_row(
    client, ale_user, ale, year_2027, ale_figures
):
    client.force_login(ale_user)
    far = kf("Antal förskrivna FaR")
    data = {**grid_data(ale_figures), "rad": str(far.pk)}
    response = client.post(entry_url(ale, year_2027), data, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert f'id="rad-{far.pk}"' in response.content.decode()
    assert "Sparat" in response.content.decode()
    assert list(Value.objects.values_list("key_figure_id", flat=True)) == [far.pk]


def test_save_and_next_goes_to_the_next_open_period(client, process_leader, ale, found, simba_plan):
    from indicators.models import Period

    jan, feb = Period.objects.filter(plan=simba_plan, kind="month").order_by("start")[:2]
    client.force_login(process_leader)
    figures = found.figures_for(ale, jan)
    response = client.post(entry_url(ale, jan), {**grid_data(figures), "spara_och_nasta": "1"})
    assert response.status_code == 302
    assert response.url == entry_url(ale, feb)


def test_history_page_shows_before_and_after(client, ale_user, ale, year_2027, ale_figures):
    client.force_login(ale_user)
    client.post(entry_url(ale, year_2027), grid_data(ale_figures))
    far = kf("Antal förskrivna FaR")
    versions = {f"kf{f.pk}-version": "1" for f in ale_figures}
    client.post(entry_url(ale, year_2027), {**grid_data(ale_figures, {far.pk: {"number": "17"}}),
                                            **versions})  # fmt: skip
    page = client.get(reverse("indicators:history", args=[ale.code, year_2027.pk]))
    text = page.content.decode()
    assert "Antal förskrivna FaR" in text and "<td>12</td><td>17</td>" in text
    assert "alice" in text


def test_a_wrong_field_is_marked_for_screen_readers(client, ale_user, ale, year_2027, ale_figures):
    client.force_login(ale_user)
    far = kf("Antal förskrivna FaR")
    data = grid_data(ale_figures, {far.pk: {"number": "-3"}})
    page = client.post(entry_url(ale, year_2027), data).content.decode()
    assert f'aria-describedby="id_kf{far.pk}-number-fel"' in page
    assert f'id="id_kf{far.pk}-number-fel"' in page
    assert 'aria-invalid="true"' in page


def test_events_without_a_user_are_shown(client, process_leader, ale, year_2027, found):
    sub = Submission.objects.get(org_unit=ale, period=year_2027)
    SubmissionEvent.objects.create(submission=sub, from_status="draft", to_status="submitted")
    client.force_login(process_leader)
    assert client.get(entry_url(ale, year_2027)).status_code == 200
    history = reverse("indicators:history", args=[ale.code, year_2027.pk])
    assert client.get(history).status_code == 200


def test_a_bad_row_saved_by_htmx_comes_back_with_its_error(
    client, ale_user, ale, year_2027, ale_figures
):
    client.force_login(ale_user)
    far = kf("Antal förskrivna FaR")
    data = {**grid_data(ale_figures, {far.pk: {"number": "-1"}}), "rad": str(far.pk)}
    response = client.post(entry_url(ale, year_2027), data, headers={"HX-Request": "true"})
    assert response.status_code == 200  # htmx swaps only successful answers
    assert "Värdet kan inte vara negativt" in response.content.decode()
    assert not Value.objects.exists()
