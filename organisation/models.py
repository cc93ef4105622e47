"""The organisational units that report and are reported on: the SIMBA area and its
municipalities. The bottom of the app layers: every other app may use it, it uses none."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrgUnit(models.Model):
    """The SIMBA area and its municipalities; a parent's counts are the sum of its children's."""

    class Kind(models.TextChoices):
        AREA = "area", _("Område")
        MUNICIPALITY = "municipality", _("Kommun")
        OTHER = "other", _("Annan verksamhet")

    name = models.CharField(_("namn"), max_length=200, unique=True)
    code = models.CharField(
        _("kod"), max_length=20, unique=True, help_text=_("Kommunkod, t.ex. 1440 för Ale.")
    )
    kind = models.CharField(_("typ"), max_length=20, choices=Kind)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("ingår i"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )

    class Meta:
        verbose_name = _("organisatorisk enhet")
        verbose_name_plural = _("organisatoriska enheter")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name
