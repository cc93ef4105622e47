#!/usr/bin/env python3
"""Load benchmark on locust: the application under gunicorn against PostgreSQL on loopback.

    .venv/bin/python bench/load.py                             # 50 users, 15 s per page
    .venv/bin/python bench/load.py --users 10 --duration 5     # a quick look
    .venv/bin/python bench/load.py --redis                     # cache and sessions in Redis

It makes its own database (DATABASE_URL's server, database `<name>_bench`), migrates it, loads the
real SIMBA plan, the demo accounts and demo values for 2026, publishes a 2026 report and makes the
plan and that year public (/insyn/), collects static files, and starts gunicorn on 127.0.0.1 with
production settings (DEBUG off; plain HTTP because there is no TLS proxy; each process' own memory
cache, or with `--redis` Redis as in production, which also serves the sessions). The demo accounts
log in once; then locust (headless, `FastHttpUser`, no wait between requests) puts `--users` users
on the trivial health view (/halsa/, the baseline) for `--duration` seconds and then on each page
in SCENARIOS, all in this one run. It prints requests per second, median and 95th-percentile
latency and errors per page, and each page's ratio to the baseline. Exit status 1 if any request
failed. Only loopback: the target host is fixed to 127.0.0.1.

Adding a page is one line in SCENARIOS. Pages whose URL name does not resolve are skipped.
"""

import argparse
import http.cookiejar
import os
import re
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
HOST = "127.0.0.1"
DEMO_PASSWORD = "simba-demo-2026"
# The accounts the signed-in users log in as (round robin): readers and area groups.
ACCOUNTS = ["politiker", "ale", "kungalv", "stenungsund", "tjorn", "processledare"]
PUBLIC_YEAR = 2026


@dataclass
class Scenario:
    """One page under load. `args` builds the URL's arguments (Django is set up by then);
    `form` makes a POST: the page is read and its form sent back as it is. `accounts=None`:
    anonymous visitors (public pages)."""

    title: str
    url_name: str
    args: object = lambda: []
    form: bool = False
    accounts: tuple[str, ...] | None = tuple(ACCOUNTS)
    many: object = None  # instead of `args`: a list of argument lists, one page per user


def _plan_pk():
    from plans.models import Plan

    return [Plan.objects.get().pk]


def _public_year():
    return [*_plan_pk(), PUBLIC_YEAR]


def _entry_pages():
    """Every unit's entry page for every period of the plan: one per simulated user, so that no
    two users save the same page at once (that is refused as a stale save, by design)."""
    from indicators.models import Submission

    return [[s.org_unit.code, s.period_id] for s in Submission.objects.select_related("org_unit")]


SCENARIOS = [
    Scenario("plan page (signed in)", "plans:detail", _plan_pk),
    Scenario("plan page (not signed in)", "plans:detail", _plan_pk, accounts=None),
    Scenario("public plan page", "publication:plan", _plan_pk, accounts=None),
    Scenario("public year page", "publication:year", _public_year, accounts=None),
    # The overview is the process leader's (readers may look too; area groups have their own).
    Scenario("follow-up overview", "indicators:overview", accounts=("processledare", "politiker")),
    # The process leader (who may save every unit's page, even past its deadline) saves entry
    # pages: read the page, send its form back.
    Scenario("save a data-entry page", "indicators:entry", many=_entry_pages, form=True,
             accounts=("processledare",)),
]  # fmt: skip
BASELINE = Scenario("trivial view (baseline)", "health", accounts=None)


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


def start_gunicorn(port: int, workers: int | None, env: dict[str, str]) -> subprocess.Popen:
    """gunicorn with production's settings (simba/gunicorn.py: workers, recycling, access log,
    written to nowhere here), the same for the baseline and every page."""
    server = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "simba.wsgi:application", "--config", "python:simba.gunicorn",
         "--bind", f"{HOST}:{port}", "--backlog", "2048", "--log-level", "warning",
         *(["--workers", str(workers)] if workers else [])],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/halsa/", timeout=5) as answer:
                if answer.status == 200:
                    return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def publish_public_year() -> None:
    """A published 2026 report, public on /insyn/ with its plan (idempotent; no PDF is needed)."""
    from accounts.models import Profile
    from plans.models import Plan
    from publication.models import Publication
    from publication.services import publish_year, set_plan_public
    from reports.models import Report
    from reports.snapshot import build_snapshot, fingerprint

    plan = Plan.objects.get()
    leader = Profile.objects.filter(role=Profile.Role.PROCESS_LEADER).first().user
    if not Publication.objects.filter(plan=plan, year=PUBLIC_YEAR, is_public=True).exists():
        snapshot = build_snapshot(plan, PUBLIC_YEAR, "politiska_samradsgruppen", ordered_by=leader)
        report = Report.objects.create(
            plan=plan, year=PUBLIC_YEAR, audience="politiska_samradsgruppen",
            requested_by=leader, snapshot=snapshot, fingerprint=fingerprint(snapshot),
            status=Report.Status.DONE, published_at=time_now(), published_by=leader,
        )  # fmt: skip
        publish_year(plan, report.pk, leader)
    set_plan_public(plan, True, leader)


def time_now():
    from django.utils import timezone

    return timezone.now()


def lease_redis_db() -> str:
    """A Redis DB (1–15) no test run holds (the tests' lease keys in DB 0), emptied before use and
    released at exit. Background jobs are not eager with Redis: measure pages that queue none."""
    import atexit

    import redis

    leases, owner = redis.Redis(host=HOST, port=6379, db=0), f"bench-{os.getpid()}"
    for number in range(15, 0, -1):
        key = f"simba-test-run:db{number}"
        if leases.set(key, owner, nx=True, ex=3600):
            atexit.register(leases.delete, key)
            url = f"redis://{HOST}:6379/{number}"
            redis.Redis.from_url(url).flushdb()
            return url
    raise SystemExit("every Redis DB 1–15 is leased by a test run")


# --- the client -------------------------------------------------------------------------------


def log_in(port: int, username: str) -> str:
    """A signed-in session, as the `Cookie` header to send."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    base = f"http://{HOST}:{port}"
    page = opener.open(base + "/logga-in/").read()
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
    body = urllib.parse.urlencode(
        {"username": username, "password": DEMO_PASSWORD, "csrfmiddlewaretoken": token}
    ).encode()
    request = urllib.request.Request(
        base + "/logga-in/", data=body, headers={"Referer": base + "/"}
    )
    opener.open(request)
    cookies = {c.name: c.value for c in jar}
    if "sessionid" not in cookies:
        raise SystemExit(f"log-in as {username} failed")
    return f"csrftoken={cookies['csrftoken']}; sessionid={cookies['sessionid']}"


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


def run_load(port, paths, cookies, users, duration, form=False) -> dict:
    """Locust, headless, in this process: `users` users, no wait, for `duration` seconds.
    `paths`: one path, or a list from which each user takes its own; `cookies`: the sessions
    (empty: anonymous)."""
    import gevent
    from locust import FastHttpUser, constant, task
    from locust.env import Environment

    paths = [paths] if isinstance(paths, str) else paths
    counter = iter(range(10**9))

    class Visitor(FastHttpUser):
        host = f"http://{HOST}:{port}"
        wait_time = constant(0)

        def on_start(self):
            index = next(counter)
            self.path = paths[index % len(paths)]
            self.cookie = cookies[index % len(cookies)] if cookies else ""
            self.headers = {"Cookie": self.cookie} if self.cookie else {}

        @task
        def visit(self):
            if not form:
                self.client.get(self.path, headers=self.headers, name="page")
                return
            page = self.client.get(self.path, headers=self.headers, name="form page")
            csrf = re.search(r"csrftoken=([^;]+)", self.cookie).group(1)
            with self.client.post(self.path, data=form_body(page.content),
                                  headers={**self.headers, "X-CSRFToken": csrf,
                                           "Content-Type": "application/x-www-form-urlencoded",
                                           "Referer": self.host + "/"},
                                  name="page", allow_redirects=False,
                                  catch_response=True) as answer:  # fmt: skip
                if answer.status_code in (200, 302):
                    answer.success()
                else:
                    answer.failure(f"status {answer.status_code}")

    env = Environment(user_classes=[Visitor])
    runner = env.create_local_runner()
    runner.start(users, spawn_rate=users)
    gevent.sleep(1)  # every user spawned before measuring
    env.stats.reset_all()
    began = time.monotonic()
    gevent.sleep(duration)
    elapsed = time.monotonic() - began
    runner.quit()
    gevent.sleep(3)  # requests still queued at the server finish before the next page starts
    stats = env.stats.get("page", "POST" if form else "GET")
    return {
        "rps": stats.num_requests / elapsed,
        "median": stats.median_response_time,
        "p95": stats.get_response_time_percentile(0.95),
        "requests": stats.num_requests,
        "errors": env.stats.total.num_failures,
        "first_errors": [str(e.error) for e in list(env.stats.errors.values())[:3]],
    }


def line(title: str, result: dict) -> str:
    return (f"{title:<28} {result['rps']:8.1f} req/s   median {result['median']:7.1f} ms   "
            f"p95 {result['p95']:7.1f} ms   requests {result['requests']:6d}   "
            f"errors {result['errors']}")  # fmt: skip


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


def _production_workers(env: dict[str, str]) -> int:
    from simba import gunicorn

    return int(env.get("WEB_CONCURRENCY") or gunicorn.workers)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50, help="concurrent simulated users")
    parser.add_argument("--duration", type=float, default=15, help="seconds per page")
    parser.add_argument("--workers", type=int, help="gunicorn worker processes (default: "
                        "production's, simba/gunicorn.py)")  # fmt: skip
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", 8108)))
    parser.add_argument("--database", help="database name (default: DATABASE_URL's + _bench)")
    parser.add_argument("--only", help="run only the pages whose title contains this text")
    parser.add_argument(
        "--redis",
        action="store_true",
        help="serve with Redis as production does (cache and sessions shared by the workers), "
        "on a leased Redis DB as in tests/workers.py",
    )
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

    os.environ.update({k: env[k] for k in ("DATABASE_URL", "DEBUG", "SECRET_KEY", "REDIS_URL")})
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "simba.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    publish_public_year()
    paths = {s.title: resolve(s) for s in [BASELINE, *SCENARIOS]}
    from django.db import connections

    connections.close_all()  # before locust's gevent takes over this process

    if options.redis:
        env = {**env, "REDIS_URL": lease_redis_db()}  # the server only: preparing stays as it was
    server = start_gunicorn(options.port, options.workers, env)
    try:
        sessions = {account: log_in(options.port, account) for account in ACCOUNTS}
        workers = options.workers or _production_workers(env)
        print(f"gunicorn, {workers} sync workers, on {HOST}:{options.port}; locust "
              f"{options.users} users, {options.duration:g} s per page; {os.cpu_count()} CPUs, "
              f"load average before {os.getloadavg()[0]:.1f}\n")  # fmt: skip
        baseline = run_load(options.port, paths[BASELINE.title], [], options.users,
                            options.duration)  # fmt: skip
        print(line(BASELINE.title, baseline))
        errors = baseline["errors"]
        for scenario in SCENARIOS:
            if options.only and options.only not in scenario.title:
                continue
            path = paths[scenario.title]
            if path is None:
                print(f"{scenario.title:<28} skipped: URL name {scenario.url_name!r} does not "
                      "exist yet")  # fmt: skip
                continue
            cookies = [sessions[a] for a in scenario.accounts] if scenario.accounts else []
            result = run_load(options.port, path, cookies, options.users, options.duration,
                              scenario.form)  # fmt: skip
            errors += result["errors"]
            print(line(scenario.title, result))
            if result["requests"] and baseline["requests"]:
                rps, p95 = result["rps"] / baseline["rps"], result["p95"] / baseline["p95"]
                print(f"{'':<28} vs baseline: {rps:.3f}× the throughput, p95 {p95:.1f}× as long")
            if result["first_errors"]:
                print(f"{'':<28} first errors: {result['first_errors']}")
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"\nErrors: {errors}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
