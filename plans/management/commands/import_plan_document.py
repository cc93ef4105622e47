from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from organisation.commands import add_area_option, area_by_slug
from plans.word_import import WordImportError, create_draft, read_plan_document, summary_line


class Command(BaseCommand):
    help = (
        "Läser in en handlingsplan från dess Word-dokument (.docx) som ett utkast. Visar vad som "
        "skapas och det som inte kunde placeras; sista raden: goals=N activities=N key_figures=N."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Word-dokumentet (.docx)")
        parser.add_argument(
            "--dry-run", action="store_true", help="Läs och visa, men skapa ingenting."
        )
        add_area_option(parser)
        parser.add_argument(
            "--user", help="Användarnamn som står som upphov i historiken (valfritt)."
        )

    def handle(self, *args, path: str, dry_run: bool, user: str | None, area=None, **options):
        area = area_by_slug(area)
        author = None
        if user:
            author = get_user_model().objects.filter(username=user).first()
            if author is None:
                raise CommandError(f"Användaren {user} finns inte.")
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise CommandError(f"Filen {path} kunde inte läsas: {exc.strerror}") from exc
        try:
            reading = read_plan_document(data, area)
            self._describe(reading)
            if not dry_run:
                plan = create_draft(reading, author, area)
                self.stdout.write(self.style.SUCCESS(f"Skapad som utkast: {plan} (id {plan.pk})"))
            else:
                self.stdout.write("Provläsning: ingenting skapades.")
        except WordImportError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(summary_line(reading))

    def _describe(self, reading):
        head = reading.document["plan"]
        self.stdout.write(f"{head['title']} ({head['first_year']}–{head['last_year']})")
        for fa in reading.document["focus_areas"]:
            self.stdout.write(f"Fokusområde {fa['number']}: {fa['title']}")
            for goal in fa["goals"]:
                see = f" (se mål {goal['shares_with']})" if goal["shares_with"] else ""
                self.stdout.write(
                    f"  Mål {goal['code']} {goal['title']}{see}: {len(goal['activities'])} "
                    f"aktiviteter, {len(goal['key_figures'])} nyckeltal"
                )
        for item in reading.unplaced:
            self.stdout.write(f"Inte placerat – {item.where}: {item.text[:80]} ({item.reason})")
        for error in reading.errors:
            self.stderr.write(f"Fel: {error}")
