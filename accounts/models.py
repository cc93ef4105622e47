"""Who a user is in SIMBA: their role and, for area groups, the municipality they report for."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Profile(models.Model):
    class Role(models.TextChoices):
        PROCESS_LEADER = "process_leader", _("Processledare")
        AREA_GROUP = "area_group", _("Närområdesgrupp")
        READER = "reader", _("Läsare (politiker, samordningsgrupp)")
        ADMIN = "admin", _("Administratör")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    role = models.CharField(_("roll"), max_length=20, choices=Role, default=Role.READER)
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
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"
