from django.urls import path

from indicators import views, views_overview, views_year

app_name = "indicators"

urlpatterns = [
    path("", views.my_reports, name="my_reports"),
    path("oversikt/", views_overview.overview, name="overview"),
    path("oversikt/godkann/", views_overview.approve_many, name="approve_many"),
    path("import/", views_overview.import_values, name="import"),
    path("import/spara/", views_overview.import_confirm, name="import_confirm"),
    path("import/mall.csv", views_overview.import_template, name="import_template"),
    path("enhet/<str:code>/", views.unit_reports, name="unit"),
    path(
        "enhet/<str:code>/aktiviteter/<int:year>/",
        views_overview.activity_follow_up,
        name="activities",
    ),
    path("enhet/<str:code>/ar/<int:year>/", views_year.year_entry, name="year"),
    path("enhet/<str:code>/period/<int:period_pk>/", views.entry, name="entry"),
    path("enhet/<str:code>/period/<int:period_pk>/historik/", views.history, name="history"),
    path(
        "enhet/<str:code>/period/<int:period_pk>/<str:action>/",
        views.change_status,
        name="change_status",
    ),
]
