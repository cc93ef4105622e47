"""The docker-compose stack has what production needs (read from the file: no Docker here)."""

from pathlib import Path

import pytest
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def compose():
    return YAML(typ="safe").load((ROOT / "docker-compose.yml").read_text())


def test_every_long_running_service_has_a_health_check(compose):
    services = compose["services"]
    assert {"db", "redis", "web", "worker", "beat"} <= set(services)
    for name in ("db", "redis", "web", "worker", "beat"):
        assert services[name]["healthcheck"]["test"], name


def test_database_and_reports_live_in_named_volumes(compose):
    services = compose["services"]
    assert "pgdata:/var/lib/postgresql/data" in services["db"]["volumes"]
    for name in ("web", "worker"):
        assert "media:/data/media" in services[name]["volumes"]
        assert services[name]["environment"]["MEDIA_ROOT"] == "/data/media"
    assert {"pgdata", "media"} <= set(compose["volumes"])


def test_application_services_share_the_whole_production_environment(compose):
    """A service-level `environment:` would replace the shared one (YAML merge is shallow)."""
    shared = compose["x-app"]["environment"]
    for name in ("migrate", "web", "worker", "beat"):
        assert compose["services"][name]["environment"] == shared, name
    assert shared["DEBUG"] == "false"


def test_web_runs_under_gunicorn_after_migrations(compose):
    web = compose["services"]["web"]
    assert web["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert (
        'CMD ["gunicorn", "simba.wsgi:application", "--config", "python:simba.gunicorn"'
        in dockerfile
    )
    for package in ("libpango-1.0-0", "libharfbuzz-subset0", "fonts-dejavu-core",
                    "postgresql-client"):  # fmt: skip
        assert package in dockerfile


def test_gunicorn_workers_default_to_the_same_number_everywhere(compose):
    """bench/load.py measures with simba/gunicorn.py's settings: the stack must run the same."""
    from simba import gunicorn

    default = compose["x-app"]["environment"]["WEB_CONCURRENCY"]
    assert default == f"${{WEB_CONCURRENCY:-{gunicorn.DEFAULT_WORKERS}}}"
