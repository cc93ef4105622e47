"""From an uploaded .docx to a draft plan: read (no writes), then create in one transaction."""

from contextlib import contextmanager
from dataclasses import dataclass
from types import SimpleNamespace

from django.db import DatabaseError, transaction
from simple_history.models import HistoricalRecords

from plans.document import PlanDocumentError, load_plan
from plans.word_import.blocks import WordImportError, read_blocks
from plans.word_import.interpret import Unplaced, interpret


@dataclass
class Reading:
    document: dict
    unplaced: list[Unplaced]
    errors: list[str]  # reasons the plan cannot be created; shown instead of "Skapa"

    def goals(self):
        for fa in self.document["focus_areas"]:
            yield from fa["goals"]

    @property
    def counts(self) -> dict[str, int]:
        goals = list(self.goals())
        actors = {n for g in goals for a in g["activities"] for n in a["responsible"]}
        actors |= {n for g in goals for k in g["key_figures"] for n in k.get("reported_to", [])}
        return {
            "focus_areas": len(self.document["focus_areas"]),
            "goals": len(goals),
            "activities": sum(len(g["activities"]) for g in goals),
            "key_figures": sum(len(g["key_figures"]) for g in goals),
            "actors": len(actors),
        }


def summary_line(reading: Reading) -> str:
    c = reading.counts
    return f"goals={c['goals']} activities={c['activities']} key_figures={c['key_figures']}"


def read_plan_document(source, area=None) -> Reading:
    """Read a .docx (bytes or a file object) for `area` (default: SIMBA); raises
    WordImportError if it cannot be read. Nothing is written."""
    data = source if isinstance(source, bytes) else _read(source)
    document, unplaced, errors = interpret(read_blocks(data))
    head = document["plan"]
    if head["first_year"] is None:
        errors.append(
            "Planens år hittades inte. Skriv dem i början av dokumentet, t.ex. ”År 2028–2029”."
        )
    elif head["last_year"] < head["first_year"]:
        errors.append(f"Planens sista år ({head['last_year']}) är före det första.")
    if not any(True for _ in Reading(document, [], []).goals()):
        errors.append(
            "Inga mål hittades i dokumentet. Mål skrivs som rubriker eller fetstil, t.ex. "
            "”Mål 1:1 Främja goda levnadsvanor”, under ett fokusområde."
        )
    if not head["area"]:
        head["area"] = _area_name(area)
    return Reading(document, unplaced, errors)


def _read(file) -> bytes:
    if hasattr(file, "seek"):
        file.seek(0)
    return file.read()


def _area_name(area) -> str:
    """A .docx that does not say "inom X" gets the name of the area's own unit, else the area's."""
    from organisation.models import CollaborationArea, OrgUnit

    if area is None:
        area = CollaborationArea.objects.filter(slug=CollaborationArea.objects.DEFAULT_SLUG).first()
    if area is None:
        return ""
    names = list(
        OrgUnit.objects.in_area(area).filter(kind=OrgUnit.Kind.AREA).values_list("name", flat=True)
    )
    return names[0] if len(names) == 1 else area.name


@contextmanager
def _history_user(user):
    """Attribute every history row written inside to `user` (also outside a web request)."""
    context = HistoricalRecords.context
    previous = getattr(context, "request", None)
    context.request = SimpleNamespace(user=user) if user is not None else previous
    try:
        yield
    finally:
        if previous is None:
            if hasattr(context, "request"):
                del context.request
        else:
            context.request = previous


def create_draft(reading: Reading, user=None, area=None):
    """Create the plan as a draft in `area` (default: SIMBA); all or nothing. Org units are not
    touched (the document has no municipality codes), so the area's own units are used."""
    if reading.errors:
        raise WordImportError(" ".join(reading.errors))
    document = dict(reading.document, plan=dict(reading.document["plan"], status="draft"))
    try:
        with _history_user(user), transaction.atomic():
            return load_plan(document, area)
    except (PlanDocumentError, KeyError) as exc:
        raise WordImportError(f"Planen kunde inte skapas: {exc}") from exc
    except DatabaseError as exc:
        raise WordImportError(
            "Planen kunde inte skapas; ingenting sparades. Kontrollera att mål och aktiviteter "
            "har olika nummer och att rubrikerna inte är för långa."
        ) from exc
