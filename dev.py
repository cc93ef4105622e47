#!/usr/bin/env python3
"""The project's two commands, needing nothing but Python 3.11+ on the machine.

    python3 dev.py run    install, migrate, load the SIMBA plan and demo accounts, serve on :8000
    python3 dev.py test   install with test tools, then lint, check and run every test

Only the standard library is used here, because this file runs before anything is installed.
"""

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PYTHON = VENV / "bin" / "python"
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/simba"


def say(message: str) -> None:
    print(f"\n==> {message}", flush=True)


def run(*args, env=None, check=True) -> int:
    result = subprocess.run([str(a) for a in args], cwd=ROOT, env=env)
    if check and result.returncode != 0:
        sys.exit(result.returncode)
    return result.returncode


def install(extras: list[str]) -> None:
    if not PYTHON.exists():
        say("Skapar virtuell miljö i .venv")
        run(sys.executable, "-m", "venv", VENV)
    if run(PYTHON, "-m", "uv", "--version", check=False) != 0:
        run(PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "uv")
    say("Installerar beroenden (låsta versioner i uv.lock)")
    env = {**os.environ, "UV_PROJECT_ENVIRONMENT": str(VENV), "UV_PYTHON_DOWNLOADS": "never"}
    extra_args = [arg for extra in extras for arg in ("--extra", extra)]
    run(PYTHON, "-m", "uv", "sync", "--frozen", "--inexact", "--quiet",
        "--python", PYTHON, *extra_args, env=env)  # fmt: skip


def port_open(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def manage(*args, env=None) -> None:
    run(PYTHON, "manage.py", *args, env=env)


def cmd_run() -> None:
    install([])
    env = {**os.environ}
    env.setdefault("DEBUG", "true")  # the embedded default: local use only
    say("Förbereder databasen (SQLite om DATABASE_URL saknas)")
    manage("migrate", "--noinput", "-v", "0", env=env)
    manage("load_plan", "--if-missing", env=env)
    manage("create_demo_users", env=env)
    manage("seed_demo_values", "--years", "2026", env=env)  # a living follow-up to look at
    manage("seed_demo_analysis", "--years", "2026", env=env)  # and the year's analysis texts
    say("Startar SIMBA på http://127.0.0.1:8000 (avsluta med Ctrl+C)")
    manage("runserver", "127.0.0.1:8000", env=env)


SYSTEM_TOOLS = {  # what the tests run, and the Debian package that brings it
    "/usr/bin/chromium": "chromium",  # browser tests (playwright drives Debian's Chromium)
    "/usr/bin/pdftotext": "poppler-utils",  # reading the yearly report's PDF text
    # WeasyPrint subsets fonts with it (as in the Dockerfile); without it, fontTools takes
    # about 0.5 s per font per PDF.
    "/usr/lib/x86_64-linux-gnu/libharfbuzz-subset.so.0": "libharfbuzz-subset0",
}


def ensure_system_tools() -> None:
    """Install the Debian packages the tests need, where we may (CI runs as root)."""
    missing = [package for path, package in SYSTEM_TOOLS.items() if not Path(path).exists()]
    if not missing:
        return
    if shutil.which("apt-get") and os.geteuid() == 0:
        say("Installerar " + ", ".join(missing) + " (Debian-paket) för testerna")
        run("apt-get", "update", "-qq")
        run("apt-get", "install", "-y", "-qq", *missing)
    else:
        print("Saknas och kan inte installeras här: " + ", ".join(missing)
              + ". Tester som behöver dem hoppas över eller misslyckas.")  # fmt: skip


def cmd_test(pytest_args: list[str]) -> None:
    install(["test"])
    ensure_system_tools()
    env = {**os.environ}
    in_ci = env.get("CI", "").lower() == "true"
    if "DATABASE_URL" not in env:
        if port_open("127.0.0.1", 5432):
            env["DATABASE_URL"] = POSTGRES_URL
        elif in_ci:
            sys.exit("CI kräver PostgreSQL på 127.0.0.1:5432, men den svarar inte.")
        else:
            print("PostgreSQL svarar inte på 127.0.0.1:5432: testerna körs mot SQLite.")
    if in_ci and not port_open("127.0.0.1", 6379):
        sys.exit("CI kräver Redis på 127.0.0.1:6379, men den svarar inte.")
    env.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production")
    # The suite tests production behaviour (secure cookies, HSTS, no debug pages): a DEBUG=true
    # left in a developer's shell must not change what it tests.
    env["DEBUG"] = "false"
    say("Ruff (lint och format)")
    run(PYTHON, "-m", "ruff", "check", ".")
    run(PYTHON, "-m", "ruff", "format", "--check", ".")
    say("Import-linter (apparna beror åt ett håll)")
    run(VENV / "bin" / "lint-imports", "--no-cache")  # contracts in pyproject.toml
    say("Django: systemkontroll och saknade migreringar")
    manage("check", "--fail-level", "WARNING", env={**env, "DEBUG": "true"})
    # No database needed to compare models with migrations (SQLite in memory: no warning).
    manage("makemigrations", "--check", "--dry-run",
           env={**env, "DEBUG": "true", "DATABASE_URL": "sqlite://:memory:"})  # fmt: skip
    say("Tester (pytest) mot " + env.get("DATABASE_URL", "SQLite").split("@")[-1])
    code = run(PYTHON, "-m", "pytest", *pytest_args, env=env, check=False)
    sys.exit(code)


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in ("run", "test"):
        sys.exit(__doc__)
    if sys.argv[1] == "run":
        cmd_run()
    else:
        cmd_test(sys.argv[2:])


if __name__ == "__main__":
    main()
