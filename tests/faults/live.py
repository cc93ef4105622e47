"""The application under gunicorn in a subprocess, and a small logged-in HTTP client for it."""

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager

from tests.workers import ROOT


def listening_socket() -> socket.socket:
    """A socket bound and listening before gunicorn starts, handed to it as an open file
    descriptor: no other process can take the port between choosing and binding it.
    FAULT_TEST_PORT picks the port, else the system does."""
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", int(os.environ.get("FAULT_TEST_PORT") or 0)))
    sock.listen(64)
    sock.set_inheritable(True)
    return sock


def database_url(name: str) -> str:
    """DATABASE_URL of this checkout with another database name."""
    base = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    return f"{base}/{name}"


def production_password(user, password: str) -> None:
    """Tests hash with MD5 for speed; the server in the subprocess knows only production's."""
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    hasher = PBKDF2PasswordHasher()
    user.password = hasher.encode(password, hasher.salt(), iterations=1000)
    user.save(update_fields=["password"])


def collect_static(static_root) -> None:
    """Production serves hashed, compressed static files (WhiteNoise): collect them once."""
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT,
        env={**os.environ, "DEBUG": "false", "STATIC_ROOT": str(static_root),
             "SECRET_KEY": os.environ.get("SECRET_KEY") or "fault-test-only"},
        check=True,
    )  # fmt: skip


@contextmanager
def gunicorn(db_name: str, static_root, **env):
    sock = listening_socket()
    port = sock.getsockname()[1]
    environment = {
        **os.environ,
        "DATABASE_URL": database_url(db_name),
        "DEBUG": "false",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or "fault-test-only",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",  # plain HTTP on loopback
        "SECURE_COOKIES": "false",
        "DB_CONN_MAX_AGE": "600",  # keep the connection between requests, as production does
        "LOG_LEVEL": "WARNING",
        "STATIC_ROOT": str(static_root),
        **env,
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "simba.wsgi:application", "--bind",
         f"fd://{sock.fileno()}", "--workers", "1", "--log-level", "warning"],
        cwd=ROOT, env=environment, pass_fds=(sock.fileno(),),
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, server)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=15)
        sock.close()


def _wait_until_up(base: str, server, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("gunicorn exited at start-up")
        try:
            with urllib.request.urlopen(base + "/halsa/", timeout=5):
                return
        except OSError:  # refused, reset or timed out while it starts
            time.sleep(0.1)
    raise RuntimeError("gunicorn did not answer in time")


class Browser:
    """Cookies and CSRF like a browser; no redirects followed, so each answer is seen as is."""

    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )

    def get(self, path: str) -> tuple[int, str]:
        return self._send(urllib.request.Request(self.base + path))

    def post(self, path: str, data: dict) -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode()
        return self._send(urllib.request.Request(self.base + path, data=body))

    def log_in(self, username: str, password: str) -> None:
        _, page = self.get("/logga-in/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        status, _ = self.post(
            "/logga-in/",
            {"username": username, "password": password, "csrfmiddlewaretoken": token},
        )
        if status != 302:
            raise AssertionError(f"log-in as {username} failed with {status}")

    def _send(self, request) -> tuple[int, str]:
        request.add_header("Referer", self.base + "/")
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
