from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.home, name="home"),
    path("plan/<int:plan_pk>/", views.index, name="index"),
    path("plan/<int:plan_pk>/bestall/", views.order, name="order"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/status/", views.status, name="status"),
    path("<int:pk>/pdf/", views.download, name="download"),
    path("<int:pk>/pptx/", views.download_slides, name="download_slides"),
    path("<int:pk>/webb/", views.web, name="web"),
    path("<int:pk>/data.csv", views.data_csv, name="data"),
    path("<int:pk>/forsok-igen/", views.retry, name="retry"),
    path("<int:pk>/publicera/", views.publish, name="publish"),
]
