from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.generic import TemplateView

from accounts import views as account_views
from plans import views as plan_views
from simba.views import LogoutPage, health

admin.site.site_header = "SIMBA – administration"
admin.site.site_title = "SIMBA"
admin.site.index_title = "Administration av handlingsplaner och uppföljning"

urlpatterns = [
    path("", plan_views.home, name="home"),
    path("planer/", include("plans.urls")),
    path("uppfoljning/", include("indicators.urls")),
    path("rapporter/", include("reports.urls")),
    path("analys/", include("analysis.urls")),
    path("insyn/", include("publication.urls")),
    path("omrade/", account_views.choose_area, name="choose_area"),
    path("logga-in/", auth_views.LoginView.as_view(), name="login"),
    path("logga-ut/", login_not_required(LogoutPage.as_view()), name="logout"),
    path(
        "tillganglighet/",
        login_not_required(TemplateView.as_view(template_name="accessibility.html")),
        name="accessibility",
    ),
    path("halsa/", health, name="health"),
    path("admin/", admin.site.urls),
]
