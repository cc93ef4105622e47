"""Who may do what: one place for the rules, used by views, templates and tests alike.

Roles: the process leader edits the plan and approves reports; an area-group member reports for
one municipality; a reader (politicians, the coordination group) reads; an administrator may do
everything. A user without a profile is treated as a reader.
"""

from accounts.models import Profile

Role = Profile.Role


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


def is_admin(user) -> bool:
    return role_of(user) == Role.ADMIN


def is_process_leader(user) -> bool:
    """Process leaders and administrators: they edit the plan and handle follow-up."""
    return role_of(user) in (Role.PROCESS_LEADER, Role.ADMIN)


def can_read_plan(user, plan) -> bool:
    return plan.is_public or user.is_authenticated


def can_edit_plan(user, plan) -> bool:
    return is_process_leader(user)


def can_report_for(user, org_unit) -> bool:
    """Enter follow-up values for a unit: its own area group, or the process leader."""
    if is_process_leader(user):
        return True
    unit = org_unit_of(user)
    return unit is not None and unit.pk == org_unit.pk


def can_see_history(user, plan) -> bool:
    """History names the people who changed things, so it needs a log-in even for public plans."""
    return user.is_authenticated and can_read_plan(user, plan)


def can_change_lifecycle(user, plan) -> bool:
    """Adopt, reopen and create the next plan: a deliberate act of the process leader."""
    return can_edit_plan(user, plan)
