import pytest
from django.core.cache import cache

from indicators.demo import fill_values
from publication.adapter import comments, public_view
from publication.services import publish_year, set_plan_public
from tests.reports.conftest import stored_report


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


@pytest.fixture
def filled_plan(simba_plan):
    fill_values(simba_plan, [2026], seed=7)
    return simba_plan


@pytest.fixture
def public_year(filled_plan, process_leader):
    """The real plan with demo values, public, its 2026 report published and made public."""
    report = stored_report(filled_plan, process_leader, published=True)
    set_plan_public(filled_plan, True, process_leader)
    return publish_year(filled_plan, report.pk, process_leader)


def comment_with(publication, text):
    return next(c for c in comments(public_view(publication.report.snapshot)) if c.text == text)
