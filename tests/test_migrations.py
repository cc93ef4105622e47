"""Migrations correct and reshape databases that already exist, keeping every row."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE_THE_MOVE = [
    ("indicators", "0003_submission_reminded_for"),
    ("plans", "0001_initial"),
    ("accounts", "0002_initial"),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_existing_units_key_figures_values_and_profiles_survive_the_move_between_apps(
    django_user_model,
):
    old = migrate(BEFORE_THE_MOVE)
    OrgUnit = old.get_model("indicators", "OrgUnit")
    area = OrgUnit.objects.create(name="SIMBA-området", code="SIMBA", kind="area")
    tjorn = OrgUnit.objects.create(name="Tjörn", code="1407", kind="municipality", parent=area)
    OrgUnit.objects.create(name="Ale", code="1440", kind="municipality", parent=area)
    plan = old.get_model("plans", "Plan").objects.create(title="P", first_year=2026, last_year=2027)
    focus = old.get_model("plans", "FocusArea").objects.create(plan=plan, number=1, title="F")
    goal = old.get_model("plans", "Goal").objects.create(focus_area=focus, code="1:1", title="G")
    actor = old.get_model("plans", "Actor").objects.create(plan=plan, name="Grupp", org_unit=tjorn)
    figure = old.get_model("indicators", "KeyFigure").objects.create(goal=goal, name="Antal SIP")
    figure.reported_to.add(actor)
    period = old.get_model("indicators", "Period").objects.create(
        plan=plan, kind="year", start="2026-01-01", end="2026-12-31", deadline="2027-01-30"
    )
    old.get_model("indicators", "Value").objects.create(
        key_figure=figure, org_unit=tjorn, period=period, number=7
    )
    user = old.get_model("auth", "User").objects.create(username="tore")
    old.get_model("accounts", "Profile").objects.create(
        user=user, role="area_group", org_unit=tjorn
    )

    new = migrate(latest())

    units = new.get_model("organisation", "OrgUnit").objects
    assert dict(units.values_list("name", "code")) == {
        "SIMBA-området": "SIMBA", "Tjörn": "1419", "Ale": "1440"
    }  # fmt: skip
    figure = new.get_model("plans", "KeyFigure").objects.get()
    assert (figure.name, figure.goal.code) == ("Antal SIP", "1:1")
    assert [a.name for a in figure.reported_to.all()] == ["Grupp"]
    value = new.get_model("indicators", "Value").objects.get()
    assert (value.key_figure.name, value.org_unit.code, value.number) == ("Antal SIP", "1419", 7)
    assert new.get_model("accounts", "Profile").objects.get().org_unit.name == "Tjörn"
    assert new.get_model("plans", "Actor").objects.get().org_unit.code == "1419"
    content_types = new.get_model("contenttypes", "ContentType").objects
    assert content_types.filter(app_label="plans", model="keyfigure").exists()
    assert not content_types.filter(app_label="indicators", model="keyfigure").exists()


BEFORE_AREAS = [
    ("organisation", "0001_org_unit_from_indicators"),
    ("plans", "0002_key_figures_from_indicators"),
    ("accounts", "0003_org_unit_in_organisation"),
]


@pytest.mark.django_db(transaction=True)
def test_an_installation_from_before_areas_becomes_the_simba_area_with_nothing_lost():
    old = migrate(BEFORE_AREAS)
    OrgUnit = old.get_model("organisation", "OrgUnit")
    area = OrgUnit.objects.create(name="SIMBA-området", code="SIMBA", kind="area")
    ale = OrgUnit.objects.create(name="Ale", code="1440", kind="municipality", parent=area)
    plan = old.get_model("plans", "Plan").objects.create(title="P", first_year=2026, last_year=2027)
    old.get_model("plans", "HistoricalPlan").objects.create(
        id=plan.pk, title="P", first_year=2026, last_year=2027, status="draft",
        is_public=False, history_date="2026-01-01T00:00Z", history_type="+",
    )  # fmt: skip
    User, Profile = old.get_model("auth", "User"), old.get_model("accounts", "Profile")
    for name, role, unit in [("paula", "process_leader", None), ("alice", "area_group", ale),
                             ("adam", "admin", None), ("rut", "reader", None)]:  # fmt: skip
        Profile.objects.create(user=User.objects.create(username=name), role=role, org_unit=unit)

    new = migrate(latest())

    simba = new.get_model("organisation", "CollaborationArea").objects.get()
    assert (simba.slug, simba.name) == ("simba", "SIMBA-området")
    units = new.get_model("organisation", "OrgUnit").objects
    assert sorted(units.values_list("name", "collaboration_area")) == [
        ("Ale", simba.pk), ("SIMBA-området", simba.pk)
    ]  # fmt: skip
    assert new.get_model("plans", "Plan").objects.get().collaboration_area_id == simba.pk
    history = new.get_model("plans", "HistoricalPlan").objects.get()
    assert history.collaboration_area_id == simba.pk
    profiles = new.get_model("accounts", "Profile").objects
    assert dict(profiles.values_list("user__username", "collaboration_area")) == {
        "paula": simba.pk, "alice": simba.pk, "rut": simba.pk, "adam": None
    }  # fmt: skip
    assert profiles.get(user__username="alice").org_unit.name == "Ale"


BEFORE_VERSIONS = [("plans", "0003_plan_collaboration_area")]


@pytest.mark.django_db(transaction=True)
def test_existing_plans_get_content_versions_of_their_own_that_move_with_their_content():
    old = migrate(BEFORE_VERSIONS)
    area = old.get_model("organisation", "CollaborationArea").objects.create(
        name="SIMBA-området", slug="simba"
    )
    Plan = old.get_model("plans", "Plan")
    first, second = (
        Plan.objects.create(
            collaboration_area=area, title=title, area="A", first_year=2026, last_year=2027
        )  # fmt: skip
        for title in ("P1", "P2")
    )
    old.get_model("plans", "FocusArea").objects.create(plan=first, number=1, title="F")

    new = migrate(latest())

    def versions():
        rows = new.get_model("plans", "PlanContentVersion").objects.values_list("plan", "version")
        return dict(rows)

    before = versions()
    assert set(before) == {first.pk, second.pk} and None not in before.values()
    assert before[first.pk] != before[second.pk]
    new.get_model("plans", "FocusArea").objects.update(title="Ny rubrik")
    after = versions()
    assert after[first.pk] != before[first.pk] and after[second.pk] == before[second.pk]
    # And back: the triggers go with the table, so plans can be written without it.
    Plan = migrate(BEFORE_VERSIONS).get_model("plans", "Plan")
    assert Plan.objects.filter(pk=first.pk).update(title="Utan versioner") == 1
    migrate(latest())
