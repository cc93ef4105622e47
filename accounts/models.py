"""Who a user is: their role, the collaboration area they work in and, for area groups, the
municipality they report for."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class Profile(models.Model):
    class Role(models.TextChoices):
        PROCESS_LEADER = "process_leader", _("Processledare")
        AREA_GROUP = "area_group", _("Närområdesgrupp")
        READER = "reader", _("Läsare (politiker, samordningsgrupp)")
        ADMIN = "admin", _("Administratör")
        REGION_READER = "region_reader", _("Läsare för hela regionen")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    role = models.CharField(_("roll"), max_length=20, choices=Role, default=Role.READER)
    collaboration_area = models.ForeignKey(
        "organisation.CollaborationArea",
        verbose_name=_("samverkansområde"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="profiles",
        help_text=_(
            "Området användaren arbetar i. Tomt för administratörer och läsare för hela regionen, "
            "som når alla områden."
        ),
    )
    org_unit = models.ForeignKey(
        "organisation.OrgUnit",
        verbose_name=_("organisatorisk enhet"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("För närområdesgrupper: den kommun de rapporterar för."),
    )

    class Meta:
        verbose_name = _("profil")
        verbose_name_plural = _("profiler")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role="area_group") | models.Q(org_unit__isnull=False),
                name="profile_area_group_has_org_unit",
            ),
            # Everyone but the installation-wide roles belongs to exactly one area.
            models.CheckConstraint(
                condition=models.Q(role__in=["admin", "region_reader"])
                | models.Q(collaboration_area__isnull=False),
                name="profile_has_area_unless_region_wide",
                violation_error_message=_(
                    "Välj ett samverkansområde: bara administratörer och läsare för hela "
                    "regionen saknar ett."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"

    def clean(self):
        super().clean()
        if self.org_unit_id and self.org_unit.collaboration_area_id != self.collaboration_area_id:
            raise ValidationError(
                {"org_unit": _("Enheten hör inte till användarens samverkansområde.")}
            )
