"""Sessions as Django's cached_db keeps them (the database the truth, the shared cache in front),
read in the same Redis round trip as the signed-in user's cached copy (simba/auth_backends.py).

The user's id is in the session, so the user's key is known only after the session is read: two
round trips, one after the other, on every signed-in request. But a session key belongs to one
user for its whole life (Django gives a new key at log-in), so each process remembers which user
it saw with a session key, as a hint: with one, the session and that user's entry are read with
one MGET. The hint decides only what is fetched, never what is believed: the user entry is used
only when the session just read names that same user (simba.middleware.AuthenticationMiddleware
hands it to the backend for that one request), and it is the entry as it is in Redis now, so a
change of role, password or unit reaches the very next request in every process exactly as
before. Without a hint, or with a wrong one, it is Django's two reads.
"""

import threading
from collections import OrderedDict

from django.conf import settings
from django.contrib.sessions.backends import cached_db

from simba.auth_backends import user_cache_key

HINTS_SIZE = 10_000  # session keys per process; the oldest hint goes first
_hints: OrderedDict[str, int] = OrderedDict()
_lock = threading.Lock()


def remember_user_of(session_key: str, user_id: int) -> None:
    with _lock:
        _hints[session_key] = user_id
        _hints.move_to_end(session_key)
        while len(_hints) > HINTS_SIZE:
            _hints.popitem(last=False)


def _hinted_user(session_key) -> int | None:
    with _lock:
        return _hints.get(session_key)


class SessionStore(cached_db.SessionStore):
    # (user id, that user's cache entry as read with the session), for this request's backend.
    prefetched_user = None

    def load(self):
        user_id = _hinted_user(self.session_key) if self.session_key else None
        shared = settings.SIMBA_CACHE_USERS and settings.SESSION_CACHE_ALIAS == "default"
        if user_id is None or not shared:
            return super().load()
        user_key = user_cache_key(user_id)
        values = self._cache.get_many([self.cache_key, user_key])
        data = values.get(self.cache_key)
        if data is None:
            return super().load()  # from the database (and into the cache), as Django does
        self.prefetched_user = (user_id, values.get(user_key))
        return data
