from django.contrib import admin

from indicators.models import KeyFigure, OrgUnit


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "parent"]


@admin.register(KeyFigure)
class KeyFigureAdmin(admin.ModelAdmin):
    list_display = ["__str__", "goal", "value_kind", "target_label", "frequency"]
    list_filter = ["value_kind", "target_kind", "frequency", "goal__focus_area__plan"]
    search_fields = ["name", "plan_text"]
    filter_horizontal = ["reported_to"]

    @admin.display(description="målvärde")
    def target_label(self, obj):
        return obj.target_label
