"""The role rules (accounts/roles.py) on plain stand-ins for users: every role × every rule,
without a database (fast, for the mutation run; tests/accounts/test_roles.py uses real users)."""

from types import SimpleNamespace

import pytest

from accounts import roles
from accounts.roles import Role

ALE, TJORN = SimpleNamespace(pk=1), SimpleNamespace(pk=2)


def user(role=None, unit=None, superuser=False, authenticated=True, profile=True):
    fields = {"is_authenticated": authenticated, "is_superuser": superuser}
    if profile and role is not None:
        fields["profile"] = SimpleNamespace(role=role, org_unit=unit)
    return SimpleNamespace(**fields)


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
}


@pytest.mark.parametrize(
    ("who", "role"),
    [("anonymous", None), ("no_profile", Role.READER), ("reader", Role.READER),
     ("area_ale", Role.AREA_GROUP), ("process_leader", Role.PROCESS_LEADER),
     ("admin_profile", Role.ADMIN), ("superuser", Role.ADMIN)],
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


LEADERS = {"process_leader", "admin_profile", "superuser"}


@pytest.mark.parametrize("who", sorted(USERS))
def test_who_leads_administers_and_edits(who):
    person = USERS[who]
    assert roles.is_process_leader(person) == (who in LEADERS)
    assert roles.is_admin(person) == (who in {"admin_profile", "superuser"})
    assert roles.can_edit_plan(person, None) == (who in LEADERS)
    assert roles.can_change_lifecycle(person, None) == (who in LEADERS)


@pytest.mark.parametrize("who", sorted(USERS))
def test_who_reports_for_which_unit(who):
    person = USERS[who]
    assert roles.can_report_for(person, ALE) == (who in LEADERS | {"area_ale"})
    assert roles.can_report_for(person, TJORN) == (who in LEADERS)


@pytest.mark.parametrize("public", [True, False])
@pytest.mark.parametrize("who", sorted(USERS))
def test_reading_a_plan_and_its_history(who, public):
    plan = SimpleNamespace(is_public=public)
    signed_in = who != "anonymous"
    assert roles.can_read_plan(USERS[who], plan) == (public or signed_in)
    assert roles.can_see_history(USERS[who], plan) == signed_in
