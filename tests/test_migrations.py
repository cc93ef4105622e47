"""Data migrations correct databases that already exist."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_tjorn_gets_its_official_code_1419_and_oeckeroe_is_untouched():
    old = migrate([("indicators", "0003_submission_reminded_for")])
    OrgUnit = old.get_model("indicators", "OrgUnit")
    OrgUnit.objects.create(name="Tjörn", code="1407", kind="municipality")
    OrgUnit.objects.create(name="Ale", code="1440", kind="municipality")

    new = migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    codes = dict(new.get_model("indicators", "OrgUnit").objects.values_list("name", "code"))
    assert codes == {"Tjörn": "1419", "Ale": "1440"}
