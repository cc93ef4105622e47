from django.urls import path

from analysis import views

app_name = "analysis"

YEAR = "<int:plan_pk>/<int:year>/"
urlpatterns = [
    path(YEAR, views.year_page, name="year"),
    path(f"{YEAR}historik/", views.history_page, name="history"),
    path(f"{YEAR}enhet/<str:code>/", views.unit_page, name="unit"),
]

# Each part of the analysis has a display fragment and a form (analysis:goal_edit …).
SEGMENTS = {
    "overall": "arets-korthet/",
    "focus_area": "fokusomraden/<int:pk>/",
    "goal": "mal/<int:pk>/",
    "unit_comment": "enhet/<str:code>/mal/<int:pk>/",
}
for kind, segment in SEGMENTS.items():
    kw = {"kind": kind}
    urlpatterns += [
        path(f"{YEAR}{segment}", views.part_show, kw, name=f"{kind}_show"),
        path(f"{YEAR}{segment}andra/", views.part_edit, kw, name=f"{kind}_edit"),
    ]
