from django.contrib import admin

from organisation.models import OrgUnit


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "parent", "collaboration_area"]
    list_filter = ["collaboration_area", "kind"]
    list_select_related = ["parent", "collaboration_area"]
