"""Users belong to a collaboration area (existing ones to SIMBA), except the installation-wide
roles: administrators and the new region-wide reader."""

import django.db.models.deletion
from django.db import migrations, models

SIMBA = {"slug": "simba", "defaults": {"name": "SIMBA-området"}}
REGION_WIDE = ["admin", "region_reader"]


def profiles_into_simba(apps, schema_editor):
    Profile = apps.get_model("accounts", "Profile")
    in_an_area = Profile.objects.exclude(role__in=REGION_WIDE)
    if not in_an_area.exists():
        return
    area, _ = apps.get_model("organisation", "CollaborationArea").objects.get_or_create(**SIMBA)
    in_an_area.update(collaboration_area=area)


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0003_org_unit_in_organisation"),
        ("organisation", "0002_collaboration_areas"),
    ]

    operations = [
        migrations.AddField(
            model_name="profile",
            name="collaboration_area",
            field=models.ForeignKey(blank=True, help_text="Området användaren arbetar i. Tomt för administratörer och läsare för hela regionen, som når alla områden.", null=True, on_delete=django.db.models.deletion.PROTECT, related_name="profiles", to="organisation.collaborationarea", verbose_name="samverkansområde"),
        ),
        migrations.AlterField(
            model_name="profile",
            name="role",
            field=models.CharField(choices=[("process_leader", "Processledare"), ("area_group", "Närområdesgrupp"), ("reader", "Läsare (politiker, samordningsgrupp)"), ("admin", "Administratör"), ("region_reader", "Läsare för hela regionen")], default="reader", max_length=20, verbose_name="roll"),
        ),
        migrations.RunPython(profiles_into_simba, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="profile",
            constraint=models.CheckConstraint(condition=models.Q(("role__in", ["admin", "region_reader"]), ("collaboration_area__isnull", False), _connector="OR"), name="profile_has_area_unless_region_wide", violation_error_message="Välj ett samverkansområde: bara administratörer och läsare för hela regionen saknar ett."),
        ),
    ]
