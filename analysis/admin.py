"""Read-only in the admin: the texts are edited on the analysis pages, where every save is
versioned (no lost updates)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from analysis.models import FocusAreaAnalysis, GoalAnalysis, UnitComment, YearAnalysis


class ReadOnlyAdmin(SimpleHistoryAdmin):
    list_filter = ["year"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(YearAnalysis)
class YearAnalysisAdmin(ReadOnlyAdmin):
    list_display = ["plan", "year", "version"]


@admin.register(FocusAreaAnalysis)
class FocusAreaAnalysisAdmin(ReadOnlyAdmin):
    list_display = ["focus_area", "year", "version"]


@admin.register(GoalAnalysis)
class GoalAnalysisAdmin(ReadOnlyAdmin):
    list_display = ["goal", "year", "version"]


@admin.register(UnitComment)
class UnitCommentAdmin(ReadOnlyAdmin):
    list_display = ["goal", "org_unit", "year", "version"]
    list_filter = ["year", "org_unit"]
