from django.contrib import admin
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin

from indicators.models import ActivityFollowUp, Period, Submission, SubmissionEvent, Value


class ReadOnlyHistoryAdmin(SimpleHistoryAdmin):
    """History is append-only: it can be read here, never reverted or edited."""

    def has_change_history_permission(self, request, obj=None):
        return False

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied("Historiken kan inte ändras.")
        return super().history_form_view(request, object_id, version_id, extra_context)


@admin.register(Period)
class PeriodAdmin(admin.ModelAdmin):
    list_display = ["label", "plan", "kind", "start", "end", "deadline"]
    list_filter = ["plan", "kind"]


@admin.register(Value)
class ValueAdmin(ReadOnlyHistoryAdmin):
    list_display = ["key_figure", "org_unit", "period", "number", "not_available", "updated_by"]
    list_filter = ["org_unit", "period__kind"]
    raw_id_fields = ["key_figure", "period"]


class SubmissionEventInline(admin.TabularInline):
    model = SubmissionEvent
    extra = 0
    can_delete = False
    readonly_fields = ["from_status", "to_status", "reason", "by", "at"]

    def has_add_permission(self, request, obj=None):
        return False  # the log is written by the application only


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ["org_unit", "period", "status", "updated_at"]
    list_filter = ["status", "org_unit"]
    inlines = [SubmissionEventInline]


@admin.register(SubmissionEvent)
class SubmissionEventAdmin(admin.ModelAdmin):
    list_display = ["submission", "from_status", "to_status", "by", "at"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ActivityFollowUp)
class ActivityFollowUpAdmin(ReadOnlyHistoryAdmin):
    list_display = ["activity", "period", "org_unit", "status", "updated_by"]
    list_filter = ["status", "org_unit"]
