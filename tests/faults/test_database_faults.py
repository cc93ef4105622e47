"""PostgreSQL faults: connections cut under a running application; dump and restore.

The shared PostgreSQL server is never restarted (other checkouts use it): cutting every
connection of the application's database with pg_terminate_backend is what a restart does to
the application, seen from its side.
"""

import os
import re
import subprocess
import sys
from datetime import date
from shutil import which

import pytest
from django.db import connection

from tests.conftest import PASSWORD
from tests.faults.live import Browser, database_url, gunicorn, production_password
from tests.workers import ROOT

pytestmark = [pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgresql_tools():
    if connection.vendor != "postgresql":
        pytest.skip("these faults concern PostgreSQL")
    missing = [t for t in ("pg_dump", "pg_restore", "createdb", "dropdb") if not which(t)]
    if missing:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI needs the PostgreSQL client tools: {missing}")
        pytest.skip(f"PostgreSQL client tools missing: {missing}")


def _cut_connections(db_name: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            " WHERE datname = %s AND pid <> pg_backend_pid()",
            [db_name],
        )
        return cursor.fetchone()[0]


def test_application_recovers_when_its_database_connections_are_cut(reader, static_root):
    db_name = connection.settings_dict["NAME"]
    plan_path = f"/planer/{_plan_pk()}/"
    production_password(reader, PASSWORD)
    with gunicorn(db_name, static_root) as base:
        browser = Browser(base)
        browser.log_in(reader.username, PASSWORD)
        status, before = browser.get(plan_path)
        assert status == 200
        assert _cut_connections(db_name) >= 1  # the server's kept connection was cut
        status, after = browser.get(plan_path)
        assert status == 200
        assert "Fokusområde 5" in after and "Fokusområde 5" in before
        assert browser.get("/halsa/")[0] == 200


def _plan_pk() -> int:
    from plans.models import Plan

    return Plan.objects.get().pk


def _fingerprint(db_name: str) -> dict[str, str]:
    """One hash per table of every row's text: equal fingerprints mean equal data."""
    import psycopg

    with psycopg.connect(database_url(db_name)) as conn:
        tables = [row[0] for row in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        )]  # fmt: skip
        return {
            table: conn.execute(
                f"SELECT count(*) || ':' || md5(coalesce(string_agg(t::text, E'\\n' "
                f"ORDER BY t::text), '')) FROM \"{table}\" t"
            ).fetchone()[0]
            for table in tables
        }


def _render_plan_page(db_name: str, username: str) -> str:
    """The plan page as the application renders it from `db_name`, CSRF tokens blanked."""
    code = (
        "import django, re; django.setup();"
        "from django.test import Client; from django.contrib.auth.models import User;"
        "from plans.models import Plan; c = Client();"
        f"c.force_login(User.objects.get(username='{username}'));"
        "r = c.get(f'/planer/{Plan.objects.get().pk}/'); assert r.status_code == 200;"
        'print(re.sub(r\'(csrfmiddlewaretoken" value="|X-CSRFToken": ")[^"]+\', r\'\\1\','
        " r.content.decode()))"
    )
    env = {**os.environ, "DATABASE_URL": database_url(db_name), "DEBUG": "true",
           "ALLOWED_HOSTS": "testserver",
           "DJANGO_SETTINGS_MODULE": "simba.settings"}  # fmt: skip
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def _yearly_report(db_name: str) -> tuple[str, str]:
    """The 2026 report for the politicians as built from `db_name`: its data fingerprint and
    the text of its PDF (with a fixed generation time, so two builds can be compared)."""
    code = (
        "import django, io, datetime; django.setup();"
        "from pypdf import PdfReader; from plans.models import Plan;"
        "from reports.snapshot import build_snapshot, fingerprint;"
        "from reports.rendering import render_report_pdf;"
        "at = datetime.datetime(2027, 1, 15, 9, 0, tzinfo=datetime.UTC);"
        "snap = build_snapshot(Plan.objects.get(), 2026, 'politiska_samradsgruppen', now=at);"
        "pdf = render_report_pdf(snap, 'politiska_samradsgruppen', generated_at=at);"
        "print(fingerprint(snap));"
        "print(''.join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))"
    )
    env = {**os.environ, "DATABASE_URL": database_url(db_name), "DEBUG": "true",
           "DJANGO_SETTINGS_MODULE": "simba.settings"}  # fmt: skip
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    fingerprint, _, text = result.stdout.partition("\n")
    return fingerprint, text


@pytest.fixture
def restore_db():
    name = f"{connection.settings_dict['NAME']}_restored"
    host = ["-h", "127.0.0.1", "-U", "postgres"]
    subprocess.run(["dropdb", *host, "--if-exists", name], check=True)
    subprocess.run(["createdb", *host, name], check=True)
    yield name
    subprocess.run(["dropdb", *host, "--if-exists", "--force", name], check=True)


def test_backup_and_restore_reproduce_the_same_data_and_reports(
    reader, simba_plan, restore_db, tmp_path
):
    from indicators.demo import fill_values

    fill_values(simba_plan, [2026], seed=7, today=date(2027, 3, 1))  # values, some approved
    source = connection.settings_dict["NAME"]
    media = tmp_path / "media"
    (media / "reports").mkdir(parents=True)
    (media / "reports" / "arsrapport-2026.pdf").write_bytes(b"%PDF-1.7 stored report")
    env = {**os.environ, "DATABASE_URL": database_url(source), "MEDIA_ROOT": str(media)}
    backup = subprocess.run(
        [ROOT / "bin" / "backup.sh", tmp_path / "backups"], env=env, capture_output=True,
        text=True, check=True,
    ).stdout  # fmt: skip
    dump = re.search(r"database: (\S+)", backup).group(1)
    tarball = re.search(r"reports:  (\S+)", backup).group(1)

    restored_media = tmp_path / "restored-media"
    env = {**os.environ, "DATABASE_URL": database_url(restore_db),
           "MEDIA_ROOT": str(restored_media)}  # fmt: skip
    subprocess.run([ROOT / "bin" / "restore.sh", "--yes", dump, tarball], env=env, check=True)

    assert _fingerprint(restore_db) == _fingerprint(source)
    assert len(_fingerprint(source)) > 20
    page = _render_plan_page(restore_db, reader.username)
    assert "Mål 5:5 God vård i livets slutskede" in page
    assert page == _render_plan_page(source, reader.username)
    assert (restored_media / "reports" / "arsrapport-2026.pdf").read_bytes() == (
        b"%PDF-1.7 stored report"
    )
    restored_report = _yearly_report(restore_db)
    assert restored_report == _yearly_report(source)
    assert "Medelvårdtiden som utskrivningsklar" in restored_report[1]


def test_restore_refuses_without_confirmation(tmp_path):
    result = subprocess.run(
        [ROOT / "bin" / "restore.sh", tmp_path / "x.dump"], capture_output=True, text=True
    )
    assert result.returncode == 2 and "usage" in result.stderr
