"""Yearly reports: one row per ordered report, its job state, its frozen snapshot and its file.

The snapshot (reports/snapshot.py) is taken when the report is ordered and never changes, so a
published report always shows the data it was built from, however values are corrected later.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def report_file_name(instance, filename: str) -> str:
    """Unguessable: the name says nothing of plan, year or audience, and cannot be enumerated."""
    return f"reports/{secrets.token_urlsafe(24)}.pdf"


def slides_file_name(instance, filename: str) -> str:
    return f"reports/{secrets.token_urlsafe(24)}.pptx"


class Report(models.Model):
    class Audience(models.TextChoices):
        COORDINATION_GROUP = "samordningsgruppen", _("Samordningsgruppen")
        POLITICAL_GROUP = "politiska_samradsgruppen", _("Politiska samrådsgruppen")

    class Kind(models.TextChoices):
        """The full report (samordningsgruppen) or the meeting deck (politiska samrådsgruppen)."""

        REPORT = "report", _("Fullständig rapport")
        DECK = "deck", _("Presentation")

    class Status(models.TextChoices):
        QUEUED = "queued", _("I kö")
        RUNNING = "running", _("Skapas")
        DONE = "done", _("Klar")
        FAILED = "failed", _("Misslyckades")

    plan = models.ForeignKey(
        "plans.Plan", verbose_name=_("plan"), on_delete=models.PROTECT, related_name="reports"
    )
    year = models.PositiveSmallIntegerField(_("år"))
    audience = models.CharField(_("mottagare"), max_length=30, choices=Audience)
    kind = models.CharField(_("slag"), max_length=10, choices=Kind, default=Kind.REPORT)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.QUEUED)
    error = models.TextField(_("orsak till felet"), blank=True)
    error_detail = models.TextField(_("teknisk felbeskrivning"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beställd av"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("beställd"), auto_now_add=True)
    queued_at = models.DateTimeField(
        _("lagd i kö"), default=timezone.now, help_text=_("Vid beställning och vid nytt försök.")
    )
    started_at = models.DateTimeField(_("påbörjad"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klar"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(
        _("senaste livstecken"),
        null=True,
        blank=True,
        help_text=_("Jobbet skriver tiden med jämna mellanrum medan det körs."),
    )
    snapshot = models.JSONField(_("underlag"))
    fingerprint = models.CharField(_("fingeravtryck för underlaget"), max_length=64, db_index=True)
    file = models.FileField(_("fil"), upload_to=report_file_name, blank=True)
    checksum = models.CharField(_("kontrollsumma (SHA-256)"), max_length=64, blank=True)
    # The deck's PowerPoint version, rendered by the same job from the same snapshot as its PDF.
    slides = models.FileField(_("PowerPoint-fil"), upload_to=slides_file_name, blank=True)
    size = models.PositiveIntegerField(_("storlek i byte"), null=True, blank=True)
    published_at = models.DateTimeField(_("publicerad"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("publicerad av"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("rapport")
        verbose_name_plural = _("rapporter")
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(published_at__isnull=True) | models.Q(status="done"),
                name="report_published_only_when_done",
            ),
        ]

    def __str__(self) -> str:
        what = "Presentation" if self.is_deck else "Årsrapport"
        return f"{what} {self.year} till {self.get_audience_display().lower()} ({self.pk})"

    @property
    def is_deck(self) -> bool:
        return self.kind == self.Kind.DECK

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def download_name(self) -> str:
        audience = (
            "politiska-samradsgruppen"
            if self.audience == "politiska_samradsgruppen"
            else ("samordningsgruppen")
        )
        what = "presentation" if self.is_deck else "arsrapport"
        return f"SIMBA-{what}-{self.year}-{audience}-{self.pk}.pdf"

    @property
    def slides_download_name(self) -> str:
        return self.download_name.removesuffix(".pdf") + ".pptx"


class ReportEvent(models.Model):
    """Append-only log: ordered, started, done, failed, retried, reused, published."""

    class Action(models.TextChoices):
        ORDERED = "ordered", _("Beställd")
        REUSED = "reused", _("Beställd igen, oförändrat underlag: sparad fil används")
        STARTED = "started", _("Påbörjad")
        DONE = "done", _("Klar")
        FAILED = "failed", _("Misslyckades")
        RETRIED = "retried", _("Nytt försök")
        PUBLISHED = "published", _("Publicerad")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("händelse"), max_length=12, choices=Action)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("tidpunkt"), auto_now_add=True)
    note = models.TextField(_("anteckning"), blank=True)

    class Meta:
        verbose_name = _("händelse för rapport")
        verbose_name_plural = _("händelser för rapporter")
        ordering = ["report", "at", "id"]

    def __str__(self) -> str:
        return f"{self.report}: {self.get_action_display()}"


def _remove_file(sender, instance, **kwargs):
    """A deleted report takes its file with it (as pretix does)."""
    for stored in (instance.file, instance.slides):
        if stored:
            stored.delete(save=False)


models.signals.post_delete.connect(_remove_file, sender=Report, dispatch_uid="report_remove_file")
