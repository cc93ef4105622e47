"""Tjörn's official municipality code is 1419; 1407 (Öckerö) was loaded by mistake."""

from django.db import migrations


def correct_tjorn(apps, schema_editor):
    OrgUnit = apps.get_model("indicators", "OrgUnit")
    OrgUnit.objects.filter(name="Tjörn", code="1407").update(code="1419")


def restore_old_code(apps, schema_editor):
    OrgUnit = apps.get_model("indicators", "OrgUnit")
    OrgUnit.objects.filter(name="Tjörn", code="1419").update(code="1407")


class Migration(migrations.Migration):
    dependencies = [("indicators", "0003_submission_reminded_for")]

    operations = [migrations.RunPython(correct_tjorn, restore_old_code)]
