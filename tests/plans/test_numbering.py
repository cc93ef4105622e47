"""The numbering rule (README, plans/numbering.py): place = last number, separators as written."""

from types import SimpleNamespace

import pytest

from plans import numbering
from plans.models import FocusArea, Goal


def test_new_numbers_keep_the_separators_as_written():
    assert numbering.with_numbers("3.1", (3, 2)) == "3.2"
    assert numbering.with_numbers("2:2:4", (2, 3, 1)) == "2:3:1"


def test_a_code_without_a_template_is_written_with_colons():
    assert numbering.with_numbers("", (4, 2)) == "4:2"


def test_a_typed_code_gives_its_place_in_the_list():
    assert numbering.position_from_code("2:2:3", (2, 2), "2:2:2") == 3
    assert numbering.position_from_code("3.4", (3,), "3:2") == 4


@pytest.mark.parametrize(
    ("typed", "says"),
    [("tre", "med siffror"), ("3:1", "börja med 2"), ("2:0", "börjar på 1"), ("2", "börja med 2")],
)
def test_a_code_that_does_not_fit_is_refused_in_swedish(typed, says):
    with pytest.raises(numbering.NumberingError, match=says):
        numbering.position_from_code(typed, (2,), "2:2")


def _items(*pks):
    return [SimpleNamespace(pk=pk) for pk in pks]


@pytest.mark.parametrize(
    ("pk", "direction", "order"),
    [(2, "up", [2, 1, 3]), (2, "down", [1, 3, 2]), (1, "down", [2, 1, 3]),
     (3, "up", [1, 3, 2]), (1, "up", None), (3, "down", None), (2, "sideways", None)],
)  # fmt: skip
def test_moving_swaps_with_the_neighbour_or_says_it_cannot(pk, direction, order):
    items = _items(1, 2, 3)
    moved = numbering.moved(items, SimpleNamespace(pk=pk), direction)
    assert (None if moved is None else [x.pk for x in moved]) == order
    assert [x.pk for x in items] == [1, 2, 3]  # the list given is left as it was


@pytest.mark.parametrize(
    ("pk", "position", "order"),
    [(3, 1, [3, 1, 2]), (1, 2, [2, 1, 3]), (1, 3, [2, 3, 1]), (1, 9, [2, 3, 1]),
     (2, 2, [1, 2, 3]), (4, 2, [1, 4, 2, 3]), (4, 4, [1, 2, 3, 4])],
)  # fmt: skip
def test_placing_puts_the_item_at_its_place_and_beyond_the_end_last(pk, position, order):
    placed = numbering.placed(_items(1, 2, 3), SimpleNamespace(pk=pk), position)
    assert [x.pk for x in placed] == order


def test_a_template_with_another_count_of_numbers_falls_back_to_colons():
    assert numbering.with_numbers("2:1", (2, 1, 4)) == "2:1:4"
    assert numbering.with_numbers("Mål 3.1 a", (3, 2)) == "Mål 3.2 a"
    assert numbering.with_numbers(None, (1,)) == "1"


def test_a_typed_code_may_have_spaces_around_it():
    assert numbering.position_from_code(" 2:5 ", (2,), "2:2") == 5
    assert numbering.position_from_code("1", (), "1") == 1


def test_the_messages_name_the_example_and_the_parent():
    with pytest.raises(numbering.NumberingError) as caught:
        numbering.position_from_code("3:1", (2, 4), "2:4:1")
    assert str(caught.value) == (
        "Numret ska börja med 2:4 och sluta med platsen i listan, till exempel 2:4:1."
    )
    with pytest.raises(numbering.NumberingError) as caught:
        numbering.position_from_code("2:x", (2,), "2:2")
    assert str(caught.value) == "Skriv numret med siffror och kolon eller punkt, till exempel 2:2."
    with pytest.raises(numbering.NumberingError) as caught:
        numbering.position_from_code("2:0", (2,), "2:2")
    assert str(caught.value) == "Numreringen börjar på 1, till exempel 2:2."
    with pytest.raises(numbering.NumberingError, match="börja med 2 "):
        numbering.position_from_code("2:1:1", (2,), "2:2")


def _codes(focus_area):
    return list(Goal.objects.filter(focus_area=focus_area).values_list("code", flat=True))


@pytest.mark.django_db
def test_moving_a_goal_renumbers_it_and_its_activities(simba_plan):
    area = FocusArea.objects.get(plan=simba_plan, number=2)
    goal = Goal.objects.get(focus_area=area, code="2:3")
    order = numbering.moved(list(area.goals.all()), goal, "up")
    numbering.renumber_goals(area, order)
    goal.refresh_from_db()
    assert goal.code == "2:2"
    assert list(goal.activities.values_list("code", flat=True)) == ["2:2:1", "2:2:2"]
    assert Goal.objects.get(focus_area=area, title__startswith="Personer med").code == "2:3"


@pytest.mark.django_db
def test_renumbering_keeps_the_dot_style_of_the_plan(simba_plan):
    area = FocusArea.objects.get(plan=simba_plan, number=3)
    goals = list(area.goals.all())
    numbering.renumber_goals(area, [goals[1], goals[0], *goals[2:]])
    assert _codes(area) == ["3.1", "3.2", "3.3", "3.4"]
    assert Goal.objects.get(focus_area=area, code="3.1").title.startswith("Hälsosam")


@pytest.mark.django_db
def test_removing_an_activity_closes_the_gap(simba_plan):
    goal = Goal.objects.get(focus_area__plan=simba_plan, code="2:2")
    goal.activities.get(code="2:2:2").delete()
    numbering.renumber_activities(goal)
    assert list(goal.activities.values_list("code", flat=True)) == [
        "2:2:1", "2:2:2", "2:2:3", "2:2:4"
    ]  # fmt: skip


@pytest.mark.django_db
def test_untouched_lists_keep_their_codes_and_history(simba_plan):
    goal = Goal.objects.get(focus_area__plan=simba_plan, code="2:2")
    before = goal.history.count()
    numbering.renumber_activities(goal)
    assert goal.history.count() == before
    assert goal.activities.first().history.count() == 1


@pytest.mark.django_db
def test_a_renumbered_item_is_in_history_with_a_new_version(simba_plan):
    area = FocusArea.objects.get(plan=simba_plan, number=1)
    goals = list(area.goals.all())
    numbering.renumber_goals(area, [goals[1], goals[0], goals[2]])
    moved = Goal.objects.get(pk=goals[0].pk)
    assert (moved.code, moved.version) == ("1:2", 2)
    assert moved.history.first().history_change_reason == numbering.RENUMBER_REASON


@pytest.mark.django_db
def test_key_figure_codes_follow_their_goal(simba_plan):
    area = FocusArea.objects.get(plan=simba_plan, number=1)
    goals = list(area.goals.all())  # goal 1:2 has key figures coded 1:2:1 and 1:2:2
    numbering.renumber_goals(area, [goals[1], goals[0], goals[2]])
    codes = list(goals[1].key_figures.values_list("code", flat=True))
    assert codes == ["1:1:1", "1:1:2"]


@pytest.mark.django_db
def test_moving_a_focus_area_renumbers_its_goals(simba_plan):
    areas = list(simba_plan.focus_areas.all())
    numbering.renumber_focus_areas(simba_plan, [areas[0], areas[2], areas[1], *areas[3:]])
    children = FocusArea.objects.get(pk=areas[2].pk)
    assert children.number == 2
    assert _codes(children) == ["2.1", "2.2", "2.3", "2.4"]
    assert _codes(FocusArea.objects.get(pk=areas[1].pk)) == ["3:1", "3:2", "3:3"]
