"""The `--area SLUG` option the management commands share."""

from django.core.management.base import CommandError

from organisation.models import CollaborationArea


def add_area_option(parser) -> None:
    parser.add_argument(
        "--area",
        metavar="SLUG",
        help="Samverkansområdet, med sitt kortnamn (standard: simba).",
    )


def area_by_slug(slug: str | None):
    """The area a command works in: the one named, else SIMBA (created when missing)."""
    if not slug:
        return CollaborationArea.objects.default()
    area = CollaborationArea.objects.filter(slug=slug).first()
    if area is None:
        known = ", ".join(CollaborationArea.objects.values_list("slug", flat=True)) or "inga"
        raise CommandError(f"Samverkansområdet {slug} finns inte (finns: {known}).")
    return area
