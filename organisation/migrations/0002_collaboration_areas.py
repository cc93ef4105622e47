"""Collaboration areas (tenants). Existing units move into the SIMBA area, the only area an
installation had before; names and codes become unique within an area instead of overall."""

import django.db.models.deletion
from django.db import migrations, models

SIMBA = {"slug": "simba", "defaults": {"name": "SIMBA-området"}}


def units_into_simba(apps, schema_editor):
    OrgUnit = apps.get_model("organisation", "OrgUnit")
    if not OrgUnit.objects.exists():
        return  # a new installation: load_plan creates the area with its units
    area, _ = apps.get_model("organisation", "CollaborationArea").objects.get_or_create(**SIMBA)
    OrgUnit.objects.update(collaboration_area=area)


class Migration(migrations.Migration):

    dependencies = [
        ("organisation", "0001_org_unit_from_indicators"),
    ]

    operations = [
        migrations.CreateModel(
            name="CollaborationArea",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=200, unique=True, verbose_name="namn")),
                ("slug", models.SlugField(help_text="Används i kommandon och adresser, t.ex. simba.", unique=True, verbose_name="kortnamn")),
            ],
            options={
                "verbose_name": "samverkansområde",
                "verbose_name_plural": "samverkansområden",
                "ordering": ["name"],
            },
        ),
        migrations.AddField(
            model_name="orgunit",
            name="collaboration_area",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name="org_units", to="organisation.collaborationarea", verbose_name="samverkansområde"),
        ),
        migrations.RunPython(units_into_simba, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="orgunit",
            name="collaboration_area",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="org_units", to="organisation.collaborationarea", verbose_name="samverkansområde"),
        ),
        migrations.AlterField(
            model_name="orgunit",
            name="name",
            field=models.CharField(max_length=200, verbose_name="namn"),
        ),
        migrations.AlterField(
            model_name="orgunit",
            name="code",
            field=models.CharField(help_text="Kommunkod, t.ex. 1440 för Ale.", max_length=20, verbose_name="kod"),
        ),
        migrations.AddConstraint(
            model_name="orgunit",
            constraint=models.UniqueConstraint(fields=("collaboration_area", "code"), name="org_unit_code_unique_in_area"),
        ),
        migrations.AddConstraint(
            model_name="orgunit",
            constraint=models.UniqueConstraint(fields=("collaboration_area", "name"), name="org_unit_name_unique_in_area"),
        ),
    ]
