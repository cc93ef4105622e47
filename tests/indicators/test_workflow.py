"""The report's state machine, without HTTP or a database."""

from datetime import date

import pytest

from indicators import workflow as wf

LEADER = wf.Actor(is_process_leader=True, may_report=True)
AREA = wf.Actor(is_process_leader=False, may_report=True)
READER = wf.Actor(is_process_leader=False, may_report=False)
DEADLINE = date(2027, 1, 30)
BEFORE, AFTER = date(2027, 1, 10), date(2027, 2, 1)
END = date(2026, 12, 31)  # the period's last day, before BEFORE


def test_area_group_submits_a_draft_before_the_deadline():
    assert (
        wf.next_status(wf.DRAFT, wf.SUBMIT, AREA, DEADLINE, BEFORE, period_end=END) == wf.SUBMITTED
    )


def test_a_returned_report_can_be_submitted_again():
    assert (
        wf.next_status(wf.RETURNED, wf.SUBMIT, AREA, DEADLINE, BEFORE, period_end=END)
        == wf.SUBMITTED
    )


def test_area_group_cannot_submit_after_the_deadline_but_the_process_leader_can():
    with pytest.raises(wf.TransitionError, match="Sista dag"):
        wf.next_status(wf.DRAFT, wf.SUBMIT, AREA, DEADLINE, AFTER, period_end=END)
    assert (
        wf.next_status(wf.DRAFT, wf.SUBMIT, LEADER, DEADLINE, AFTER, period_end=END) == wf.SUBMITTED
    )


@pytest.mark.parametrize("action", [wf.APPROVE, wf.RETURN, wf.REOPEN])
def test_only_the_process_leader_approves_returns_and_reopens(action):
    with pytest.raises(wf.TransitionError, match="Bara processledaren"):
        wf.next_status(wf.SUBMITTED, action, AREA, DEADLINE, BEFORE, reason="x", period_end=END)


def test_approve_only_a_submitted_report():
    assert (
        wf.next_status(wf.SUBMITTED, wf.APPROVE, LEADER, DEADLINE, AFTER, period_end=END)
        == wf.APPROVED
    )
    with pytest.raises(wf.TransitionError, match="Utkast"):
        wf.next_status(wf.DRAFT, wf.APPROVE, LEADER, DEADLINE, AFTER, period_end=END)


@pytest.mark.parametrize(
    ("action", "status", "after"),
    [(wf.RETURN, wf.SUBMITTED, wf.RETURNED), (wf.REOPEN, wf.APPROVED, wf.DRAFT)],
)
def test_return_and_reopen_need_a_reason(action, status, after):
    with pytest.raises(wf.TransitionError, match="Skriv ett skäl"):
        wf.next_status(status, action, LEADER, DEADLINE, BEFORE, reason="  ", period_end=END)
    assert (
        wf.next_status(
            status, action, LEADER, DEADLINE, BEFORE, reason="Fel siffra", period_end=END
        )
        == after
    )


def test_reopening_an_approved_report_makes_it_a_draft():
    assert (
        wf.next_status(wf.APPROVED, wf.REOPEN, LEADER, DEADLINE, AFTER, "Rättelse", period_end=END)
        == wf.DRAFT
    )


def test_a_reader_cannot_submit():
    with pytest.raises(wf.TransitionError):
        wf.next_status(wf.DRAFT, wf.SUBMIT, READER, DEADLINE, BEFORE, period_end=END)


def test_approved_and_submitted_reports_are_locked_for_everyone():
    for status in (wf.APPROVED, wf.SUBMITTED):
        assert not wf.can_edit(status, DEADLINE, BEFORE, LEADER)
        assert wf.lock_reason(status, DEADLINE, BEFORE, AREA)


def test_past_deadline_locks_the_area_group_but_not_the_process_leader():
    assert wf.can_edit(wf.DRAFT, DEADLINE, BEFORE, AREA)
    assert not wf.can_edit(wf.DRAFT, DEADLINE, AFTER, AREA)
    assert wf.can_edit(wf.DRAFT, DEADLINE, AFTER, LEADER)
    assert "2027-01-30" in wf.lock_reason(wf.DRAFT, DEADLINE, AFTER, AREA)


def test_the_deadline_day_itself_is_still_open():
    assert wf.can_edit(wf.DRAFT, DEADLINE, DEADLINE, AREA)


@pytest.mark.parametrize("actor", [AREA, LEADER])
def test_nobody_submits_a_period_that_has_not_ended(actor):
    with pytest.raises(wf.TransitionError, match="kan skickas in först från"):
        wf.next_status(wf.DRAFT, wf.SUBMIT, actor, DEADLINE, date(2026, 12, 30), period_end=END)


def test_a_period_can_be_submitted_on_the_day_it_ends():
    assert wf.has_ended(END, END)
    assert not wf.has_ended(END, date(2026, 12, 30))
    assert wf.next_status(wf.DRAFT, wf.SUBMIT, AREA, DEADLINE, END, period_end=END) == wf.SUBMITTED
