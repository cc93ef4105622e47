"""Fixtures the plan tests share: the goal most of them edit and the process leader's client."""

import pytest

from plans.models import Goal


@pytest.fixture
def goal(simba_plan):
    """Mål 2:1 of the real plan."""
    return Goal.objects.get(focus_area__plan=simba_plan, code="2:1")


@pytest.fixture
def leader(client, process_leader):
    """The test client, logged in as the process leader."""
    client.force_login(process_leader)
    return client
