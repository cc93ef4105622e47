"""The page shell kept per process (simba/shell.py) gives exactly the page base.html renders,
with each visitor's own CSRF token, name and messages, never another's."""

import re

import pytest
from django.contrib import messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse

from accounts.models import Profile
from plans.selectors import plan_with_content_version
from plans.views.reading import _plan_body
from simba import shell
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'("X-CSRFToken": "|name="csrfmiddlewaretoken" value=")[A-Za-z0-9]+')


def _page(client, plan):
    response = client.get(reverse("plans:detail", args=[plan.pk]))
    assert response.status_code == 200
    return response


def _plain(response, plan) -> str:
    """The same request's page rendered the plain way, through base.html."""
    request, plan = response.wsgi_request, plan_with_content_version(plan.pk)
    title = f"{plan.title} {plan.period_label}"
    return shell.render_page(request, title, _plan_body(request, plan)).content.decode()


@pytest.mark.parametrize(
    "role", ["process_leader", "ale_user", "reader", "admin_user", "region_reader", None]
)
def test_the_kept_shell_gives_the_page_base_html_gives_for_each_role(
    client, simba_plan, role, request
):
    if role:
        client.force_login(request.getfixturevalue(role))
    else:
        simba_plan.is_public = True
        simba_plan.save()
    response = _page(client, simba_plan)
    fast = response.content.decode()
    assert TOKEN.sub(r"\1X", fast) == TOKEN.sub(r"\1X", _plain(response, simba_plan))
    assert ("Inloggad som" in fast) == bool(role)


def test_each_user_of_a_role_sees_their_own_name_and_token(simba_plan, django_user_model):
    rut = make_user(django_user_model, "rut", Profile.Role.READER, first_name="Rut")
    greta = make_user(django_user_model, "greta", Profile.Role.READER, first_name="<Greta & Co>")
    pages = {}
    for user in (rut, greta):
        client = Client(enforce_csrf_checks=True)
        client.force_login(user)
        html = _page(client, simba_plan).content.decode()
        pages[user.username] = html
        # The page's token is this visitor's own: their log-out form is accepted.
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        assert client.post(reverse("logout"), {"csrfmiddlewaretoken": token}).status_code == 302
    assert "<strong>Rut</strong>" in pages["rut"] and "Greta" not in pages["rut"]
    assert "<strong>&lt;Greta &amp; Co&gt;</strong>" in pages["greta"]
    assert "Rut" not in pages["greta"]


def test_messages_are_shown_once_to_their_own_visitor(client, simba_plan, reader):
    client.force_login(reader)
    storage = CookieStorage(RequestFactory().get("/"))
    storage.add(messages.SUCCESS, "Sparat <b>allt</b>")
    carrier = HttpResponse()
    storage.update(carrier)
    client.cookies["messages"] = carrier.cookies["messages"].value
    html = _page(client, simba_plan).content.decode()
    assert '<p class="message success">Sparat &lt;b&gt;allt&lt;/b&gt;</p>' in html
    assert "Sparat" not in _page(client, simba_plan).content.decode()  # shown, so gone


def test_the_kept_shell_shows_each_area_its_own_name(client, simba_plan, other_area, region_reader):
    """The shell is kept per area: another area's process leader gets their own area in the
    header (and the same page as base.html gives), a region-wide reader the switch link."""
    simba_plan.is_public = True  # readable by all: its page is made, and its shell kept, first
    simba_plan.save()
    client.force_login(other_area.users["other_process_leader"])
    assert "Lerum–Alingsås" in _page(client, simba_plan).content.decode()
    response = _page(client, other_area.plan)
    fast = response.content.decode()
    assert "Område: <strong>Lerum–Alingsås</strong>" in fast and "SIMBA-området" not in fast
    assert TOKEN.sub(r"\1X", fast) == TOKEN.sub(r"\1X", _plain(response, other_area.plan))
    client.force_login(region_reader)
    fast = _page(client, simba_plan).content.decode()
    assert 'Byt<span class="visually-hidden"> område</span>' in fast
