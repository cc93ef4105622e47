"""django-axes' backend, usable where there is no request to lock out."""

from axes.backends import AxesStandaloneBackend


class AxesBackend(AxesStandaloneBackend):
    """Checks lock-outs for every log-in made through a request (the log-in page, the admin).

    Log-ins without a request (the test client's `login`, management commands) have no client
    address to lock and are left to the next backend instead of being refused with an error.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
