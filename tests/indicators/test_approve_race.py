"""Approving a report while its area group saves: a value never lands in a report that has left
draft. Two real PostgreSQL connections (one per thread) through the real HTTP path.

The save locks the report's row and checks its lock inside its own transaction, and a transition
locks the same row (indicators/entry.py, indicators/services.py), so one of them waits.
"""

import random
import threading
import time

import pytest
from django.db import connection
from django.test import Client

from indicators import views
from indicators.models import Submission, SubmissionEvent, Value
from plans.models import KeyFigure
from tests.indicators.conftest import entry_url, grid_data
from tests.indicators.test_entry_http import status_url

pytestmark = pytest.mark.django_db(transaction=True)
ROUNDS = 40


@pytest.fixture
def far():
    return KeyFigure.objects.get(name="Antal förskrivna FaR")


def _filled(ale_user, ale, year_2027, ale_figures):
    """Ale's report complete as a draft (every value at version 1)."""
    client = Client()
    client.force_login(ale_user)
    assert client.post(entry_url(ale, year_2027), grid_data(ale_figures)).status_code == 302


def _late_save(ale_figures, far, number):
    data = grid_data(ale_figures, {far.pk: {"number": str(number)}})
    return {**data, **{f"kf{f.pk}-version": "1" for f in ale_figures}}


def _in_thread(target, *args):
    def run():
        try:
            target(*args)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_a_save_that_passed_its_check_before_the_approval_is_refused_after_it(
    monkeypatch, ale_user, process_leader, ale, year_2027, ale_figures, far, helar_2027_ended
):
    """The interleaving the race needs, forced: the save has checked the lock (report in draft),
    then the report is submitted and approved, then the save writes."""
    _filled(ale_user, ale, year_2027, ale_figures)
    checked, approved = threading.Event(), threading.Event()
    real_load_rows = views.load_rows

    def load_rows_after_approval(*args, **kwargs):
        checked.set()  # the view has found the report editable
        assert approved.wait(timeout=20)
        return real_load_rows(*args, **kwargs)

    monkeypatch.setattr(views, "load_rows", load_rows_after_approval)
    answers = {}

    def save():
        client = Client()
        client.force_login(ale_user)
        answers["save"] = client.post(entry_url(ale, year_2027), _late_save(ale_figures, far, 99))

    saving = _in_thread(save)
    assert checked.wait(timeout=20)
    monkeypatch.setattr(views, "load_rows", real_load_rows)
    leader = Client()
    leader.force_login(process_leader)
    leader.post(status_url(ale, year_2027, "submit"))
    leader.post(status_url(ale, year_2027, "approve"))
    assert Submission.objects.get(org_unit=ale, period=year_2027).status == "approved"
    approved.set()
    saving.join(timeout=30)
    assert answers["save"].status_code == 302
    assert Value.objects.get(org_unit=ale, period=year_2027, key_figure=far).number == 12
    assert Value.history.filter(key_figure=far, org_unit=ale, period=year_2027).count() == 1


def test_approving_while_saving_never_leaves_a_value_newer_than_the_approval(
    ale_user, process_leader, ale, year_2027, ale_figures, far, helar_2027_ended
):
    """Free-running: submit + approve against a save, many times with shifting timing. Whoever
    wins, the approved report holds no value saved after it left draft."""
    _filled(ale_user, ale, year_2027, ale_figures)
    report = Submission.objects.get(org_unit=ale, period=year_2027)
    rng = random.Random(14)
    landed_late = []
    for round_ in range(ROUNDS):
        Submission.objects.filter(pk=report.pk).update(status="draft")
        version = Value.objects.get(key_figure=far, org_unit=ale, period=year_2027).version
        start = threading.Barrier(2, timeout=20)
        delay = rng.uniform(0, 0.02)

        def save(number=round_ + 100, version=version, start=start):
            client = Client()
            client.force_login(ale_user)
            data = _late_save(ale_figures, far, number)
            data[f"kf{far.pk}-version"] = str(version)
            start.wait()
            client.post(entry_url(ale, year_2027), data)

        def approve(start=start, delay=delay):
            client = Client()
            client.force_login(process_leader)
            start.wait()
            time.sleep(delay)
            client.post(status_url(ale, year_2027, "submit"))
            client.post(status_url(ale, year_2027, "approve"))

        threads = [_in_thread(save), _in_thread(approve)]
        for thread in threads:
            thread.join(timeout=60)
        left_draft = (
            SubmissionEvent.objects.filter(submission=report, from_status="draft")
            .latest("at", "id")
            .at
        )
        newest = Value.history.filter(key_figure=far, org_unit=ale, period=year_2027).latest(
            "history_date"
        )
        if newest.history_date > left_draft:
            landed_late.append(round_)
    assert Submission.objects.get(pk=report.pk).status == "approved"
    assert landed_late == [], f"a value landed in a submitted/approved report in {landed_late}"
