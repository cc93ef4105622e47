"""The plan as a document: the JSON shape in which `fixtures/` ships the real SIMBA plan.

`load_plan` turns such a document into records in one transaction, so a bad document leaves
nothing half-written. Key figures belong to this app and organisational units to
`organisation`; the loader creates both because the document, like the Word original, holds
them beside the goals.
"""

import copy
import json
from pathlib import Path

from django.db import transaction

from organisation.models import CollaborationArea, OrgUnit
from plans.models import Activity, Actor, FocusArea, Goal, KeyFigure, Plan, Responsibility

FIXTURE_DIR = Path(__file__).resolve().parent.parent / "fixtures"
SIMBA_PLAN = FIXTURE_DIR / "handlingsplan-simba-2026-2027.json"

KEY_FIGURE_FIELDS = (
    "code", "name", "plan_text", "value_kind", "has_fraction", "target_kind", "target_operator",
    "target_threshold", "target_direction", "target_note", "reporting_level", "frequency",
    "as_of_month", "as_of_day", "data_source", "measurement_method", "note", "reporting_frequency",
    "year_basis",
)  # fmt: skip


class PlanDocumentError(ValueError):
    """The document cannot be loaded; the message says why, in Swedish."""


def read_document(path: Path = SIMBA_PLAN) -> dict:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise PlanDocumentError(f"Kunde inte läsa planfilen {path}: {exc}") from exc


def _org_units(document: dict, area: CollaborationArea) -> dict:

    units = {}
    for row in document.get("org_units", []):
        unit, _ = OrgUnit.objects.update_or_create(
            collaboration_area=area,
            code=row["code"],
            defaults={
                "name": row["name"],
                "kind": row["kind"],
                "parent": units.get(row["parent"]) if row.get("parent") else None,
            },
        )
        units[row["code"]] = unit
    return units


@transaction.atomic
def load_plan(document: dict, area: CollaborationArea | None = None) -> Plan:
    """Create a plan with everything in it from a document (see fixtures/), in `area` (default:
    SIMBA); the document's units are created or updated in that area."""
    area = area or CollaborationArea.objects.default()
    _org_units(document, area)
    plan = Plan.objects.create(collaboration_area=area, **document["plan"])
    actors: dict[str, Actor] = {}

    def actor(name: str | None) -> Actor | None:
        if not name:
            return None
        if name not in actors:
            actors[name] = Actor.objects.create(plan=plan, name=name)
        return actors[name]

    goals_by_code: dict[str, Goal] = {}
    shares: list[tuple[Goal, str]] = []
    for fa_row in document["focus_areas"]:
        focus_area = FocusArea.objects.create(
            plan=plan, number=fa_row["number"], title=fa_row["title"]
        )
        for g_row in fa_row["goals"]:
            goal = Goal.objects.create(
                focus_area=focus_area,
                code=g_row["code"],
                title=g_row["title"],
                background=g_row.get("background", ""),
                measurement_method=g_row.get("measurement_method", ""),
                reporting=g_row.get("reporting", ""),
            )
            goals_by_code[goal.code.replace(".", ":")] = goal
            if g_row.get("shares_with"):
                shares.append((goal, g_row["shares_with"]))
            for position, k_row in enumerate(g_row.get("key_figures", [])):
                figure = KeyFigure.objects.create(
                    goal=goal,
                    position=position,
                    followed_up_by=actor(k_row.get("followed_up_by")),
                    **{f: k_row[f] for f in KEY_FIGURE_FIELDS if f in k_row},
                )
                figure.reported_to.set([actor(n) for n in k_row.get("reported_to", [])])
            for a_row in g_row.get("activities", []):
                activity = Activity.objects.create(
                    goal=goal,
                    code=a_row["code"],
                    text=a_row["text"],
                    follow_up=a_row.get("follow_up", ""),
                    followed_up_by=actor(a_row.get("followed_up_by")),
                )
                Responsibility.objects.bulk_create(
                    Responsibility(activity=activity, actor=actor(name), position=i)
                    for i, name in enumerate(a_row.get("responsible", []))
                )
    for goal, code in shares:
        target = goals_by_code.get(code.replace(".", ":"))
        if target is None:
            raise PlanDocumentError(f"Mål {goal.code} hänvisar till mål {code}, som inte finns.")
        goal.shares_with = target
        goal.save(update_fields=["shares_with"])
    return plan


def enlarged(document: dict, factor: int) -> dict:
    """The same plan with its focus areas repeated `factor` times, renumbered.

    For tests and benchmarks that show how cost grows with the size of a plan.
    """
    larger = copy.deepcopy(document)
    areas = []
    for copy_number in range(factor):
        for fa_row in copy.deepcopy(document["focus_areas"]):
            number = copy_number * len(document["focus_areas"]) + fa_row["number"]
            fa_row["number"] = number
            for g_row in fa_row["goals"]:
                g_row["code"] = f"{number}:{g_row['code'].split(':')[-1].split('.')[-1]}"
                if g_row.get("shares_with"):
                    g_row["shares_with"] = f"{copy_number * len(document['focus_areas']) + 2}:2"
                for a_row in g_row["activities"]:
                    a_row["code"] = f"{number}:" + ":".join(a_row["code"].split(":")[1:])
            areas.append(fa_row)
    larger["focus_areas"] = areas
    return larger
