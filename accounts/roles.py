"""Who may do what: one place for the rules, used by views, templates and tests alike.

Roles: the process leader edits the plan and approves reports; an area-group member reports for
one municipality; a reader (politicians, the coordination group) reads; an administrator may do
everything. A user without a profile is treated as a reader of no area: public plans only.

Areas: every role but two acts within its own collaboration area (Profile.collaboration_area),
and knows nothing of the others: objects of another area answer 404, like objects that do not
exist. Administrators and region-wide readers reach every area (accounts/areas.py lets them
choose which one their pages show); region-wide readers read like readers.
"""

from accounts.models import Profile

Role = Profile.Role


REGION_WIDE = (Role.ADMIN, Role.REGION_READER)


def role_of(user) -> str | None:
    if not user.is_authenticated:
        return None
    if user.is_superuser:
        return Role.ADMIN
    profile = getattr(user, "profile", None)
    return profile.role if profile else Role.READER


def org_unit_of(user):
    """The municipality an area-group member reports for, else None."""
    profile = getattr(user, "profile", None) if user.is_authenticated else None
    return profile.org_unit if profile and profile.role == Role.AREA_GROUP else None


def is_region_wide(user) -> bool:
    """Reaches every collaboration area (administrators, region-wide readers)."""
    return role_of(user) in REGION_WIDE


def home_area_id(user) -> int | None:
    """The area a user belongs to; None for anonymous and region-wide users."""
    if not user.is_authenticated or is_region_wide(user):
        return None
    profile = getattr(user, "profile", None)
    return profile.collaboration_area_id if profile else None


def may_reach_area(user, area_id: int | None) -> bool:
    """Whether the user may know of what belongs to this area (else: 404)."""
    if not user.is_authenticated or area_id is None:
        return False
    return is_region_wide(user) or home_area_id(user) == area_id


def is_reader(user) -> bool:
    """Reads everything of the areas it reaches and changes nothing."""
    return role_of(user) in (Role.READER, Role.REGION_READER)


def is_admin(user) -> bool:
    return role_of(user) == Role.ADMIN


def is_process_leader(user) -> bool:
    """Process leaders and administrators: they edit the plan and handle follow-up."""
    return role_of(user) in (Role.PROCESS_LEADER, Role.ADMIN)


def can_read_plan(user, plan) -> bool:
    return plan.is_public or may_reach_area(user, plan.collaboration_area_id)


def can_edit_plan(user, plan) -> bool:
    return is_process_leader(user) and may_reach_area(user, plan.collaboration_area_id)


def can_report_for(user, org_unit) -> bool:
    """Enter follow-up values for a unit: its own area group, or its area's process leader."""
    if is_process_leader(user):
        return may_reach_area(user, org_unit.collaboration_area_id)
    unit = org_unit_of(user)
    return unit is not None and unit.pk == org_unit.pk


def can_see_history(user, plan) -> bool:
    """History names the people who changed things, so it needs a log-in even for public plans."""
    return may_reach_area(user, plan.collaboration_area_id)


def can_change_lifecycle(user, plan) -> bool:
    """Adopt, reopen and create the next plan: a deliberate act of the process leader."""
    return can_edit_plan(user, plan)
