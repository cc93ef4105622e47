"""The collaboration area for the page header: its name, and a way to switch for those who may."""

from django.utils.functional import SimpleLazyObject

from accounts import areas, roles


def collaboration_area(request):
    # Lazy: read only where a template shows it (from the loaded profile: no extra query).
    return {
        "current_area": SimpleLazyObject(lambda: areas.header_area(request)),
        "may_choose_area": SimpleLazyObject(lambda: roles.is_region_wide(request.user)),
    }
