"""The role rules (accounts/roles.py) on plain stand-ins for users: every role × every rule,
without a database (fast, for the mutation run; tests/accounts/test_roles.py uses real users)."""

from types import SimpleNamespace

import pytest

from accounts import roles
from accounts.roles import Role

SIMBA, OTHER = 1, 2  # two collaboration areas (ids)
ALE = SimpleNamespace(pk=1, collaboration_area_id=SIMBA)
TJORN = SimpleNamespace(pk=2, collaboration_area_id=SIMBA)
LERUM = SimpleNamespace(pk=3, collaboration_area_id=OTHER)
REGION_WIDE_ROLES = (Role.ADMIN, Role.REGION_READER)


def user(role=None, unit=None, superuser=False, authenticated=True, profile=True, area=SIMBA):
    fields = {"is_authenticated": authenticated, "is_superuser": superuser}
    if profile and role is not None:
        area = None if role in REGION_WIDE_ROLES else area
        fields["profile"] = SimpleNamespace(role=role, org_unit=unit, collaboration_area_id=area)
    return SimpleNamespace(**fields)


def plan(area=SIMBA, public=False):
    return SimpleNamespace(collaboration_area_id=area, is_public=public)


ANONYMOUS = user(authenticated=False)
USERS = {
    "anonymous": ANONYMOUS,
    "no_profile": user(),
    "reader": user(Role.READER),
    "area_ale": user(Role.AREA_GROUP, ALE),
    "area_without_unit": user(Role.AREA_GROUP, None),
    "reader_with_unit": user(Role.READER, ALE),
    "process_leader": user(Role.PROCESS_LEADER),
    "admin_profile": user(Role.ADMIN),
    "superuser": user(Role.READER, superuser=True),
    "region_reader": user(Role.REGION_READER),
    "other_leader": user(Role.PROCESS_LEADER, area=OTHER),
    "other_reader": user(Role.READER, area=OTHER),
}
REGION_WIDE = {"admin_profile", "superuser", "region_reader"}
IN_SIMBA = {"reader", "area_ale", "area_without_unit", "reader_with_unit", "process_leader"}
IN_OTHER = {"other_leader", "other_reader"}


@pytest.mark.parametrize(
    ("who", "role"),
    [("anonymous", None), ("no_profile", Role.READER), ("reader", Role.READER),
     ("area_ale", Role.AREA_GROUP), ("process_leader", Role.PROCESS_LEADER),
     ("admin_profile", Role.ADMIN), ("superuser", Role.ADMIN),
     ("region_reader", Role.REGION_READER), ("other_leader", Role.PROCESS_LEADER)],
)  # fmt: skip
def test_role_of(who, role):
    assert roles.role_of(USERS[who]) == role


def test_anonymous_with_superuser_flag_is_still_nobody():
    assert roles.role_of(user(Role.ADMIN, superuser=True, authenticated=False)) is None


@pytest.mark.parametrize(
    ("who", "unit"),
    [("anonymous", None), ("reader", None), ("reader_with_unit", None), ("area_ale", ALE),
     ("area_without_unit", None), ("process_leader", None), ("no_profile", None)],
)  # fmt: skip
def test_org_unit_of(who, unit):
    assert roles.org_unit_of(USERS[who]) is unit


def test_an_anonymous_user_with_a_profile_has_no_unit():
    assert roles.org_unit_of(user(Role.AREA_GROUP, ALE, authenticated=False)) is None


LEADERS = {"process_leader", "admin_profile", "superuser"}  # of SIMBA (the admins: of all)
OTHER_LEADERS = {"other_leader", "admin_profile", "superuser"}


@pytest.mark.parametrize("who", sorted(USERS))
def test_who_leads_administers_and_edits(who):
    person = USERS[who]
    assert roles.is_process_leader(person) == (who in LEADERS | OTHER_LEADERS)
    assert roles.is_admin(person) == (who in {"admin_profile", "superuser"})
    assert roles.can_edit_plan(person, plan(SIMBA)) == (who in LEADERS)
    assert roles.can_edit_plan(person, plan(OTHER)) == (who in OTHER_LEADERS)
    assert roles.can_change_lifecycle(person, plan(SIMBA)) == (who in LEADERS)
    assert roles.can_change_lifecycle(person, plan(OTHER, public=True)) == (who in OTHER_LEADERS)


@pytest.mark.parametrize("who", sorted(USERS))
def test_who_reports_for_which_unit(who):
    person = USERS[who]
    assert roles.can_report_for(person, ALE) == (who in LEADERS | {"area_ale"})
    assert roles.can_report_for(person, TJORN) == (who in LEADERS)
    assert roles.can_report_for(person, LERUM) == (who in OTHER_LEADERS)


@pytest.mark.parametrize("who", sorted(USERS))
def test_who_reaches_which_area(who):
    person = USERS[who]
    assert roles.is_region_wide(person) == (who in REGION_WIDE)
    assert roles.may_reach_area(person, SIMBA) == (who in IN_SIMBA | REGION_WIDE)
    assert roles.may_reach_area(person, OTHER) == (who in IN_OTHER | REGION_WIDE)
    assert not roles.may_reach_area(person, None)
    assert roles.home_area_id(person) == (
        SIMBA if who in IN_SIMBA else OTHER if who in IN_OTHER else None
    )
    assert roles.is_reader(person) == (
        who in {"reader", "reader_with_unit", "region_reader", "other_reader", "no_profile"}
    )


@pytest.mark.parametrize("public", [True, False])
@pytest.mark.parametrize("who", sorted(USERS))
def test_reading_a_plan_and_its_history(who, public):
    """A plan is read by its own area and the region-wide roles, and by anyone when public; its
    history (it names people) only by its own area and the region-wide roles. A user without a
    profile belongs to no area: public plans only."""
    reaches = who in IN_SIMBA | REGION_WIDE
    assert roles.can_read_plan(USERS[who], plan(SIMBA, public)) == (public or reaches)
    assert roles.can_see_history(USERS[who], plan(SIMBA, public)) == reaches
