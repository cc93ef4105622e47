from django.urls import path

from publication.views import manage, public

app_name = "publication"

urlpatterns = [
    path("", public.index, name="index"),
    path("om-uppfoljningen/", public.about, name="about"),
    path("plan/<int:pk>/", public.plan_page, name="plan"),
    path("plan/<int:pk>/<int:year>/", public.year_page, name="year"),
    path("plan/<int:pk>/<int:year>/arsrapport.pdf", public.report_pdf, name="report_pdf"),
    path("plan/<int:pk>/<int:year>/presentation.pdf", public.deck_pdf, name="deck_pdf"),
    path("data/", public.data_index, name="data"),
    path("data/dcat.rdf", public.dcat_catalogue, name="dcat"),
    path("data/plan-<int:pk>/<int:year>.csv", public.data_csv, name="data_csv"),
    path("data/plan-<int:pk>/<int:year>.json", public.data_json, name="data_json"),
    path("hantera/<int:plan_pk>/", manage.manage, name="manage"),
    path("hantera/<int:plan_pk>/plan/", manage.plan_public, name="plan_public"),
    path("hantera/<int:plan_pk>/publicera/", manage.publish, name="publish"),
    path("hantera/<int:plan_pk>/<int:year>/dra-tillbaka/", manage.withdraw, name="withdraw"),
    path(
        "hantera/<int:plan_pk>/<int:year>/kommentarer/", manage.choose_comments, name="comments"
    ),  # fmt: skip
    path(
        "hantera/<int:plan_pk>/forhandsvisning/<int:report_pk>/", manage.preview, name="preview"
    ),  # fmt: skip
]
