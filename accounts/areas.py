"""Which collaboration area a signed-in page shows: the user's own; for administrators and
region-wide readers, the area they last chose ("Byt område"), else the first one.

Pages that start from nothing but the user (the start page, the follow-up and report lists, the
overview, a unit by its code) ask `current_area`; pages reached by an object's id check that
object's area with `roles.may_reach_area` instead.
"""

from django.http import Http404

from accounts import roles
from organisation.models import CollaborationArea

SESSION_KEY = "collaboration_area"


def reachable_areas(user):
    if roles.is_region_wide(user):
        return CollaborationArea.objects.all()
    return CollaborationArea.objects.filter(pk=roles.home_area_id(user))


def current_area(request) -> CollaborationArea:
    """The area this request works in (cached on the request). 404 for a user in no area."""
    if hasattr(request, "_collaboration_area"):
        return request._collaboration_area
    user = request.user
    area = None
    if roles.is_region_wide(user):
        areas = CollaborationArea.objects.all()
        chosen = request.session.get(SESSION_KEY)
        area = (areas.filter(pk=chosen).first() if chosen else None) or areas.first()
    elif user.is_authenticated and getattr(user, "profile", None):
        area = user.profile.collaboration_area
    if area is None:
        raise Http404("Du hör inte till något samverkansområde.")
    request._collaboration_area = area
    return area


def header_area(request) -> CollaborationArea | None:
    """The area the page header names: None for anonymous visitors and for a user in no area
    (pages that need an area say so themselves)."""
    if not request.user.is_authenticated:
        return None
    try:
        return current_area(request)
    except Http404:
        return None


def choose_area(request, area_id) -> CollaborationArea:
    """Remember the chosen area for a region-wide user; 404 for an area they cannot reach."""
    area = reachable_areas(request.user).filter(pk=area_id).first()
    if area is None:
        raise Http404("Området finns inte.")
    request.session[SESSION_KEY] = area.pk
    request._collaboration_area = area
    return area
