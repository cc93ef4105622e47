"""What the editor needs to know about each kind of item: its form, its parent, its place in
the numbering and how it is shown. Plain data, used by plans/views/editor.py."""

from dataclasses import dataclass
from typing import Any

from plans import numbering
from plans.forms import ActivityForm, FocusAreaForm, GoalForm
from plans.key_figure_form import KeyFigureForm
from plans.models import FocusArea, Goal, Plan


@dataclass(frozen=True)
class Kind:
    name: str  # also the URL name prefix: plans:<name>_edit
    noun: str  # "målet", for messages
    parent_kind: str
    form: Any
    template: str  # the display fragment

    @property
    def model(self):
        return self.form._meta.model

    def dom_id(self, obj) -> str:
        return f"{self.name}-{obj.pk}"

    def parent(self, obj):
        return obj.plan if self.name == "focus_area" else getattr(obj, self.parent_kind)

    def siblings(self, parent) -> list:
        return list(
            {
                "focus_area": lambda: parent.focus_areas.all(),
                "goal": lambda: parent.goals.all(),
                "activity": lambda: parent.activities.all(),
                "key_figure": lambda: parent.key_figures.order_by("position", "id"),
            }[self.name]()
        )

    def form_kwargs(self, parent) -> dict:
        return {} if self.name == "focus_area" else {self.parent_kind: parent}

    def title(self, obj) -> str:
        return {
            "focus_area": lambda: f"fokusområde {obj.number}",
            "goal": lambda: f"mål {obj.code}",
            "activity": lambda: f"aktivitet {obj.code}",
            "key_figure": lambda: f"nyckeltalet ”{obj.name}”",
        }[self.name]()

    def new_for(self, parent):
        model = self.model
        return model(**{self.parent_kind: parent})

    def renumber(self, parent, order, skip=None, styles=None) -> None:
        if self.name == "focus_area":
            numbering.renumber_focus_areas(parent, order, skip=skip)
        elif self.name == "goal":
            numbering.renumber_goals(parent, order, skip=skip, styles=styles)
        elif self.name == "activity":
            numbering.renumber_activities(parent, order, skip=skip, styles=styles)
        else:
            numbering.renumber_key_figures(parent, order)


KINDS = {
    "focus_area": Kind("focus_area", "fokusområdet", "plan", FocusAreaForm,
                       "plans/fragment_focus_area_head.html"),
    "goal": Kind("goal", "målet", "focus_area", GoalForm, "plans/fragment_goal_head.html"),
    "activity": Kind("activity", "aktiviteten", "goal", ActivityForm,
                     "plans/fragment_activity.html"),
    "key_figure": Kind("key_figure", "nyckeltalet", "goal", KeyFigureForm,
                       "plans/fragment_key_figure.html"),
}  # fmt: skip

PARENT_MODELS = {"plan": Plan, "focus_area": FocusArea, "goal": Goal}
