from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import ngettext

from indicators.demo import fill_values
from organisation.commands import add_area_option, area_by_slug
from plans.models import Plan
from plans.selectors import current_plan


class Command(BaseCommand):
    help = "Fyller en plan med trovärdiga demovärden för varje enhet och period (bara för demo)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--plan", type=int, help="Planens id (standard: områdets aktuella plan)."
        )
        add_area_option(parser)
        parser.add_argument("--years", type=int, nargs="*", help="År att fylla (standard: alla).")
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, plan=None, years=None, seed=2026, area=None, **options):
        by_id = Plan.objects.filter(pk=plan).first() if plan else None
        chosen = by_id or (None if plan else current_plan(area_by_slug(area)))
        if chosen is None:
            raise CommandError("Ingen plan hittades. Läs in planen först: manage.py load_plan")
        count = fill_values(chosen, years, seed)
        made = ngettext("%d demovärde skapat", "%d demovärden skapade", count) % count
        self.stdout.write(f"{made} för {chosen}.")
