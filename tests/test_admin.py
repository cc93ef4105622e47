"""Every model has an admin page, with Swedish labels."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

pytestmark = pytest.mark.django_db

OUR_APPS = ("accounts", "plans", "indicators", "reports")


def our_models():
    """Our models, less the history tables simple-history derives from them."""
    return [
        m
        for m in apps.get_models()
        if m._meta.app_label in OUR_APPS and not m.__name__.startswith("Historical")
    ]


def test_every_model_of_ours_is_in_the_admin():
    registered = set(admin.site._registry)
    inline_only = {"Profile", "Responsibility"}  # edited inline on User and Activity
    never_edited = {"PlanContentVersion"}  # moved by the database (plans/content_version.py)
    missing = [
        m.__name__
        for m in our_models()
        if m not in registered and m.__name__ not in inline_only | never_edited
    ]
    assert missing == []


def test_admin_lists_and_forms_open_in_swedish(client, admin_user):
    client.force_login(admin_user)
    for model in admin.site._registry:
        if model._meta.app_label not in OUR_APPS:
            continue
        info = (model._meta.app_label, model._meta.model_name)
        changelist = client.get(reverse("admin:{}_{}_changelist".format(*info)))
        assert changelist.status_code == 200, info
        assert str(model._meta.verbose_name_plural) in changelist.content.decode()
        add = client.get(reverse("admin:{}_{}_add".format(*info)))
        assert add.status_code == 200, info


def test_model_labels_are_swedish():
    same_in_both_languages = {"Period"}
    english = [
        m.__name__
        for m in our_models()
        if m._meta.verbose_name == m.__name__.lower() and m.__name__ not in same_in_both_languages
    ]
    assert english == []
