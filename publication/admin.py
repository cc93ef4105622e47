"""Publications in the admin: read-only; decisions are made on /insyn/hantera/ and logged."""

from django.contrib import admin

from publication.models import Publication, PublicationEvent


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Publication)
class PublicationAdmin(ReadOnly):
    list_display = ["plan", "year", "report", "is_public", "changed_at"]


@admin.register(PublicationEvent)
class PublicationEventAdmin(ReadOnly):
    list_display = ["at", "plan", "year", "action", "by", "note"]
    list_filter = ["action", "plan"]
