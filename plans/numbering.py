"""Keeping the plan's numbering consistent while the process leader edits it.

The rule (also in the README):
- The last number of a code is the item's place among its siblings; the numbers before it are
  the parent's (focus area 2 → goals 2:1, 2:2 …; goal 2:2 → activities 2:2:1 …).
- Separators stay as written: "3.1" keeps its dot when it becomes "3.2". A new item copies the
  style of its siblings (else ':').
- Adding without a number puts the item last; typing a number places it there and moves the
  following ones down one step. Moving or removing renumbers the siblings without gaps;
  children follow their parent's new number.
- A list is renumbered only when something in it changes: untouched lists keep the plan's codes
  exactly as loaded. Key figures keep their optional code as typed; only a leading goal number
  follows the goal.

Every renumbering is saved through the models, so history records who changed which code.
"""

import re

from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat

from plans.codes import code_parts

_NUMBER = re.compile(r"\d+")
_CODE = re.compile(r"^\d+(?:[:.]\d+)*$")
RENUMBER_REASON = "Omnumrering"


class NumberingError(ValueError):
    """A typed code does not fit its place; the message says what to type, in Swedish."""


def with_numbers(template: str, numbers: tuple[int, ...]) -> str:
    """The template's separators with new numbers: ("3.1", (3, 2)) → "3.2"."""
    found = list(_NUMBER.finditer(template or ""))
    if len(found) != len(numbers):
        return ":".join(str(n) for n in numbers)
    out, last = [], 0
    for match, number in zip(found, numbers, strict=True):
        out += [template[last : match.start()], str(number)]
        last = match.end()
    out.append(template[last:])
    return "".join(out)


def position_from_code(code: str, prefix: tuple[int, ...], example: str) -> int:
    """The place (1, 2, …) a typed code asks for; `prefix` is the parent's numbers."""
    parts = code_parts(code)
    if not _CODE.match(code.strip()):
        raise NumberingError(
            f"Skriv numret med siffror och kolon eller punkt, till exempel {example}."
        )
    parent = ":".join(str(n) for n in prefix)
    if len(parts) != len(prefix) + 1 or parts[: len(prefix)] != prefix:
        raise NumberingError(
            f"Numret ska börja med {parent} och sluta med platsen i listan, till exempel {example}."
        )
    if parts[-1] < 1:
        raise NumberingError(f"Numreringen börjar på 1, till exempel {example}.")
    return parts[-1]


# pragma: no mutate start (saves through the models; tested with the database in tests/plans/)
def _save_code(item, code: str) -> None:
    item.code = code
    item.version += 1
    item._change_reason = RENUMBER_REASON
    item.save(update_fields=["code", "sort_key", "version"])


def _apply_codes(model, wanted: dict) -> list:
    """Give each item its wanted code; a temporary code first, so unique codes never clash."""
    changed = [item for item, code in wanted.items() if item.code != code]
    if not changed:
        return []
    model.objects.filter(pk__in=[item.pk for item in changed]).update(
        code=Concat(Value("~"), Cast("pk", CharField()))
    )
    for item in changed:
        _save_code(item, wanted[item])
    return changed


def _template(item, siblings) -> str:
    if code_parts(item.code):
        return item.code
    return next((s.code for s in siblings if code_parts(s.code)), "")


def renumber_activities(goal, order=None, skip: int | None = None, styles=None) -> None:
    """Activities of `goal` in `order` numbered 1…n (leaving number `skip` free for a new one)."""
    order = list(goal.activities.all()) if order is None else order
    prefix = code_parts(goal.code)
    numbers = [n for n in range(1, len(order) + 2) if n != skip][: len(order)]
    styles = styles or {}
    wanted = {
        a: with_numbers(styles.get(a.pk) or _template(a, order), (*prefix, n))
        for a, n in zip(order, numbers, strict=True)
    }
    from plans.models import Activity

    _apply_codes(Activity, wanted)


def _follow_goal(goal, old_prefix: tuple[int, ...]) -> None:
    renumber_activities(goal)
    new_prefix = code_parts(goal.code)
    for figure in goal.key_figures.all():
        parts = code_parts(figure.code)
        if parts[: len(old_prefix)] == old_prefix and len(parts) > len(old_prefix):
            figure.code = with_numbers(figure.code, (*new_prefix, *parts[len(old_prefix) :]))
            figure.version += 1
            figure._change_reason = RENUMBER_REASON
            figure.save(update_fields=["code", "version"])


def renumber_goals(focus_area, order=None, skip: int | None = None, styles=None) -> None:
    from plans.models import Goal

    order = list(focus_area.goals.all()) if order is None else order
    numbers = [n for n in range(1, len(order) + 2) if n != skip][: len(order)]
    styles = styles or {}
    old = {g.pk: code_parts(g.code) for g in order}
    wanted = {
        g: with_numbers(styles.get(g.pk) or _template(g, order), (focus_area.number, n))
        for g, n in zip(order, numbers, strict=True)
    }
    for goal in _apply_codes(Goal, wanted):
        _follow_goal(goal, old[goal.pk])


def renumber_focus_areas(plan, order=None, skip: int | None = None) -> None:
    from plans.models import FocusArea

    order = list(plan.focus_areas.all()) if order is None else order
    numbers = [n for n in range(1, len(order) + 2) if n != skip][: len(order)]
    changed = [(fa, n) for fa, n in zip(order, numbers, strict=True) if fa.number != n]
    if not changed:
        return
    # Out of the way first: (plan, number) is unique.
    for index, (fa, _) in enumerate(changed):
        FocusArea.objects.filter(pk=fa.pk).update(number=30000 + index)
    for fa, number in changed:
        fa.number = number
        fa.version += 1
        fa._change_reason = RENUMBER_REASON
        fa.save(update_fields=["number", "version"])
    for fa, _ in changed:
        renumber_goals(fa)


def renumber_key_figures(goal, order=None) -> None:
    order = list(goal.key_figures.all()) if order is None else order
    for position, figure in enumerate(order):
        if figure.position != position:
            figure.position = position
            figure._change_reason = RENUMBER_REASON
            figure.save(update_fields=["position"])


# pragma: no mutate end


def moved(items: list, item, direction: str) -> list | None:
    """`items` with `item` one step up or down; None when it cannot move that way."""
    index = next(i for i, x in enumerate(items) if x.pk == item.pk)
    target = index - 1 if direction == "up" else index + 1
    if direction not in ("up", "down") or not 0 <= target < len(items):
        return None
    order = list(items)
    order[index], order[target] = order[target], order[index]
    return order


def placed(items: list, item, position: int) -> list:
    """`items` with `item` at place `position` (1-based; beyond the end means last)."""
    order = [x for x in items if x.pk != item.pk]
    order.insert(min(position, len(order) + 1) - 1, item)
    return order
