"""Several collaboration areas in one installation: each sees its own plans, units and users,
region-wide readers read them all, the admin starts a new area with its first process leader,
and jobs and commands stay within an area. (The permission grid runs every URL for a second
area's users: test_permission_matrix.py.)"""

from datetime import date

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.models import Profile
from indicators import reminders
from indicators.reporting import ensure_reporting
from organisation.models import CollaborationArea, OrgUnit
from plans.models import Plan
from reports.snapshot import build_snapshot
from tests.plans import word_documents as docs

pytestmark = pytest.mark.django_db


def page(client, user, name, *args, **kwargs):
    client.force_login(user)
    response = client.get(reverse(name, args=args), **kwargs)
    assert response.status_code == 200, (name, response.status_code)
    return response.content.decode()


def test_each_process_leader_sees_only_their_own_areas_follow_up(client, process_leader,
                                                                 other_area):  # fmt: skip
    simba = page(client, process_leader, "indicators:overview")
    assert "Stenungsund" in simba and "Lerum" not in simba
    other = page(client, other_area.users["other_process_leader"], "indicators:overview")
    assert "Lerum" in other and "Alingsås" in other and "Stenungsund" not in other
    assert "Lerum–Alingsås" in other  # the header names the area
    response = client.get(reverse("indicators:unit", args=["1440"]))  # Ale: SIMBA's
    assert response.status_code == 404
    assert page(client, other_area.users["other_area_group"], "indicators:unit", "1441")


def test_the_overview_export_of_an_area_holds_only_its_units(client, other_area):
    client.force_login(other_area.users["other_process_leader"])
    response = client.get(reverse("indicators:overview"), {"export": "csv"})
    assert response.status_code == 200
    text = b"".join(response).decode("utf-8-sig")
    assert "Lerum" in text and "Ale" not in text.split(";") and "Stenungsund" not in text


def test_the_start_page_leads_to_the_users_own_areas_plan(client, process_leader, other_area):
    client.force_login(other_area.users["other_reader"])
    assert client.get(reverse("home")).url == reverse("plans:detail", args=[other_area.plan.pk])
    client.force_login(process_leader)
    simba_plan = Plan.objects.exclude(pk=other_area.plan.pk).get()
    assert client.get(reverse("home")).url == reverse("plans:detail", args=[simba_plan.pk])


def test_a_region_wide_reader_reads_every_area_and_changes_nothing(client, region_reader,
                                                                   other_area):  # fmt: skip
    client.force_login(region_reader)
    choose = page(client, region_reader, "choose_area")
    assert "Lerum–Alingsås" in choose and "SIMBA-området" in choose
    # The first area by name until another is chosen.
    assert "Lerum" in page(client, region_reader, "indicators:overview")
    simba = CollaborationArea.objects.get(slug="simba")
    response = client.post(reverse("choose_area"), {"omrade": simba.pk})
    assert response.status_code == 302
    overview = page(client, region_reader, "indicators:overview")
    assert "Stenungsund" in overview and "Lerum" not in overview
    for plan in Plan.objects.all():
        assert client.get(reverse("plans:detail", args=[plan.pk])).status_code == 200
        assert client.get(reverse("plans:editor", args=[plan.pk])).status_code == 403
    response = client.post(reverse("choose_area"), {"omrade": 999999})
    assert response.status_code == 404


def test_an_area_user_cannot_choose_another_area(client, process_leader, other_area):
    client.force_login(process_leader)
    response = client.post(reverse("choose_area"), {"omrade": other_area.area.pk})
    assert response.status_code == 404
    assert "Stenungsund" in page(client, process_leader, "indicators:overview")


def test_the_admin_creates_an_area_and_its_first_process_leader(client, admin_user):
    client.force_login(admin_user)
    url = reverse("admin:organisation_collaborationarea_add")
    form = {
        "name": "Mölndal–Härryda", "slug": "molndal-harryda", "username": "maria",
        "first_name": "Maria", "last_name": "Ek", "email": "maria@example.se",
        "password1": "Ett-langt-losenord-2026", "password2": "Ett-langt-losenord-2026",
    }  # fmt: skip
    refused = client.post(url, {**form, "password2": "annat"})
    assert refused.status_code == 200 and "Lösenorden är inte lika" in refused.content.decode()
    assert not CollaborationArea.objects.filter(slug="molndal-harryda").exists()

    assert client.post(url, form).status_code == 302
    area = CollaborationArea.objects.get(slug="molndal-harryda")
    assert area.name == "Mölndal–Härryda"
    own_unit = OrgUnit.objects.get(collaboration_area=area)
    assert (own_unit.kind, own_unit.name) == (OrgUnit.Kind.AREA, "Mölndal–Härryda")
    profile = Profile.objects.get(user__username="maria")
    assert (profile.role, profile.collaboration_area) == (Profile.Role.PROCESS_LEADER, area)

    client.logout()
    assert client.login(username="maria", password=form["password1"])
    start = client.get(reverse("home"))
    assert start.status_code == 200 and "Läs in en plan" in start.content.decode()
    simba_plan = Plan.objects.get(collaboration_area__slug="simba")
    assert client.get(reverse("plans:detail", args=[simba_plan.pk])).status_code == 404


def test_a_report_snapshot_holds_only_its_areas_units(other_area):
    snapshot = build_snapshot(other_area.plan, 2026, "coordination")
    text = repr(snapshot)
    assert "Lerum" in text and "Alingsås" in text
    assert "Stenungsund" not in text and "Kungälv" not in text


def test_reminders_about_an_area_go_to_that_areas_process_leaders(
    settings, process_leader, other_area, django_user_model
):
    settings.SIMBA_REMINDER_DAYS_BEFORE = 400
    Plan.objects.update(status=Plan.Status.ADOPTED)
    for user, address in [(process_leader, "paula@simba.se"),
                          (other_area.users["other_process_leader"], "olle@la.se")]:  # fmt: skip
        user.email = address
        user.save()
    ensure_reporting(other_area.plan)
    reminders.send_reminders(date(2026, 11, 30))
    to = {tuple(message.to): message.subject + message.body for message in mail.outbox}
    area_mails = {addresses: text for addresses, text in to.items() if "olle@la.se" in addresses}
    assert area_mails, "the other area's process leader got no reminder"
    for addresses, text in to.items():
        assert not ("olle@la.se" in addresses and "paula@simba.se" in addresses)
        if "olle@la.se" in addresses:
            assert "Stenungsund" not in text and "SIMBA-området" not in text


def test_the_import_command_creates_the_plan_in_the_named_area(other_area, tmp_path, capsys):
    path = tmp_path / "plan.docx"
    path.write_bytes(docs.simba_plan_docx())
    call_command("import_plan_document", str(path), "--area", "lerum-alingsas")
    assert capsys.readouterr().out.rstrip().splitlines()[-1] == (
        "goals=17 activities=38 key_figures=18"
    )
    plan = Plan.objects.latest("pk")
    assert plan.collaboration_area == other_area.area
    with pytest.raises(CommandError, match="Samverkansområdet finns-inte finns inte"):
        call_command("import_plan_document", str(path), "--area", "finns-inte")
    assert Plan.objects.latest("pk") == plan


def test_the_same_municipality_code_may_exist_in_two_areas(other_area):
    """Codes are unique within an area, so a unit page names its unit by code unambiguously."""
    OrgUnit.objects.create(
        collaboration_area=other_area.area, name="Ale i LA", code="1440", kind="municipality"
    )
    assert OrgUnit.objects.filter(code="1440").count() == 2


def test_a_unit_of_another_area_is_refused_for_an_actor_and_a_profile(other_area, simba_plan):
    from django.core.exceptions import ValidationError

    from plans.models import Actor

    actor = Actor(plan=simba_plan, name="Närområdesgrupp Lerum", org_unit=other_area.lerum)
    with pytest.raises(ValidationError, match="annat samverkansområde"):
        actor.full_clean()
    profile = Profile.objects.get(user__username="lena")
    profile.org_unit = OrgUnit.objects.get(collaboration_area__slug="simba", code="1440")
    with pytest.raises(ValidationError, match="inte till användarens samverkansområde"):
        profile.full_clean()


def test_a_profile_outside_the_region_wide_roles_needs_an_area(process_leader):
    from django.core.exceptions import ValidationError

    profile = process_leader.profile
    profile.collaboration_area = None
    with pytest.raises(ValidationError, match="Välj ett samverkansområde"):
        profile.full_clean()
    profile.role = Profile.Role.REGION_READER
    profile.full_clean()  # the region-wide roles have none
