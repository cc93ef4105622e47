#!/usr/bin/env python3
"""Load benchmark: the application under gunicorn against PostgreSQL on loopback.

    .venv/bin/python bench/load.py                       # 50 users, 60 s per page (the issue's run)
    .venv/bin/python bench/load.py --users 10 --duration 5   # a quick look

It makes its own database (DATABASE_URL's server, database `<name>_bench`), migrates it, loads
the real SIMBA plan and the demo accounts, collects static files, and starts gunicorn on
127.0.0.1 with production settings (DEBUG off; plain HTTP because there is no TLS proxy). Then
each page in SCENARIOS is read by `--users` logged-in simulated users, each sending its next
request as soon as the previous one is answered, for `--duration` seconds; and the trivial
health view (/halsa/) gets the same load in the same run, as the baseline. It prints requests per
second, median and 95th-percentile latency and the error count for each, and each page's ratio
to the baseline. Exit status 1 if any request failed.

Adding a page to the benchmark is one line in SCENARIOS. Pages whose URL name does not resolve
(not built yet) are skipped with a note.
"""

import argparse
import http.client
import os
import re
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
DEMO_PASSWORD = "simba-demo-2026"
# The accounts the simulated users log in as (round robin): readers and area groups.
ACCOUNTS = ["politiker", "ale", "kungalv", "stenungsund", "tjorn", "processledare"]


@dataclass
class Scenario:
    """One page under load. `args` builds the URL's arguments (Django is set up by then);
    `form` makes a POST: the page is read once and its form sent back as it is."""

    title: str
    url_name: str
    args: object = lambda: []
    form: bool = False
    note: str = ""
    accounts: tuple[str, ...] = ()  # who uses the page (default: everyone in ACCOUNTS)
    many: object = None  # instead of `args`: a list of argument lists, one page per user


def _plan_pk():
    from plans.models import Plan

    return [Plan.objects.get().pk]


def _entry_pages():
    """Every unit's entry page for every period of the plan: one per simulated user, so that no
    two users save the same page at once (that is refused as a stale save, by design)."""
    from indicators.models import Submission

    return [[s.org_unit.code, s.period_id] for s in Submission.objects.select_related("org_unit")]


SCENARIOS = [
    Scenario("plan page", "plans:detail", _plan_pk),
    # The overview is the process leader's (readers may look too; area groups have their own).
    Scenario("follow-up overview", "indicators:overview", accounts=("processledare", "politiker")),
    # The process leader (who may save every unit's page, even past its deadline) saves entry
    # pages: read the page, send its form back.
    Scenario(
        "save a data-entry page",
        "indicators:entry",
        many=_entry_pages,
        form=True,
        accounts=("processledare",),
    ),  # fmt: skip
]
BASELINE = Scenario("trivial view (baseline)", "health")


@dataclass
class Result:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    elapsed: float = 0.0

    def line(self, title: str) -> str:
        count = len(self.latencies)
        if not count:
            return f"{title:<28} no request completed; errors {len(self.errors)}"
        median = statistics.median(self.latencies) * 1000
        p95 = statistics.quantiles(self.latencies, n=20)[18] * 1000 if count > 1 else median
        return (f"{title:<28} {count / self.elapsed:8.1f} req/s   median {median:7.1f} ms   "
                f"p95 {p95:7.1f} ms   requests {count:6d}   errors {len(self.errors)}")  # fmt: skip


# --- the server -------------------------------------------------------------------------------


def server_env(db_url: str, static_root: str) -> dict[str, str]:
    return {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DATABASE_URL": db_url,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",  # loopback, no TLS proxy in front
        "SECURE_COOKIES": "false",
        "DB_CONN_MAX_AGE": "60",
        "STATIC_ROOT": static_root,
        "LOG_LEVEL": "WARNING",
        "REDIS_URL": "",
        "AXES_FAILURE_LIMIT": "1000",
    }


def prepare_database(db_url: str, env: dict[str, str]) -> None:
    base, name = db_url.rsplit("/", 1)
    exists = subprocess.run(
        ["psql", f"{base}/postgres", "-tAc", f"SELECT 1 FROM pg_database WHERE datname='{name}'"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    if not exists:
        subprocess.run(["psql", f"{base}/postgres", "-qc", f'CREATE DATABASE "{name}"'], check=True)
    for command in (["migrate", "--noinput", "-v", "0"], ["load_plan", "--if-missing"],
                    ["create_demo_users"], ["seed_demo_values", "--years", "2026"],
                    ["collectstatic", "--noinput", "-v", "0"]):  # fmt: skip
        subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL)  # fmt: skip


def start_gunicorn(port: int, workers: int, env: dict[str, str]) -> subprocess.Popen:
    server = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "simba.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--backlog", "2048", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if request(port, "GET", "/halsa/")[0] == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not start")


# --- the client -------------------------------------------------------------------------------


def request(port, method, path, cookies="", body=None, headers=None):
    """One request on a new connection (gunicorn's sync workers close after each answer)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        all_headers = {"Cookie": cookies, "Referer": f"http://127.0.0.1:{port}/", **(headers or {})}
        if body is not None:
            all_headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body, headers=all_headers)
        response = conn.getresponse()
        return response.status, response.read(), response.getheader("Set-Cookie") or ""
    finally:
        conn.close()


def _cookie(set_cookie: str, name: str) -> str:
    match = re.search(rf"{name}=([^;]+)", set_cookie)
    return match.group(1) if match else ""


def log_in(port: int, username: str) -> str:
    """A logged-in session, as the `Cookie` header to send."""
    _, page, set_cookie = request(port, "GET", "/logga-in/")
    csrf = _cookie(set_cookie, "csrftoken")
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
    body = urllib.parse.urlencode(
        {"username": username, "password": DEMO_PASSWORD, "csrfmiddlewaretoken": token}
    )
    status, _, set_cookie = request(port, "POST", "/logga-in/", f"csrftoken={csrf}", body)
    if status != 302:
        raise SystemExit(f"log-in as {username} failed ({status})")
    return f"csrftoken={csrf}; sessionid={_cookie(set_cookie, 'sessionid')}"


def form_body(page: bytes) -> str:
    """The page's own POST form (the first without an `action`, so not the log-out form in the
    header), sent back unchanged: inputs, checked boxes, selected options and text areas, plus
    its first submit button."""
    html = page.decode()
    forms = re.findall(
        r"<form(?![^>]*action=)[^>]*method=\"post\"[^>]*>(.*?)</form>", html, re.S | re.I
    )
    body = forms[0] if forms else ""
    fields = []
    for tag in re.findall(r"<input[^>]*>", body):
        name, value = re.search(r'name="([^"]+)"', tag), re.search(r'value="([^"]*)"', tag)
        kind = re.search(r'type="([^"]+)"', tag)
        if name and (not kind or kind.group(1) not in ("checkbox", "radio", "submit")
                     or "checked" in tag):  # fmt: skip
            fields.append((name.group(1), value.group(1) if value else ""))
    for name, text in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', body, re.S):
        fields.append((name, text))
    for name, options in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', body, re.S):
        chosen = re.search(r'<option[^>]*value="([^"]*)"[^>]*selected', options)
        fields.append((name, chosen.group(1) if chosen else ""))
    button = re.search(r'<button[^>]*type="submit"[^>]*name="([^"]+)"', body)
    if button:
        fields.append((button.group(1), ""))
    return urllib.parse.urlencode(fields)


def run_load(port, paths, sessions, users, duration, form=False) -> Result:
    """`paths`: one path, or a list from which each simulated user takes its own."""
    paths = [paths] if isinstance(paths, str) else paths
    result, lock = Result(), threading.Lock()
    stop_at = time.monotonic() + duration

    def user(index: int) -> None:
        cookies = sessions[index % len(sessions)]
        path = paths[index % len(paths)]
        csrf = re.search(r"csrftoken=([^;]+)", cookies).group(1)
        while time.monotonic() < stop_at:
            started = time.perf_counter()
            try:
                if form:
                    _, page, _ = request(port, "GET", path, cookies)
                    status, _, _ = request(port, "POST", path, cookies, form_body(page),
                                           {"X-CSRFToken": csrf})  # fmt: skip
                    ok = status in (200, 302)
                else:
                    status, _, _ = request(port, "GET", path, cookies)
                    ok = status == 200
            except OSError as error:
                ok, status = False, repr(error)
            took = time.perf_counter() - started
            with lock:
                if ok:
                    result.latencies.append(took)
                else:
                    result.errors.append(str(status))

    threads = [threading.Thread(target=user, args=(i,)) for i in range(users)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.elapsed = time.monotonic() - began
    return result


# --- the run ----------------------------------------------------------------------------------


def resolve(scenario: Scenario) -> str | None:
    """The scenario's path, or None when its URL name does not exist (yet)."""
    from django.urls import get_resolver, reverse

    namespace, _, name = scenario.url_name.rpartition(":")
    resolver = get_resolver()
    if namespace:
        if namespace not in resolver.namespace_dict:
            return None
        resolver = resolver.namespace_dict[namespace][1]
    if name not in resolver.reverse_dict:
        return None
    if scenario.many:
        return [reverse(scenario.url_name, args=args) for args in scenario.many()]
    return reverse(scenario.url_name, args=scenario.args())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50, help="concurrent simulated users")
    parser.add_argument("--duration", type=float, default=60, help="seconds per page")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes")
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", 8108)))
    parser.add_argument("--database", help="database name (default: DATABASE_URL's + _bench)")
    options = parser.parse_args()

    base_url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/simba")
    if not base_url.startswith("postgres"):
        raise SystemExit("DATABASE_URL must name a PostgreSQL server")
    server_url, name = base_url.rsplit("/", 1)
    db_url = f"{server_url}/{options.database or name + '_bench'}"
    static_root = tempfile.mkdtemp(prefix="simba-bench-static-")
    env = server_env(db_url, static_root)
    print(f"Preparing {db_url.rsplit('@', 1)[-1]} (migrate, plan, demo accounts, static files)")
    prepare_database(db_url, env)

    os.environ.update({k: env[k] for k in ("DATABASE_URL", "DEBUG", "SECRET_KEY")})
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "simba.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()

    server = start_gunicorn(options.port, options.workers, env)
    try:
        sessions = {account: log_in(options.port, account) for account in ACCOUNTS}
        print(f"gunicorn, {options.workers} sync workers, on 127.0.0.1:{options.port}; "
              f"{options.users} users, {options.duration:g} s per page; {os.cpu_count()} CPUs, "
              f"load average before {os.getloadavg()[0]:.1f}\n")  # fmt: skip
        baseline_path = resolve(BASELINE)
        baseline = run_load(options.port, baseline_path, list(sessions.values()),
                            options.users, options.duration)  # fmt: skip
        print(baseline.line(BASELINE.title))
        errors = len(baseline.errors)
        for scenario in SCENARIOS:
            path = resolve(scenario)
            if path is None:
                print(f"{scenario.title:<28} skipped: URL name {scenario.url_name!r} does not "
                      f"exist yet ({scenario.note})")  # fmt: skip
                continue
            users = [sessions[a] for a in scenario.accounts or ACCOUNTS]
            result = run_load(options.port, path, users, options.users, options.duration,
                              scenario.form)  # fmt: skip
            errors += len(result.errors)
            print(result.line(scenario.title))
            if result.latencies and baseline.latencies:
                rps = (len(result.latencies) / result.elapsed) / (
                    len(baseline.latencies) / baseline.elapsed)  # fmt: skip
                slower = statistics.median(result.latencies) / statistics.median(
                    baseline.latencies)  # fmt: skip
                print(f"{'':<28} vs baseline: {rps:.3f}× the throughput, median {slower:.1f}× "
                      "as long")  # fmt: skip
            if result.errors:
                print(f"{'':<28} first errors: {result.errors[:5]}")
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"\nErrors: {errors}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
