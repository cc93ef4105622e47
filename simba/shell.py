"""Pages made of a title and cached content, in the shell every page has (templates/base.html),
without rendering that template on every request.

Rendering base.html costs more than the rest of a cached page (URL reversing, static file names,
blocks). Its output depends on the visitor only through the CSRF token, the user's name, the
messages, the role and the collaboration area, so it is rendered once per process for each title,
role, unit and area (its id and name) with marks where the request's own parts go, and each
request fills in its own: its CSRF token
(Django's `get_token`, as the template would), its user's name (escaped as the template would)
and its messages (rendered only when there are any). The shell is rendered for a stand-in that has
the role and unit and nothing personal, so no visitor's own data can be kept in it. Nothing in it
comes from the database beyond the title (part of its key), so it is kept in the process (it
changes only with the code); `render_page` is the plain way and gives the same page.
"""

import re
import secrets
from functools import lru_cache
from types import SimpleNamespace

from django.contrib.messages import get_messages
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from accounts import areas, roles

_MARKS = {part: f"simba-mark-{secrets.token_hex(8)}-{part}" for part in
          ("csrf", "name", "messages", "content")}  # fmt: skip
_SPLIT = re.compile("(" + "|".join(map(re.escape, _MARKS.values())) + ")")
_PART_OF = {mark: part for part, mark in _MARKS.items()}


def render_page(request, title: str, content: str) -> HttpResponse:
    """The page rendered the plain way (templates/page.html), for comparison and as fallback."""
    return render(request, "page.html", {"title": title, "content": mark_safe(content)})


def page(request, title: str, content: str) -> HttpResponse:
    """The page from the kept shell; `content` is ready HTML that may be shown to this visitor."""
    user = request.user
    profile = getattr(user, "profile", None) if user.is_authenticated else None
    role = roles.role_of(user)
    unit_pk = profile.org_unit_id if profile is not None else None
    area = _area(request)
    shell = _shell(title, user.is_authenticated, role, unit_pk, area)
    if shell is None:
        return render_page(request, title, content)
    storage = get_messages(request)
    own = {
        "csrf": get_token(request),
        "name": conditional_escape(user.get_full_name() or user.username)
        if user.is_authenticated
        else "",
        "messages": render_to_string("messages.html", {"messages": storage}) if storage else "",
        "content": content,
    }
    return HttpResponse("".join(own[piece] if is_mark else piece for piece, is_mark in shell))


def _area(request):
    """What the header shows of the request's collaboration area (as the context processor gives
    it: `areas.header_area`): (id, name, slug, may choose another), or None."""
    area = areas.header_area(request)
    if area is None:
        return None
    return (area.pk, area.name, area.slug, roles.is_region_wide(request.user))


@lru_cache(maxsize=256)
def _shell(title, authenticated, role, unit_pk, area):
    """The shell as (text, False) and (part name, True) pieces; None if a mark went missing
    (base.html changed so that a part is no longer where the shell expects it)."""
    profile = SimpleNamespace(role=role, org_unit_id=unit_pk, org_unit=SimpleNamespace(pk=unit_pk))
    stand_in = SimpleNamespace(
        is_authenticated=authenticated, is_anonymous=not authenticated, is_superuser=False,
        is_staff=False, pk=None, id=None, username="", get_full_name=str,
        profile=profile if authenticated else None,
    )  # fmt: skip
    current_area = SimpleNamespace(pk=area[0], name=area[1], slug=area[2]) if area else None
    html = render_to_string("page_shell.html", {
        "title": title, "content": _MARKS["content"], "marks": _MARKS,
        "csrf_token": _MARKS["csrf"], "user": stand_in,
        "current_area": current_area, "may_choose_area": bool(area and area[3]),
    })  # fmt: skip
    counts = {part: html.count(mark) for part, mark in _MARKS.items()}
    if counts["content"] != 1 or counts["messages"] != 1 or counts["name"] != int(authenticated):
        return None
    return tuple(
        (_PART_OF[piece], True) if piece in _PART_OF else (piece, False)
        for piece in _SPLIT.split(html)
        if piece
    )
