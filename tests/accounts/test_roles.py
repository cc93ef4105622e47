import pytest
from django.contrib.auth.models import AnonymousUser

from accounts import roles
from organisation.models import OrgUnit

pytestmark = pytest.mark.django_db


def test_area_group_reports_only_for_its_own_municipality(ale_user, simba_plan):
    ale, tjorn = OrgUnit.objects.get(name="Ale"), OrgUnit.objects.get(name="Tjörn")
    assert roles.can_report_for(ale_user, ale)
    assert not roles.can_report_for(ale_user, tjorn)
    assert not roles.can_edit_plan(ale_user, simba_plan)


def test_process_leader_reports_for_every_unit_and_edits_the_plan(process_leader, simba_plan):
    assert all(roles.can_report_for(process_leader, u) for u in OrgUnit.objects.all())
    assert roles.can_edit_plan(process_leader, simba_plan)


def test_reader_and_anonymous_change_nothing(reader, simba_plan):
    ale = OrgUnit.objects.get(name="Ale")
    for user in (reader, AnonymousUser()):
        assert not roles.can_report_for(user, ale)
        assert not roles.can_edit_plan(user, simba_plan)
    assert roles.can_read_plan(reader, simba_plan)
    assert not roles.can_read_plan(AnonymousUser(), simba_plan)


def test_history_needs_a_log_in_even_for_a_public_plan(reader, simba_plan):
    simba_plan.is_public = True
    assert roles.can_read_plan(AnonymousUser(), simba_plan)
    assert not roles.can_see_history(AnonymousUser(), simba_plan)
    assert roles.can_see_history(reader, simba_plan)


def test_only_the_process_leader_and_admin_change_the_life_cycle(
    reader, ale_user, process_leader, admin_user, simba_plan
):
    allowed = [roles.can_change_lifecycle(u, simba_plan)
               for u in (reader, ale_user, process_leader, admin_user)]  # fmt: skip
    assert allowed == [False, False, True, True]
