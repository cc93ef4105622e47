"""Admin actions on users: export what the application holds about them; deactivate and remove
their personal details (with a confirmation page, since it cannot be undone)."""

import json

from django.contrib import admin, messages
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.template.response import TemplateResponse

from accounts.personal_data import deactivate_and_anonymise, export_user_data, is_anonymised


@admin.action(description="Exportera personuppgifter (JSON)")
def export_personal_data(modeladmin, request, queryset):
    users = list(queryset.order_by("pk"))
    data = {"users": [export_user_data(user) for user in users]}
    name = f"simba-personuppgifter-{users[0].pk}.json" if len(users) == 1 else (
        "simba-personuppgifter.json"
    )  # fmt: skip
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@admin.action(description="Avaktivera och ta bort personuppgifter")
def deactivate_and_remove_personal_data(modeladmin, request, queryset):
    users = [u for u in queryset.order_by("pk") if u.pk != request.user.pk]
    if len(users) < queryset.count():
        messages.error(request, "Du kan inte avaktivera ditt eget konto.")
    users = [u for u in users if not is_anonymised(u)]
    if not users:
        return None
    if request.POST.get("bekrafta") != "ja":
        return TemplateResponse(
            request,
            "admin/accounts/confirm_anonymise.html",
            {
                **modeladmin.admin_site.each_context(request),
                "title": "Avaktivera och ta bort personuppgifter",
                "users": users,
                "opts": modeladmin.model._meta,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )
    for user in users:
        deactivate_and_anonymise(user)
    messages.success(
        request,
        f"{len(users)} konto avaktiverades. Namn, e-post och användarnamn är borttagna; "
        "historiken visar dem som tidigare användare.",
    )
    return None
