from django.urls import path

from plans import views

app_name = "plans"

urlpatterns = [
    path("<int:pk>/", views.plan_detail, name="detail"),
]
