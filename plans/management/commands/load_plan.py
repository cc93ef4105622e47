from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from organisation.commands import add_area_option, area_by_slug
from plans.document import SIMBA_PLAN, PlanDocumentError, load_plan, read_document
from plans.models import Plan


class Command(BaseCommand):
    help = "Läser in en handlingsplan från en planfil (standard: SIMBA:s plan 2026–2027)."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(SIMBA_PLAN))
        parser.add_argument(
            "--if-missing",
            action="store_true",
            help="Gör ingenting om en plan med samma titel och period redan finns i området.",
        )
        add_area_option(parser)

    def handle(self, *args, path: str, if_missing: bool, area=None, **options):
        area = area_by_slug(area)
        try:
            document = read_document(Path(path))
            head = document["plan"]
            exists = Plan.objects.filter(
                collaboration_area=area,
                title=head["title"],
                first_year=head["first_year"],
                last_year=head["last_year"],
            ).exists()
            if if_missing and exists:
                self.stdout.write(f"Planen finns redan: {head['title']}")
                return
            plan = load_plan(document, area)
        except (PlanDocumentError, KeyError) as exc:
            raise CommandError(f"Planen kunde inte läsas in: {exc}") from exc
        goals = sum(fa.goals.count() for fa in plan.focus_areas.all())
        self.stdout.write(self.style.SUCCESS(f"Inläst: {plan} ({goals} mål)"))
