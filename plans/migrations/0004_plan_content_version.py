"""Each plan's content version (plans/content_version.py): the table, a version for every
existing plan, and the triggers that move it. The tables as they are at this migration; later
migrations' tables get theirs when `migrate` ends (PlansConfig.ready)."""

import django.db.models.deletion
from django.db import migrations, models

# TO_PLAN and SHOWN_ON as they stand at this migration.
TO_PLAN = {
    "plans.Plan": [""],
    "plans.Actor": ["plan"],
    "plans.FocusArea": ["plan"],
    "plans.Goal": ["focus_area__plan"],
    "plans.Activity": ["goal__focus_area__plan"],
    "plans.KeyFigure": ["goal__focus_area__plan"],
    "plans.Responsibility": ["activity__goal__focus_area__plan", "actor__plan"],
    "plans.KeyFigure_reported_to": ["keyfigure__goal__focus_area__plan", "actor__plan"],
}
SHOWN_ON = {
    "plans.Actor": [("plans.Responsibility", "actor"), ("plans.Activity", "followed_up_by"),
                    ("plans.KeyFigure", "followed_up_by"), ("plans.KeyFigure_reported_to", "actor")],
    "plans.Goal": [("plans.Goal", "shares_with")],
}


def versions_and_triggers(apps, schema_editor):
    from plans import content_version

    connection = schema_editor.connection
    content_version.install(connection, apps, TO_PLAN, SHOWN_ON)  # creates the sequence too
    content_version.fill(connection)


def no_triggers(apps, schema_editor):
    from plans import content_version

    content_version.uninstall(schema_editor.connection, apps, TO_PLAN)


class Migration(migrations.Migration):

    dependencies = [
        ('plans', '0003_plan_collaboration_area'),
    ]

    operations = [
        migrations.CreateModel(
            name='PlanContentVersion',
            fields=[
                ('plan', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='+', serialize=False, to='plans.plan')),
                ('version', models.BigIntegerField()),
            ],
            options={
                'verbose_name': 'innehållsversion',
                'verbose_name_plural': 'innehållsversioner',
            },
        ),
        migrations.RunPython(versions_and_triggers, no_triggers),
    ]
