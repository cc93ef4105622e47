"""Who takes part: the collaboration areas (samverkansområden) one installation serves, and in
each its organisational units (the area itself, its municipalities, other units). The bottom of
the app layers: every other app may use it, it uses none.

An area is a tenant: its units, plans and users belong to it, and every query of a signed-in
page is scoped to one area (accounts/areas.py says which)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CollaborationAreaManager(models.Manager):
    DEFAULT_SLUG = "simba"

    def default(self):
        """SIMBA, the first area: where the shipped plan, the demo accounts and, when no area is
        named, commands put what they create."""
        area, _ = self.get_or_create(slug=self.DEFAULT_SLUG, defaults={"name": "SIMBA-området"})
        return area

    def create_with_unit(self, name: str, slug: str):
        """A new area with its own unit (kind "area"), which the municipalities' figures add up
        to; the municipalities are added after."""
        area = self.create(name=name, slug=slug)
        OrgUnit.objects.create(
            collaboration_area=area, name=name, code=slug.upper(), kind=OrgUnit.Kind.AREA
        )
        return area


class CollaborationArea(models.Model):
    """A samverkansområde: municipalities and the region's care following up a joint plan."""

    name = models.CharField(_("namn"), max_length=200, unique=True)
    slug = models.SlugField(
        _("kortnamn"),
        max_length=50,
        unique=True,
        help_text=_("Används i kommandon och adresser, t.ex. simba."),
    )

    objects = CollaborationAreaManager()

    class Meta:
        verbose_name = _("samverkansområde")
        verbose_name_plural = _("samverkansområden")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OrgUnitQuerySet(models.QuerySet):
    def in_area(self, area):
        """The units of one collaboration area (an area object or its id)."""
        return self.filter(collaboration_area=area)


class OrgUnit(models.Model):
    """The SIMBA area and its municipalities; a parent's counts are the sum of its children's."""

    class Kind(models.TextChoices):
        AREA = "area", _("Område")
        MUNICIPALITY = "municipality", _("Kommun")
        OTHER = "other", _("Annan verksamhet")

    collaboration_area = models.ForeignKey(
        CollaborationArea,
        verbose_name=_("samverkansområde"),
        on_delete=models.PROTECT,
        related_name="org_units",
    )
    name = models.CharField(_("namn"), max_length=200)
    code = models.CharField(_("kod"), max_length=20, help_text=_("Kommunkod, t.ex. 1440 för Ale."))
    kind = models.CharField(_("typ"), max_length=20, choices=Kind)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("ingår i"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )

    objects = OrgUnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisatorisk enhet")
        verbose_name_plural = _("organisatoriska enheter")
        ordering = ["kind", "name"]
        # Names and codes are unique within an area: URLs name a unit by its code, within the
        # area of the person asking.
        constraints = [
            models.UniqueConstraint(
                fields=["collaboration_area", "code"], name="org_unit_code_unique_in_area"
            ),
            models.UniqueConstraint(
                fields=["collaboration_area", "name"], name="org_unit_name_unique_in_area"
            ),
        ]

    def __str__(self) -> str:
        return self.name
