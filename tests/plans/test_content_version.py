"""Each plan's content version (plans/content_version.py) moves with every way its content is
written, so the cached plan page (plans/views/reading.py) shows every change at once; and only
that plan's: another plan's page stays cached."""

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection, transaction
from django.urls import reverse
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from plans import content_version
from plans.models import Activity, Actor, FocusArea, Goal, Plan, Responsibility
from plans.selectors import plan_with_content_version
from plans.views.reading import PLAN_BODIES
from tests.plans import word_documents as docs

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    from django.core.cache import cache

    cache.clear()
    PLAN_BODIES.clear()


def page(client, plan) -> str:
    response = client.get(reverse("plans:detail", args=[plan.pk]))
    assert response.status_code == 200
    return response.content.decode()


def version(plan) -> int:
    return plan_with_content_version(plan.pk).content_version


def cached_page(client, plan) -> str:
    """The page, read twice: the second time from the cache, as every visitor after the first."""
    page(client, plan)
    return page(client, plan)


# -- every table of the plan's content has its trigger -------------------------------------------


def content_tables():
    """The plans app's tables of content: its models less the history tables and the versions
    themselves, and their automatic many-to-many tables."""
    labels = set()
    for model in apps.get_app_config("plans").get_models():
        name = model.__name__
        if name.startswith("Historical") or model._meta.label == "plans.PlanContentVersion":
            continue
        labels.add(model._meta.label)
        for field in model._meta.local_many_to_many:
            if field.remote_field.through._meta.auto_created:
                labels.add(f"{model._meta.label}_{field.name}")
    return labels


def installed_triggers() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        return {row[0] for row in cursor.fetchall()}


def test_every_table_of_the_plan_content_moves_the_version():
    assert content_tables() == set(content_version.TO_PLAN)
    installed = installed_triggers()
    expected = {
        name
        for _table, name in content_version.trigger_names(apps)
        if name.endswith("_version") == (connection.vendor == "postgresql")
    }
    assert expected and expected <= installed


def test_every_plan_has_a_version_and_a_new_one_a_number_never_used(simba_plan):
    other = Plan.objects.create(collaboration_area=simba_plan.collaboration_area, title="Ny",
                                area="X", first_year=2028, last_year=2029)  # fmt: skip
    assert None not in (version(simba_plan), version(other))
    assert version(simba_plan) != version(other)


# -- the editor, through HTTP -------------------------------------------------------------------


def test_a_goal_saved_in_the_editor_shows_at_once(leader, simba_plan, goal):
    assert "Mål 2:1 Trygg" in cached_page(leader, simba_plan)
    data = {"code": goal.code, "title": "Ny rubrik X", "background": goal.background,
            "version": goal.version}  # fmt: skip
    leader.post(reverse("plans:goal_edit", args=[goal.pk]), data)
    assert "Mål 2:1 Ny rubrik X" in page(leader, simba_plan)


def test_an_activity_and_its_responsibility_saved_in_the_editor_show_at_once(
    leader, simba_plan, goal
):
    activity = goal.activities.get(code="2:1:1")
    assert "Grupp för ansvar Q" not in cached_page(leader, simba_plan)
    data = {"code": "2:1:1", "text": "Aktivitet med ny text Q",
            "responsible_lines": "Grupp för ansvar Q", "version": activity.version}  # fmt: skip
    assert leader.post(reverse("plans:activity_edit", args=[activity.pk]), data).status_code == 302
    html = page(leader, simba_plan)
    assert "Aktivitet med ny text Q" in html and "Grupp för ansvar Q" in html


def test_a_key_figure_saved_in_the_editor_shows_at_once(leader, simba_plan, goal):
    figure = goal.key_figures.first()
    assert "Nyckeltal med nytt namn Q" not in cached_page(leader, simba_plan)
    data = {"name": "Nyckeltal med nytt namn Q", "target_kind": "none", "value_kind": "count",
            "frequency": "year", "reporting_level": "both", "reporting_frequency": "yearly",
            "version": figure.version}  # fmt: skip
    response = leader.post(reverse("plans:key_figure_edit", args=[figure.pk]), data)
    assert response.status_code == 302
    assert "Nyckeltal med nytt namn Q" in page(leader, simba_plan)


def test_a_focus_area_saved_in_the_editor_shows_at_once(leader, simba_plan):
    focus_area = FocusArea.objects.get(plan=simba_plan, number=1)
    assert "Fokusområde 1: Fokus med ny rubrik Q" not in cached_page(leader, simba_plan)
    data = {"number": 1, "title": "Fokus med ny rubrik Q", "version": focus_area.version}
    response = leader.post(reverse("plans:focus_area_edit", args=[focus_area.pk]), data)
    assert response.status_code == 302
    assert "Fokusområde 1: Fokus med ny rubrik Q" in page(leader, simba_plan)


def test_a_deletion_in_the_editor_shows_at_once(leader, simba_plan, goal):
    """The goal's last activity: deleting it renumbers nothing, so the deletion alone moves the
    version (a first activity's deletion renumbers the rest, which would hide a deletion that
    moved nothing)."""
    first, last = goal.activities.order_by("sort_key")
    assert last.text in cached_page(leader, simba_plan)
    leader.post(reverse("plans:activity_delete", args=[last.pk]))
    assert not Activity.objects.filter(pk=last.pk).exists()
    assert Activity.objects.get(pk=first.pk).version == first.version  # nothing else saved
    assert last.text not in page(leader, simba_plan)


def test_a_history_restore_shows_at_once(leader, simba_plan, goal):
    data = {"code": goal.code, "title": "Tillfällig rubrik Q", "background": goal.background,
            "version": goal.version}  # fmt: skip
    leader.post(reverse("plans:goal_edit", args=[goal.pk]), data)
    assert "Tillfällig rubrik Q" in cached_page(leader, simba_plan)
    first = goal.history.earliest()
    url = reverse("plans:goal_restore", args=[goal.pk, first.history_id])
    assert leader.post(url, {"version": goal.version + 1}).status_code == 302
    assert "Tillfällig rubrik Q" not in page(leader, simba_plan)


def test_the_plan_row_changed_shows_at_once(leader, simba_plan):
    assert "Ingående kommuner Q" not in cached_page(leader, simba_plan)
    simba_plan.area_members = "Ingående kommuner Q"
    simba_plan.save()
    assert "Ingående kommuner Q" in page(leader, simba_plan)


# -- the admin, through HTTP --------------------------------------------------------------------


def test_an_actor_renamed_in_the_admin_shows_at_once_where_it_is_responsible(
    client, admin_user, simba_plan
):
    responsibility = Responsibility.objects.filter(
        activity__goal__focus_area__plan=simba_plan
    ).first()
    actor = responsibility.actor
    client.force_login(admin_user)
    assert "Omdöpt grupp Q" not in cached_page(client, simba_plan)
    url = reverse("admin:plans_actor_change", args=[actor.pk])
    data = {"name": "Omdöpt grupp Q", "plan": simba_plan.pk, "org_unit": actor.org_unit_id or ""}
    assert client.post(url, data).status_code == 302
    assert "Omdöpt grupp Q" in page(client, simba_plan)


# -- writes that send no signals and write no history -----------------------------------------


def test_a_queryset_update_shows_at_once(client, reader, simba_plan, goal):
    client.force_login(reader)
    assert "Rubrik från update Q" not in cached_page(client, simba_plan)
    Goal.objects.filter(pk=goal.pk).update(title="Rubrik från update Q")
    assert "Rubrik från update Q" in page(client, simba_plan)


def test_bulk_inserts_and_updates_show_at_once(client, reader, simba_plan, goal):
    client.force_login(reader)
    cached_page(client, simba_plan)
    activity = goal.activities.get(code="2:1:1")
    actor = Actor.objects.create(plan=simba_plan, name="Ny grupp Q1")
    Responsibility.objects.filter(activity=activity).delete()
    before = version(simba_plan)
    Responsibility.objects.bulk_create([Responsibility(activity=activity, actor=actor)])
    assert version(simba_plan) != before
    assert "Ny grupp Q1" in page(client, simba_plan)

    (created,) = bulk_create_with_history(
        [Activity(goal=goal, code="2:1:9", text="Aktivitet i bulk Q2")], Activity
    )
    assert "Aktivitet i bulk Q2" in page(client, simba_plan)
    created.text = "Aktivitet uppdaterad i bulk Q3"
    bulk_update_with_history([created], Activity, ["text"])
    assert "Aktivitet uppdaterad i bulk Q3" in page(client, simba_plan)


def test_a_key_figures_recipients_changed_move_the_version(simba_plan, goal):
    figure = goal.key_figures.first()
    before = version(simba_plan)
    figure.reported_to.add(Actor.objects.create(plan=simba_plan, name="Mottagare Q"))
    middle = version(simba_plan)
    figure.reported_to.clear()
    assert len({before, middle, version(simba_plan)}) == 3


# -- commands: plans they bring in have versions of their own ---------------------------------


def test_a_plan_from_each_command_has_a_version_of_its_own(
    client, reader, simba_plan, tmp_path, process_leader
):
    before = version(simba_plan)
    path = tmp_path / "plan.docx"
    path.write_bytes(docs.simba_plan_docx())
    call_command("import_plan_document", str(path), "--user", process_leader.username)
    call_command("load_plan")
    imported, loaded = Plan.objects.exclude(pk=simba_plan.pk).order_by("pk")
    assert version(simba_plan) == before  # other plans' writes leave it
    client.force_login(reader)
    for plan in (imported, loaded):
        assert version(plan) is not None
        cached_page(client, plan)
        Goal.objects.filter(focus_area__plan=plan).update(title="Ändrad efter inläsningen Q")
        assert "Ändrad efter inläsningen Q" in page(client, plan)


# -- only the changed plan's page is rendered again ---------------------------------------------


def test_an_edit_of_another_plan_leaves_this_plans_page_cached(
    client, reader, simba_plan, django_assert_max_num_queries
):
    other = Plan.objects.create(collaboration_area=simba_plan.collaboration_area, title="Annan",
                                area="X", first_year=2028, last_year=2029)  # fmt: skip
    client.force_login(reader)
    cached_page(client, simba_plan)
    before = version(simba_plan)
    FocusArea.objects.create(plan=other, number=1, title="Den andra planens fokus")
    Goal.objects.create(focus_area=other.focus_areas.get(), code="1:1", title="Annat mål")
    assert version(simba_plan) == before
    with django_assert_max_num_queries(3):  # session, user, plan with version: no body queries
        page(client, simba_plan)


# -- a rolled-back write --------------------------------------------------------------------------


def test_a_rolled_back_write_leaves_the_version_and_its_number_is_never_used_again(
    simba_plan, goal
):
    before = version(simba_plan)
    with pytest.raises(RuntimeError), transaction.atomic():
        Goal.objects.filter(pk=goal.pk).update(title="Ångrad")
        inside = version(simba_plan)
        raise RuntimeError
    assert version(simba_plan) == before != inside
    Goal.objects.filter(pk=goal.pk).update(title="Sparad")
    assert version(simba_plan) not in (before, inside)


def test_deleting_a_plan_deletes_its_version(simba_plan):
    plan = Plan.objects.create(collaboration_area=simba_plan.collaboration_area, title="Kort",
                               area="X", first_year=2028, last_year=2029)  # fmt: skip
    Goal.objects.create(focus_area=FocusArea.objects.create(plan=plan, number=1, title="F"),
                        code="1:1", title="G")  # fmt: skip
    before = version(simba_plan)
    plan.delete()
    assert plan_with_content_version(plan.pk) is None
    versions = apps.get_model("plans", "PlanContentVersion").objects
    assert list(versions.values_list("plan_id", flat=True)) == [simba_plan.pk]
    assert version(simba_plan) == before
