"""Security events: log-ins and log-outs are logged, and a deactivated user's sessions end.

Log lines carry the user's id and user name, the client address and the path: never a password,
a session key, a CSRF token or a query string (which could hold a token).
"""

import logging
from importlib import import_module

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.contrib.sessions.models import Session
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone

log = logging.getLogger("simba.security")


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "-") if request is not None else "-"


@receiver(user_logged_in)
def log_login(sender, request, user, **kwargs):
    log.info("login succeeded user_id=%s username=%s ip=%s", user.pk, user.get_username(),
             client_address(request))  # fmt: skip


@receiver(user_login_failed)
def log_login_failure(sender, credentials, request=None, **kwargs):
    # `credentials` holds the password (Django masks it, but we take the user name only).
    username = str(credentials.get("username", ""))[:150]
    log.warning("login failed username=%s ip=%s", username, client_address(request))


@receiver(user_logged_out)
def log_logout(sender, request, user, **kwargs):
    if user is not None:
        log.info("logout user_id=%s ip=%s", user.pk, client_address(request))


def end_sessions_of(user) -> int:
    """Delete every live session of `user` on the server; returns how many there were.

    Sessions live in the database and hold only the user's id, so they are decoded one by one:
    cheap for the few hundred sessions this application has at any time.
    """
    user_pk = str(user.pk)
    doomed = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if session.get_decoded().get("_auth_user_id") == user_pk
    ]
    store = import_module(settings.SESSION_ENGINE).SessionStore
    for key in doomed:
        store(session_key=key).delete()  # the cached copy too (SESSION_ENGINE cached_db)
    if doomed:
        log.info("sessions ended user_id=%s count=%s", user.pk, len(doomed))
    return len(doomed)


@receiver(post_save, sender=get_user_model())
def end_sessions_of_deactivated_user(sender, instance, **kwargs):
    if not instance.is_active:
        end_sessions_of(instance)
