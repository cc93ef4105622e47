"""Reports in the admin: for looking, not for changing; reports are ordered on their pages."""

from django.contrib import admin

from reports.models import Report, ReportEvent


class ReportEventInline(admin.TabularInline):
    model = ReportEvent
    extra = 0
    can_delete = False
    readonly_fields = ["action", "by", "at", "note"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["pk", "plan", "year", "audience", "status", "requested_at", "published_at"]
    list_filter = ["status", "audience", "year", "plan"]
    readonly_fields = [
        "status", "error", "error_detail", "requested_by", "requested_at", "queued_at",
        "started_at", "finished_at", "snapshot", "fingerprint", "file", "checksum", "size",
        "published_at",
        "published_by",
    ]  # fmt: skip
    inlines = [ReportEventInline]

    def has_delete_permission(self, request, obj=None):
        # A published report is an archived record: it is never removed.
        return obj is None or not obj.is_published


@admin.register(ReportEvent)
class ReportEventAdmin(admin.ModelAdmin):
    list_display = ["report", "action", "by", "at"]
    list_filter = ["action"]
    readonly_fields = ["report", "action", "by", "at", "note"]
