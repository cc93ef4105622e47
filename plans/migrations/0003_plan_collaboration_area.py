"""Every plan belongs to a collaboration area; existing plans (and their history) to SIMBA."""

import django.db.models.deletion
from django.db import migrations, models

SIMBA = {"slug": "simba", "defaults": {"name": "SIMBA-området"}}


def plans_into_simba(apps, schema_editor):
    Plan = apps.get_model("plans", "Plan")
    HistoricalPlan = apps.get_model("plans", "HistoricalPlan")
    if not (Plan.objects.exists() or HistoricalPlan.objects.exists()):
        return
    area, _ = apps.get_model("organisation", "CollaborationArea").objects.get_or_create(**SIMBA)
    Plan.objects.update(collaboration_area=area)
    HistoricalPlan.objects.update(collaboration_area=area)


class Migration(migrations.Migration):

    dependencies = [
        ("organisation", "0002_collaboration_areas"),
        ("plans", "0002_key_figures_from_indicators"),
    ]

    operations = [
        migrations.AddField(
            model_name="plan",
            name="collaboration_area",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name="plans", to="organisation.collaborationarea", verbose_name="samverkansområde"),
        ),
        migrations.AddField(
            model_name="historicalplan",
            name="collaboration_area",
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name="+", to="organisation.collaborationarea", verbose_name="samverkansområde"),
        ),
        migrations.RunPython(plans_into_simba, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="plan",
            name="collaboration_area",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="plans", to="organisation.collaborationarea", verbose_name="samverkansområde"),
        ),
    ]
