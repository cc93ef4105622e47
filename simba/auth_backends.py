"""Authentication backends: django-axes' where there is no request to lock out, and Django's
model backend loading the user's profile with the user, through the shared cache."""

import contextvars

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.contrib.auth import backends, get_user_model
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

# A cached user is read again from the database at least this often, whatever happens.
USER_CACHE_SECONDS = 300
# After a change, the user is read from the database for this long and not cached: a request
# that read the row just before the change cannot put it back (it adds only where no entry is).
CHANGED_SECONDS = 10
_CHANGED = "changed"
# The request's session while Django reads its user (simba.middleware.AuthenticationMiddleware):
# it may hold the user's cache entry, read in the session's round trip (simba/sessions.py).
CURRENT_SESSION = contextvars.ContextVar("simba_current_session", default=None)
_NOT_FETCHED = object()


class AxesBackend(AxesStandaloneBackend):
    """Checks lock-outs for every log-in made through a request (the log-in page, the admin).

    Log-ins without a request (the test client's `login`, management commands) have no client
    address to lock and are left to the next backend instead of being refused with an error.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class ModelBackend(backends.ModelBackend):
    """Django's model backend, but the signed-in user of every request comes with the profile
    and its unit (accounts/roles.py reads both on nearly every page): one query, not two or
    three; and with a shared cache (Redis, SIMBA_CACHE_USERS) one cache read instead of that
    query. Django checks the session's password hash against the user returned here, as
    always; any save or deletion of the user, its profile, its unit or its area drops the cached
    copy."""

    def get_user(self, user_id):
        user = _cached_user(user_id) if settings.SIMBA_CACHE_USERS else _load_user(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


def _load_user(user_id):
    users = get_user_model()._default_manager.select_related(
        "profile__org_unit", "profile__collaboration_area"
    )
    try:
        return users.get(pk=user_id)
    except users.model.DoesNotExist:
        return None


def user_cache_key(user_id) -> str:
    return f"auth-user:{user_id}"


def _prefetched(user_id):
    """The user's cache entry read with this request's session, if it is this user's (once)."""
    session = CURRENT_SESSION.get()
    fetched = getattr(session, "prefetched_user", None)
    if fetched is None or fetched[0] != user_id:
        return _NOT_FETCHED
    session.prefetched_user = None
    return fetched[1]


def _cached_user(user_id):
    key = user_cache_key(user_id)
    user = _prefetched(user_id)
    if user is _NOT_FETCHED:
        user = cache.get(key)
    if user is None or isinstance(user, str):
        changed = user == _CHANGED
        user = _load_user(user_id)
        if user is not None and not changed:
            cache.add(key, user, USER_CACHE_SECONDS)
    return user


def forget_users(user_ids) -> None:
    """Marks the users as changed once the current transaction commits (a rolled-back change
    leaves the cache as it was, which is still right)."""
    user_ids = list(user_ids)
    if user_ids and settings.SIMBA_CACHE_USERS:
        transaction.on_commit(
            lambda: cache.set_many({user_cache_key(i): _CHANGED for i in user_ids}, CHANGED_SECONDS)
        )


def _user_changed(sender, instance, **kwargs):
    forget_users([instance.pk])


def _profile_changed(sender, instance, **kwargs):
    forget_users([instance.user_id])


def _unit_changed(sender, instance, **kwargs):
    from django.apps import apps

    profiles = apps.get_model("accounts", "Profile").objects.filter(org_unit_id=instance.pk)
    forget_users(profiles.values_list("user_id", flat=True))


def _area_changed(sender, instance, **kwargs):
    from django.apps import apps

    profiles = apps.get_model("accounts", "Profile").objects
    forget_users(
        profiles.filter(collaboration_area_id=instance.pk).values_list("user_id", flat=True)
    )


def connect_receivers() -> None:
    """Called from SimbaConfig.ready."""
    for signal in (post_save, post_delete):
        signal.connect(_user_changed, sender=get_user_model(), dispatch_uid=f"user-cache-{signal}")
        signal.connect(_profile_changed, sender="accounts.Profile",
                       dispatch_uid=f"profile-cache-{signal}")  # fmt: skip
        signal.connect(_unit_changed, sender="organisation.OrgUnit",
                       dispatch_uid=f"unit-cache-{signal}")  # fmt: skip
        signal.connect(_area_changed, sender="organisation.CollaborationArea",
                       dispatch_uid=f"area-cache-{signal}")  # fmt: skip
