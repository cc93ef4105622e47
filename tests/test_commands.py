import json

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from accounts.demo import DEMO_PASSWORD, DEMO_USERS
from plans.models import Plan

pytestmark = pytest.mark.django_db


def test_load_plan_if_missing_is_idempotent():
    call_command("load_plan", "--if-missing")
    call_command("load_plan", "--if-missing")
    assert Plan.objects.count() == 1


def test_a_broken_plan_file_loads_nothing(tmp_path):
    broken = tmp_path / "plan.json"
    document = {
        "plan": {"title": "X", "area": "A", "first_year": 2026, "last_year": 2027},
        "focus_areas": [
            {"number": 1, "title": "F", "goals": [{"code": "1:1", "title": "G",
                                                   "shares_with": "9:9"}]}
        ],
    }  # fmt: skip
    broken.write_text(json.dumps(document))
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="9:9"):
        call_command("load_plan", str(broken))
    assert Plan.objects.count() == 0


def test_demo_users_one_per_role_can_log_in():
    call_command("load_plan")
    call_command("create_demo_users")
    call_command("create_demo_users")  # idempotent
    for username, *_ in DEMO_USERS:
        user = authenticate(username=username, password=DEMO_PASSWORD)
        assert user is not None, username
        assert user.profile.role
