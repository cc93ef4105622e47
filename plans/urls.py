from django.urls import path

from plans import views
from plans.views import editor, history, lifecycle, word_import

app_name = "plans"

urlpatterns = [
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/redigera/", editor.editor, name="editor"),
    path("<int:pk>/faststall/", lifecycle.plan_action, {"action": "adopt"}, name="adopt"),
    path("<int:pk>/oppna/", lifecycle.plan_action, {"action": "reopen"}, name="reopen"),
    path("<int:pk>/publicering/", lifecycle.publish, name="publish"),
    path("<int:pk>/nasta-plan/", lifecycle.plan_action, {"action": "next_plan"}, name="next_plan"),
    path("importera/", word_import.import_document, name="import_document"),
    path("importera/skapa/", word_import.import_document_confirm, name="import_document_confirm"),
]

# Each kind of item gets the same set of pages; the URL names say which (plans:goal_edit …).
SEGMENTS = {
    "focus_area": ("fokusomraden", "plan", ""),
    "goal": ("mal", "focus_area", "fokusomraden"),
    "activity": ("aktiviteter", "goal", "mal"),
    "key_figure": ("nyckeltal", "goal", "mal"),
}
for kind, (segment, _parent, parent_segment) in SEGMENTS.items():
    add = (
        f"<int:parent_pk>/{segment}/ny/"
        if not parent_segment
        else (f"{parent_segment}/<int:parent_pk>/{segment}/ny/")
    )
    kw = {"kind": kind}
    urlpatterns += [
        path(add, editor.item_add, kw, name=f"{kind}_add"),
        path(f"{segment}/<int:pk>/", editor.item_show, kw, name=f"{kind}_show"),
        path(f"{segment}/<int:pk>/andra/", editor.item_edit, kw, name=f"{kind}_edit"),
        path(f"{segment}/<int:pk>/ta-bort/", editor.item_delete, kw, name=f"{kind}_delete"),
        path(f"{segment}/<int:pk>/flytta/", editor.item_move, kw, name=f"{kind}_move"),
    ]
    if kind != "focus_area":
        urlpatterns += [
            path(f"{segment}/<int:pk>/historik/", history.item_history, kw,
                 name=f"{kind}_history"),
            path(f"{segment}/<int:pk>/historik/<int:record>/aterstall/", history.item_restore,
                 kw, name=f"{kind}_restore"),
        ]  # fmt: skip
