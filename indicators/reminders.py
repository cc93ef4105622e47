"""Reminders: e-mail units that have not submitted a period some days before its deadline.

Safe to run more than once a day and to miss a day: a report is reminded once per deadline (the
deadline reminded of is stored), any day from N days before the deadline up to the deadline.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse

from accounts.models import Profile
from indicators.models import Submission
from indicators.reporting import ensure_reporting
from organisation.models import OrgUnit

logger = logging.getLogger(__name__)


def days_before() -> int:
    return getattr(settings, "SIMBA_REMINDER_DAYS_BEFORE", 7)


def due(today, days: int | None = None):
    """Reports not yet handed in whose deadline is within `days` days and not yet reminded of."""
    days = days_before() if days is None else days
    return (
        Submission.objects.filter(
            status__in=[Submission.Status.DRAFT, Submission.Status.RETURNED],
            period__deadline__gte=today,
            period__deadline__lte=today + timedelta(days=days),
        )
        .exclude(reminded_for=F("period__deadline"))
        .select_related("org_unit", "period__plan")
        .order_by("org_unit__name", "period__deadline")
    )


def recipients(unit: OrgUnit) -> list[str]:
    """Area-group members of a municipality; for the whole area, its process leaders."""
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    if unit.kind == OrgUnit.Kind.AREA:
        users = users.filter(
            profile__role=Profile.Role.PROCESS_LEADER,
            profile__collaboration_area=unit.collaboration_area_id,
        )
    else:
        users = users.filter(profile__role=Profile.Role.AREA_GROUP, profile__org_unit=unit)
    return sorted(users.values_list("email", flat=True))


def message_for(unit, submissions, to: list[str], base_url: str) -> EmailMultiAlternatives:
    context = {
        "unit": unit,
        "items": [
            {
                "submission": s,
                "url": base_url + reverse("indicators:entry", args=[unit.code, s.period_id]),
            }
            for s in submissions
        ],
        "overview_url": base_url + reverse("indicators:unit", args=[unit.code]),
    }
    subject = render_to_string("indicators/email/reminder_subject.txt", context).strip()
    text = render_to_string("indicators/email/reminder.txt", context)
    html = render_to_string("indicators/email/reminder.html", context)
    mail = EmailMultiAlternatives(subject, text, to=to)
    mail.attach_alternative(html, "text/html")
    return mail


def send_reminders(today, days: int | None = None) -> int:
    """Send one e-mail per unit listing its reports due soon; returns the number of e-mails."""
    from plans.models import Plan

    for plan in Plan.objects.filter(status=Plan.Status.ADOPTED):  # drafts have no follow-up yet
        ensure_reporting(plan)
    base_url = getattr(settings, "SIMBA_BASE_URL", "").rstrip("/")
    by_unit: dict = {}
    for submission in due(today, days):
        by_unit.setdefault(submission.org_unit, []).append(submission)
    sent = 0
    for unit, submissions in by_unit.items():
        to = recipients(unit)
        if not to:
            logger.warning("Ingen e-postadress för %s; ingen påminnelse skickad.", unit)
            continue
        with transaction.atomic():
            message_for(unit, submissions, to, base_url).send()
            for submission in submissions:
                Submission.objects.filter(pk=submission.pk).update(
                    reminded_for=submission.period.deadline
                )
        sent += 1
    return sent
