"""Server-side caching keyed on what a page is built from (Django's cache framework).

A page is cached under a key that contains a *change token*: the time of the newest history row
(or log row) of the tables the page reads. Any save adds such a row, so the token moves and the
old entry is never read again; nothing has to be deleted, and every gunicorn process sees the
same token because it comes from the database (one cheap query: MAX over indexed time columns,
which unlike ids are not reused after a rolled-back transaction). Rows saved in the same
microsecond are not told apart, which a person editing a plan does not do. (The plan page has a
version of each plan's own instead, moved by the database: plans/content_version.py.)
"""

import hashlib
import threading
from collections import OrderedDict

from django.core.cache import cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.db import connection

TIMEOUT = 24 * 3600  # entries of an old token are never read again; they just expire


def change_token_sql(*sources: tuple[type, str]) -> str:
    """One SQL text expression (PostgreSQL and SQLite) for the token of `sources`: (model,
    indexed time column). Usable as an annotation, to fetch it with the page's own row."""
    qn = connection.ops.quote_name
    parts = [
        f"COALESCE(CAST((SELECT MAX({qn(column)}) FROM {qn(model._meta.db_table)}) AS TEXT), '')"
        for model, column in sources
    ]
    return "(" + " || '|' || ".join(parts) + ")"


def change_token(*sources: tuple[type, str]) -> str:
    """The token on its own: one query."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + change_token_sql(*sources))
        return cursor.fetchone()[0]


def cache_key(prefix: str, *parts) -> str:
    """A cache key for what `parts` (ids, version tokens, flags) describe, of fixed length."""
    return f"{prefix}:" + hashlib.sha256(repr(parts).encode()).hexdigest()


class VersionedCache:
    """Django's cache with a small per-process copy in front, for values whose key holds a
    change token read from the database in the same request (`cache_key` of a version): such a
    key is never served after a change, in any process, so a process may keep the value itself
    and save the shared cache's round trip and transfer (the plan page's 50 kB body). The
    oldest of `size` entries goes first. With caching switched off (Django's DummyCache) the
    process keeps nothing either."""

    def __init__(self, size: int):
        self.size = size
        self._entries: OrderedDict[str, object] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str):
        if isinstance(caches["default"], DummyCache):
            return None
        with self._lock:
            value = self._entries.get(key)
            if value is not None:
                self._entries.move_to_end(key)
                return value
        value = cache.get(key)
        if value is not None:
            self._keep(key, value)
        return value

    def set(self, key: str, value) -> None:
        cache.set(key, value, TIMEOUT)
        self._keep(key, value)

    def _keep(self, key: str, value) -> None:
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
