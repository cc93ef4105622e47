"""The collaboration area for the page header: its name, and a way to switch for those who may."""

from django.http import Http404
from django.utils.functional import SimpleLazyObject

from accounts import areas, roles


def collaboration_area(request):
    def current():
        if not request.user.is_authenticated:
            return None
        try:
            return areas.current_area(request)
        except Http404:
            return None  # a user in no area: pages that need one say so themselves

    # Lazy: read only where a template shows it (from the loaded profile: no extra query).
    return {
        "current_area": SimpleLazyObject(current),
        "may_choose_area": SimpleLazyObject(lambda: roles.is_region_wide(request.user)),
    }
