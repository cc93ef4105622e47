"""Authentication backends: django-axes' where there is no request to lock out, and Django's
model backend loading the user's profile with the user."""

from axes.backends import AxesStandaloneBackend
from django.contrib.auth import backends, get_user_model


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
    three."""

    def get_user(self, user_id):
        users = get_user_model()._default_manager.select_related(
            "profile__org_unit", "profile__collaboration_area"
        )
        try:
            user = users.get(pk=user_id)
        except users.model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
