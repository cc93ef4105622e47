from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from plans.models import Activity, Actor, FocusArea, Goal, KeyFigure, Plan, Responsibility


class FocusAreaInline(admin.TabularInline):
    model = FocusArea
    extra = 0


@admin.register(Plan)
class PlanAdmin(SimpleHistoryAdmin):
    list_display = [
        "title",
        "period_label",
        "collaboration_area",
        "status",
        "adopted_on",
        "is_public",
    ]
    list_filter = ["collaboration_area", "status"]
    inlines = [FocusAreaInline]


@admin.register(Actor)
class ActorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "plan", "org_unit"]
    list_filter = ["plan", "org_unit"]
    search_fields = ["name"]


class GoalInline(admin.StackedInline):
    model = Goal
    extra = 0
    fields = ["code", "title"]
    show_change_link = True


@admin.register(FocusArea)
class FocusAreaAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "plan"]
    list_filter = ["plan"]
    inlines = [GoalInline]


class ActivityInline(admin.TabularInline):
    model = Activity
    extra = 0
    fields = ["code", "text"]
    show_change_link = True


@admin.register(Goal)
class GoalAdmin(SimpleHistoryAdmin):
    list_display = ["code", "title", "focus_area", "shares_with"]
    list_filter = ["focus_area__plan", "focus_area"]
    search_fields = ["code", "title", "background"]
    inlines = [ActivityInline]


class ResponsibilityInline(admin.TabularInline):
    model = Responsibility
    extra = 0
    autocomplete_fields = ["actor"]


@admin.register(Activity)
class ActivityAdmin(SimpleHistoryAdmin):
    list_display = ["code", "text", "goal"]
    list_filter = ["goal__focus_area__plan"]
    search_fields = ["code", "text"]
    inlines = [ResponsibilityInline]


@admin.register(KeyFigure)
class KeyFigureAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "goal", "value_kind", "target_label", "frequency"]
    list_filter = ["value_kind", "target_kind", "frequency", "goal__focus_area__plan"]
    search_fields = ["name", "plan_text"]
    filter_horizontal = ["reported_to"]

    @admin.display(description="målvärde")
    def target_label(self, obj):
        return obj.target_label
