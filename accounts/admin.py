from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from accounts.admin_personal_data import (
    deactivate_and_remove_personal_data,
    export_personal_data,
)
from accounts.models import Profile


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class SimbaUserAdmin(UserAdmin):
    inlines = [ProfileInline]
    list_display = ["username", "full_name", "role", "is_active"]

    @admin.display(description="namn")
    def full_name(self, obj):
        return obj.get_full_name() or "–"

    actions = [export_personal_data, deactivate_and_remove_personal_data]

    @admin.display(description="roll")
    def role(self, obj):
        profile = getattr(obj, "profile", None)
        return profile.get_role_display() if profile else "–"
