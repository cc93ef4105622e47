"""Settings come from the environment; a production start without a secret refuses to start."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from simba.env import env_bool

ROOT = Path(__file__).resolve().parents[1]


def _import_settings(**env):
    clean = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}
    return subprocess.run(
        [sys.executable, "-c", "import simba.settings as s; print(s.DEBUG, s.LANGUAGE_CODE, "
         "s.TIME_ZONE, s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER)"],
        cwd=ROOT, env={**clean, **env}, capture_output=True, text=True,
    )  # fmt: skip


def test_production_without_secret_key_refuses_to_start():
    result = _import_settings()
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_embedded_defaults_are_sqlite_and_in_process_jobs_in_swedish():
    result = _import_settings(DEBUG="true", DATABASE_URL="", REDIS_URL="")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "True", "sv", "Europe/Stockholm", "django.db.backends.sqlite3", "True"
    ]  # fmt: skip


def test_database_and_broker_come_from_the_environment():
    result = _import_settings(
        SECRET_KEY="x" * 50,
        DATABASE_URL="postgres://u@db:5432/simba",
        REDIS_URL="redis://redis:6379/0",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "False", "sv", "Europe/Stockholm", "django.db.backends.postgresql", "False"
    ]  # fmt: skip


def test_env_bool_refuses_anything_but_true_or_false(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="SOME_FLAG"):
        env_bool("SOME_FLAG")
    monkeypatch.setenv("SOME_FLAG", "False")
    assert env_bool("SOME_FLAG", True) is False
