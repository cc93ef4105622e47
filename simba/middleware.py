"""Request-level protections of the project (see settings' security block)."""

import logging

from django.conf import settings
from django.contrib import auth
from django.contrib.auth import middleware as auth_middleware
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.functional import SimpleLazyObject

from simba import sessions
from simba.auth_backends import CURRENT_SESSION
from simba.security import client_address

log = logging.getLogger("simba.security")

REFUSED = {403: "forbidden", 404: "not found", 429: "locked out"}


class RefusedRequestLogMiddleware:
    """Logs every refused request: status, method, path, user id and address (no query string)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _too_large(request):
            log.warning("request refused: body too large path=%s ip=%s", request.path,
                        client_address(request))  # fmt: skip
            return render(request, "413.html", status=413)
        response = self.get_response(request)
        if response.status_code in REFUSED:
            user = getattr(request, "user", None)
            user_id = user.pk if user is not None and user.is_authenticated else "-"
            log.warning("request refused: %s %s %s %s user_id=%s ip=%s",
                        response.status_code, REFUSED[response.status_code], request.method,
                        request.path, user_id, client_address(request))  # fmt: skip
        return response


def _too_large(request) -> bool:
    """A body above MAX_REQUEST_BYTES is refused before anything reads it."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    return length > settings.MAX_REQUEST_BYTES


class PrivatePagesMiddleware:
    """Pages for a signed-in user are never kept by a browser or a proxy (a shared computer's
    back button, a municipality's caching proxy): `Cache-Control: private, no-store`. Pages for
    anonymous visitors (log-in, public plan, accessibility statement) and static files (served
    by WhiteNoise before this runs) stay cacheable."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response


class AuthenticationMiddleware(auth_middleware.AuthenticationMiddleware):
    """Django's, but while Django reads the user (`auth.get_user`, with its session checks as
    always) the backend may take the user's cache entry read in the same Redis round trip as the
    session (simba/sessions.py); afterwards the process remembers whose the session is."""

    def process_request(self, request):
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: _get_user(request))


def _get_user(request):
    if not hasattr(request, "_cached_user"):
        token = CURRENT_SESSION.set(request.session)
        try:
            request._cached_user = auth.get_user(request)
        finally:
            CURRENT_SESSION.reset(token)
        session_key = getattr(request.session, "session_key", None)
        if request._cached_user.is_authenticated and session_key:
            sessions.remember_user_of(session_key, request._cached_user.pk)
    return request._cached_user
