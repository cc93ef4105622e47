"""What the process leader has made public under /insyn/, and the log of every such decision.

Public pages and open data are built only from the frozen snapshot of a published report
(`reports.Report`), never from live tables: a `Publication` says which report is public for a
plan and year, and which of its comments may be shown.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Publication(models.Model):
    plan = models.ForeignKey(
        "plans.Plan", verbose_name=_("plan"), on_delete=models.CASCADE,
        related_name="publications",
    )  # fmt: skip
    year = models.PositiveSmallIntegerField(_("år"))
    report = models.ForeignKey(
        "reports.Report", verbose_name=_("rapport"), on_delete=models.PROTECT,
        related_name="publications",
    )  # fmt: skip
    is_public = models.BooleanField(_("visas för allmänheten"), default=True)
    public_comments = models.JSONField(
        _("offentliga kommentarer"), default=list, blank=True,
        help_text=_("Nycklar för de kommentarer i rapportens underlag som får visas."),
    )  # fmt: skip
    changed_at = models.DateTimeField(_("ändrad"), auto_now=True)

    class Meta:
        verbose_name = _("publicering")
        verbose_name_plural = _("publiceringar")
        ordering = ["plan", "year"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "year"], name="publication_one_per_plan_year")
        ]

    def __str__(self) -> str:
        state = "offentlig" if self.is_public else "tillbakadragen"
        return f"{self.plan} – {self.year} ({state})"


class PublicationEvent(models.Model):
    """Append-only log: who made what public or withdrew it, and when."""

    class Action(models.TextChoices):
        PLAN_PUBLIC = "plan_public", _("Planen visas för allmänheten")
        PLAN_HIDDEN = "plan_hidden", _("Planen visas inte längre för allmänheten")
        PUBLISHED = "published", _("Året publicerat")
        WITHDRAWN = "withdrawn", _("Året tillbakadraget")
        COMMENTS = "comments", _("Offentliga kommentarer ändrade")

    plan = models.ForeignKey(
        "plans.Plan", on_delete=models.CASCADE, related_name="publication_events"
    )
    year = models.PositiveSmallIntegerField(_("år"), null=True, blank=True)
    report = models.ForeignKey(
        "reports.Report", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.CharField(_("händelse"), max_length=12, choices=Action)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("av"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    at = models.DateTimeField(_("tidpunkt"), auto_now_add=True, db_index=True)
    note = models.TextField(_("anteckning"), blank=True)

    class Meta:
        verbose_name = _("händelse för publicering")
        verbose_name_plural = _("händelser för publicering")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.plan}: {self.get_action_display()}"
