from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.admin import UserAdmin
from django.db import transaction

from accounts.admin_personal_data import (
    deactivate_and_remove_personal_data,
    export_personal_data,
)
from accounts.models import Profile
from organisation.models import CollaborationArea


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


class NewAreaForm(forms.ModelForm):
    """A new collaboration area and its first process leader, in one step."""

    username = forms.CharField(label="Processledarens användarnamn", max_length=150)
    first_name = forms.CharField(label="Förnamn", max_length=150)
    last_name = forms.CharField(label="Efternamn", max_length=150)
    email = forms.EmailField(label="E-post")
    password1 = forms.CharField(label="Lösenord", widget=forms.PasswordInput, strip=False)
    password2 = forms.CharField(label="Lösenord igen", widget=forms.PasswordInput, strip=False)

    class Meta:
        model = CollaborationArea
        fields = ["name", "slug"]

    def clean_username(self):
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError("Användarnamnet är upptaget.")
        return username

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", "Lösenorden är inte lika.")
        elif first:
            candidate = User(username=cleaned.get("username", ""), email=cleaned.get("email", ""))
            try:
                password_validation.validate_password(first, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


@admin.register(CollaborationArea)
class CollaborationAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = NewAreaForm
        return super().get_form(request, obj, change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        if obj is not None:
            return super().get_fieldsets(request, obj)
        leader = ["username", "first_name", "last_name", "email", "password1", "password2"]
        return [(None, {"fields": ["name", "slug"]}), ("Första processledaren", {"fields": leader})]

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        data = form.cleaned_data
        with transaction.atomic():
            area = CollaborationArea.objects.create_with_unit(obj.name, obj.slug)
            obj.pk = area.pk
            leader = User.objects.create_user(
                data["username"], data["email"], data["password1"],
                first_name=data["first_name"], last_name=data["last_name"],
            )  # fmt: skip
            Profile.objects.create(
                user=leader, role=Profile.Role.PROCESS_LEADER, collaboration_area=area
            )
