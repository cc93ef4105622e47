"""The editable parts of a year's analysis: which row a URL points at, who may change it, and
how it is named and found on the page. Plain data, used by analysis/views.py."""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse

from accounts import roles
from analysis import forms
from indicators.services import visible_unit
from organisation.models import OrgUnit
from plans import access, display
from plans.models import FocusArea, Goal, Plan


@dataclass(frozen=True)
class Kind:
    name: str  # also the URL name prefix: analysis:<name>_edit
    form: Any
    level: int  # heading level of "Analys" / "Nästa steg" inside the part

    @property
    def model(self):
        return self.form._meta.model

    @property
    def fields(self) -> list[str]:
        return list(self.form._meta.fields)


KINDS = {
    kind.name: kind
    for kind in (
        Kind("overall", forms.YearAnalysisForm, 3),
        Kind("focus_area", forms.FocusAreaAnalysisForm, 3),
        Kind("goal", forms.GoalAnalysisForm, 4),
        Kind("unit_comment", forms.UnitCommentForm, 4),
    )
}


@dataclass
class Part:
    kind: Kind
    plan: Plan
    year: int
    focus_area: FocusArea | None = None
    goal: Goal | None = None
    unit: OrgUnit | None = None

    @property
    def keys(self) -> dict:
        return {
            "overall": lambda: {"plan": self.plan},
            "focus_area": lambda: {"focus_area": self.focus_area},
            "goal": lambda: {"goal": self.goal},
            "unit_comment": lambda: {"goal": self.goal, "org_unit": self.unit},
        }[self.kind.name]() | {"year": self.year}

    @property
    def parent(self):
        """Locked before a save, so that two first saves of the same part never race."""
        return {"overall": self.plan, "focus_area": self.focus_area}.get(self.kind.name, self.goal)

    def row(self, lock: bool = False):
        """The saved row, or a new unsaved one (version 0) when nothing is saved yet."""
        rows = self.kind.model.objects.select_for_update() if lock else self.kind.model.objects
        return rows.filter(**self.keys).first() or self.new_row()

    def new_row(self):
        return self.kind.model(**self.keys)

    def previous_texts(self) -> list[tuple[str, str]]:
        """Last year's texts of the same part, shown beside the form: what was planned then is
        what this year's analysis follows up."""
        if self.year - 1 not in self.plan.years:
            return []
        row = self.kind.model.objects.filter(**(self.keys | {"year": self.year - 1})).first()
        if row is None:
            return []
        model = self.kind.model
        return [
            (display.label(model, n), text) for n in self.kind.fields if (text := getattr(row, n))
        ]

    def _args(self) -> list:
        args = [self.plan.pk, self.year]
        if self.kind.name == "unit_comment":
            args.append(self.unit.code)
        if self.kind.name != "overall":
            args.append((self.focus_area or self.goal).pk)
        return args

    @property
    def edit_url(self) -> str:
        return reverse(f"analysis:{self.kind.name}_edit", args=self._args())

    @property
    def show_url(self) -> str:
        return reverse(f"analysis:{self.kind.name}_show", args=self._args())

    @property
    def page_url(self) -> str:
        if self.kind.name == "unit_comment":
            page = reverse("analysis:unit", args=[self.plan.pk, self.year, self.unit.code])
        else:
            page = reverse("analysis:year", args=[self.plan.pk, self.year])
        return f"{page}#{self.dom_id}"

    @property
    def dom_id(self) -> str:
        return {
            "overall": lambda: "arets-korthet",
            "focus_area": lambda: f"fokusomrade-{self.focus_area.pk}-analys",
            "goal": lambda: f"mal-{self.goal.pk}-analys",
            "unit_comment": lambda: f"mal-{self.goal.pk}-kommentar",
        }[self.kind.name]()

    @property
    def title(self) -> str:
        """What the part is called in buttons and messages ("analysen av mål 2:1")."""
        return {
            "overall": lambda: "Året i korthet",
            "focus_area": lambda: f"analysen av fokusområde {self.focus_area.number}",
            "goal": lambda: f"analysen av mål {self.goal.code}",
            "unit_comment": lambda: f"{self.unit.name}s kommentar till mål {self.goal.code}",
        }[self.kind.name]()


def plan_year(user, plan_pk: int, year: int) -> Plan:
    """A plan year of the user's area: 404 for another area's plan or a year outside it."""
    plan = access.plan_in_reach(user, plan_pk)
    if year not in plan.years:
        raise Http404("Året ingår inte i planen.")
    return plan


def municipality(user, code: str, plan: Plan) -> OrgUnit:
    """A municipality of the plan's area whose comments the user may read (404 for another
    area group's)."""
    unit = visible_unit(user, code, plan.collaboration_area)
    if unit.kind != OrgUnit.Kind.MUNICIPALITY:
        raise Http404("Kommentarer skrivs per kommun.")
    return unit


def may_edit(user, part: Part) -> bool:
    if part.kind.name == "unit_comment":
        return roles.can_report_for(user, part.unit)
    return roles.can_edit_plan(user, part.plan)


def locate(user, plan_pk: int, year: int, kind: str, pk=None, code=None, edit=False) -> Part:
    """The part a URL names: 404 when it is not in the plan year, 403 when `edit` and the user
    may only read it."""
    part = Part(KINDS[kind], plan_year(user, plan_pk, year), year)
    if kind == "focus_area":
        part.focus_area = get_object_or_404(FocusArea, pk=pk, plan=part.plan)
    elif kind in ("goal", "unit_comment"):
        goals = Goal.objects.select_related("focus_area")
        part.goal = get_object_or_404(goals, pk=pk, focus_area__plan=part.plan)
    if kind == "unit_comment":
        part.unit = municipality(user, code, part.plan)
    if edit and not may_edit(user, part):
        if kind == "unit_comment":
            raise PermissionDenied("Bara kommunens närområdesgrupp och processledaren kan ändra.")
        raise PermissionDenied("Bara processledaren kan skriva analysen.")
    return part
