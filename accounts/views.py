"""Choosing the collaboration area a region-wide user's pages show ("Byt område")."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accounts import areas, roles


@require_http_methods(["GET", "POST"])
def choose_area(request):
    """GET lists the areas the user reaches; POST makes one current (404 for any other)."""
    if request.method == "POST":
        area_id = request.POST.get("omrade", "")
        area = areas.choose_area(request, int(area_id) if area_id.isdigit() else None)
        messages.success(request, f"Du ser nu {area.name}.")
        return redirect("home")
    context = {
        "areas": areas.reachable_areas(request.user),
        "current": areas.current_area(request),
        "may_choose": roles.is_region_wide(request.user),
    }
    return render(request, "accounts/choose_area.html", context)
