import pytest
from django.urls import reverse

from plans.document import enlarged, load_plan
from tests import seed
from tests.queries import count_queries
from tests.seed import norm

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_are_sent_to_log_in(client, simba_plan):
    response = client.get(reverse("plans:detail", args=[simba_plan.pk]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_home_leads_to_the_current_plan(client, reader, simba_plan):
    client.force_login(reader)
    response = client.get("/")
    assert response.status_code == 302
    assert response.url == reverse("plans:detail", args=[simba_plan.pk])


def test_plan_page_shows_the_whole_plan_as_the_document_does(client, reader, simba_plan):
    client.force_login(reader)
    response = client.get(reverse("plans:detail", args=[simba_plan.pk]))
    assert response.status_code == 200
    page = norm(response.content.decode().replace("&quot;", '"').replace("&#x27;", "'"))
    for code, title in seed.goals().items():
        assert norm(f"Mål {code} {title}") in page
    for code, text in seed.activities().items():
        assert f">{code}<" in page
        assert norm(text) in page
    for paragraphs in seed.paragraphs_after_goal_headings().values():
        for paragraph in paragraphs:
            assert norm(paragraph) in page
    for target in ("&lt; 1,0 dygn", "&gt; 70 %", "≥ 70 %", "&gt; 95 %",
                   "100 % av de palliativa patienterna +75 år"):  # fmt: skip
        assert target in page
    assert page.count("Se mål 2:2") == 3


def test_plan_page_numbers_goals_in_document_order(client, reader, simba_plan):
    client.force_login(reader)
    page = client.get(reverse("plans:detail", args=[simba_plan.pk])).content.decode()
    positions = [page.index(f"Mål {code} ") for code in seed.goals()]
    assert positions == sorted(positions)


def _plan_page_queries(client, plan) -> int:
    return count_queries(client, reverse("plans:detail", args=[plan.pk]))


def test_plan_page_queries_do_not_grow_with_the_number_of_goals(
    client, reader, simba_plan, plan_document, settings
):
    # Without the server-side cache: the page body is built on every request, as on a cache miss.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    client.force_login(reader)
    real = _plan_page_queries(client, simba_plan)
    larger_document = enlarged(plan_document, 4)
    larger_document["plan"]["first_year"] = 2030
    larger_document["plan"]["last_year"] = 2031
    larger = load_plan(larger_document)
    assert larger.focus_areas.count() == 20
    assert _plan_page_queries(client, larger) == real
