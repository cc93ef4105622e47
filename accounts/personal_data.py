"""Personal data held about a user: export it all, or remove it while keeping the history.

Deactivating (`deactivate_and_anonymise`) replaces the account's personal details with
"former-user-<id>" / "Tidigare användare <id>", so every history row the person authored
(django-simple-history's `history_user` keeps pointing at the same row) stays readable as the
work of "former user N". Their sessions end and their log-in records are deleted.

The export (`export_user_data`) finds every history model through django-simple-history's
registry, so models that get history later are covered without changes here.
"""

from django.contrib.admin.models import LogEntry
from django.core.serializers import serialize
from django.db import transaction
from django.utils import timezone
from simple_history.exceptions import NotHistoricalModelError
from simple_history.models import registered_models
from simple_history.utils import get_history_model_for_model

from simba.security import end_sessions_of

FORMER_USER_FIRST_NAME = "Tidigare"


def former_username(user) -> str:
    return f"former-user-{user.pk}"


def is_anonymised(user) -> bool:
    return user.username == former_username(user)


def history_models() -> list:
    """Every historical model that records who made a change."""
    found = []
    for model in registered_models.values():
        try:
            history = get_history_model_for_model(model)
        except NotHistoricalModelError:  # an m2m through model: its rows hang off a parent
            continue
        if any(field.name == "history_user" for field in history._meta.fields):
            found.append(history)
    return sorted(set(found), key=lambda m: m._meta.label)


@transaction.atomic
def deactivate_and_anonymise(user) -> None:
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    old_username = user.get_username()
    user.username = former_username(user)
    user.first_name = FORMER_USER_FIRST_NAME
    user.last_name = f"användare {user.pk}"
    user.email = ""
    user.is_active = user.is_staff = user.is_superuser = False
    user.set_unusable_password()
    user.save()  # ends the sessions too (simba/security.py)
    user.groups.clear()
    user.user_permissions.clear()
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        model.objects.filter(username=old_username).delete()
    LogEntry.objects.filter(
        content_type__app_label=user._meta.app_label,
        content_type__model=user._meta.model_name,
        object_id=str(user.pk),
    ).update(object_repr=user.username)
    end_sessions_of(user)


def export_user_data(user) -> dict:
    """Everything the application holds about `user`, as plain data ready for JSON."""
    from axes.models import AccessAttempt, AccessLog

    return {
        "exported_at": timezone.now(),
        "account": _account(user),
        "profile": _profile(user),
        "history": [row for model in history_models() for row in _history_rows(model, user)],
        "admin_log": list(
            LogEntry.objects.filter(user=user)
            .order_by("action_time")
            .values(
                "action_time",
                "content_type__model",
                "object_id",
                "object_repr",
                "action_flag",
                "change_message",
            )  # fmt: skip
        ),
        "log_ins": list(
            AccessLog.objects.filter(username=user.get_username())
            .order_by("attempt_time")
            .values("attempt_time", "logout_time", "ip_address", "user_agent")
        ),
        "failed_log_ins": list(
            AccessAttempt.objects.filter(username=user.get_username()).values(
                "attempt_time", "ip_address", "user_agent", "failures_since_start"
            )
        ),
    }


def _account(user) -> dict:
    return {
        "id": user.pk,
        "username": user.get_username(),
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": user.is_active,
        "is_staff": user.is_staff,
        "is_superuser": user.is_superuser,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "groups": sorted(user.groups.values_list("name", flat=True)),
    }


def _profile(user) -> dict | None:
    profile = getattr(user, "profile", None)
    if profile is None:
        return None
    return {
        "role": profile.role,
        "role_name": str(profile.get_role_display()),
        "org_unit": str(profile.org_unit) if profile.org_unit else None,
    }


def _history_rows(model, user) -> list[dict]:
    rows = serialize("python", model.objects.filter(history_user=user).order_by("history_date"))
    return [{"model": row["model"], "history_id": row["pk"], **row["fields"]} for row in rows]
