"""The application's URLs plus views that fail on purpose, to see what users are shown."""

from django.core.exceptions import PermissionDenied
from django.urls import path

from simba.urls import urlpatterns as app_urlpatterns


def boom(request):
    raise RuntimeError("secret-internal-detail")


def refused(request):
    raise PermissionDenied


urlpatterns = [*app_urlpatterns, path("test-boom/", boom), path("test-refused/", refused)]
