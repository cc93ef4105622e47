"""Who may see and handle which report: one helper per kind of access (built on accounts/roles).

Published reports are for everyone signed in (politicians, the coordination group, the area
groups); unpublished ones only for the process leader and administrators. Others get 404 for an
unpublished report (not theirs to know of) and 403 when they may see it but not change it.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.roles import is_process_leader, may_reach_area
from reports.models import Report


def visible_reports(user, plan):
    reports = Report.objects.filter(plan=plan).select_related("requested_by", "published_by")
    if is_process_leader(user):
        return reports
    return reports.filter(published_at__isnull=False)


def get_report_for_user(user, pk: int) -> Report:
    report = get_object_or_404(Report.objects.select_related("plan"), pk=pk)
    if not may_reach_area(user, report.plan.collaboration_area_id):
        raise Http404("Rapporten finns inte.")
    if report.is_published or is_process_leader(user):
        return report
    raise Http404("Rapporten finns inte.")


def get_report_to_handle(user, pk: int) -> Report:
    """For publishing and retrying: the process leader only; 403 for those who may see it."""
    report = get_report_for_user(user, pk)
    if not is_process_leader(user):
        raise PermissionDenied("Bara processledaren kan hantera rapporter.")
    return report
