"""Demo accounts, one per role, for the embedded development setup (never for production).
All but the region-wide ones (administrator, region reader) work in the SIMBA area."""

from django.contrib.auth import get_user_model
from django.db import transaction

from accounts.models import Profile
from organisation.models import CollaborationArea, OrgUnit

DEMO_PASSWORD = "simba-demo-2026"

DEMO_USERS = [
    ("processledare", "Processledare", Profile.Role.PROCESS_LEADER, None),
    ("ale", "Närområdesgrupp Ale", Profile.Role.AREA_GROUP, "1440"),
    ("kungalv", "Närområdesgrupp Kungälv", Profile.Role.AREA_GROUP, "1482"),
    ("stenungsund", "Närområdesgrupp Stenungsund", Profile.Role.AREA_GROUP, "1415"),
    ("tjorn", "Närområdesgrupp Tjörn", Profile.Role.AREA_GROUP, "1419"),
    ("politiker", "Politiker i politiska samrådsgruppen", Profile.Role.READER, None),
    ("admin", "Administratör", Profile.Role.ADMIN, None),
    ("regionen", "Läsare för hela regionen", Profile.Role.REGION_READER, None),
]


@transaction.atomic
def create_demo_users():
    User = get_user_model()
    simba = CollaborationArea.objects.default()
    users = []
    for username, full_name, role, unit_code in DEMO_USERS:
        first, _, last = full_name.partition(" ")
        user, created = User.objects.get_or_create(
            username=username, defaults={"first_name": first, "last_name": last}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
        user.is_staff = user.is_superuser = role == Profile.Role.ADMIN
        user.save()
        unit = OrgUnit.objects.in_area(simba).get(code=unit_code) if unit_code else None
        region_wide = role in (Profile.Role.ADMIN, Profile.Role.REGION_READER)
        Profile.objects.update_or_create(
            user=user,
            defaults={
                "role": role,
                "org_unit": unit,
                "collaboration_area": None if region_wide else simba,
            },
        )
        users.append(user)
    return users
