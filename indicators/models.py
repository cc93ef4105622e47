"""Follow-up: reporting periods, values, reports (submissions) and activity follow-up.

Key figures are plan content (`plans.models.KeyFigure`); units are `organisation.models.OrgUnit`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from organisation.models import OrgUnit
from plans import targets
from plans.models import KeyFigure


class Period(models.Model):
    """A reporting period of a plan, derived from key figures' frequencies (indicators/periods.py).

    Stored because values, submissions and deadlines refer to it; the process leader may move a
    deadline.
    """

    plan = models.ForeignKey(
        "plans.Plan", verbose_name=_("plan"), on_delete=models.CASCADE, related_name="periods"
    )
    kind = models.CharField(_("periodtyp"), max_length=20, choices=KeyFigure.Frequency)
    start = models.DateField(_("från och med"))
    end = models.DateField(_("till och med"))
    deadline = models.DateField(_("sista dag att rapportera"))

    class Meta:
        verbose_name = _("period")
        verbose_name_plural = _("perioder")
        ordering = ["plan", "start", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "kind", "start"], name="period_unique_kind_start_per_plan"
            ),
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="period_end_not_before_start"
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        from indicators.periods import period_label

        return period_label(self.kind, self.start, self.end)


class Value(models.Model):
    """One key figure's outcome (utfall) for one unit and one period."""

    key_figure = models.ForeignKey(
        KeyFigure, verbose_name=_("nyckeltal"), on_delete=models.PROTECT, related_name="values"
    )
    org_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("enhet"), on_delete=models.PROTECT, related_name="values"
    )
    period = models.ForeignKey(
        Period, verbose_name=_("period"), on_delete=models.PROTECT, related_name="values"
    )
    number = models.DecimalField(_("värde"), max_digits=14, decimal_places=4, null=True, blank=True)
    numerator = models.DecimalField(
        _("täljare"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    denominator = models.DecimalField(
        _("nämnare"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    yes_no = models.BooleanField(_("ja/nej"), null=True, blank=True)
    text = models.TextField(_("text"), blank=True)
    not_available = models.BooleanField(_("uppgift kan inte lämnas"), default=False)
    not_available_reason = models.CharField(
        _("orsak till att uppgiften inte kan lämnas"), max_length=500, blank=True
    )
    comment = models.TextField(_("kommentar"), blank=True)
    explanation = models.TextField(
        _("förklaring"), blank=True, help_text=_("Krävs när målvärdet inte nås.")
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_by = models.ForeignKey(
        "auth.User", verbose_name=_("ändrad av"), on_delete=models.SET_NULL, null=True, blank=True
    )
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)
    history = HistoricalRecords(verbose_name=_("historik för värde"))

    class Meta:
        verbose_name = _("värde")
        verbose_name_plural = _("värden")
        constraints = [
            models.UniqueConstraint(
                fields=["key_figure", "org_unit", "period"],
                name="value_unique_per_figure_unit_period",
            ),
            models.CheckConstraint(
                condition=models.Q(not_available=False) | ~models.Q(not_available_reason=""),
                name="value_not_available_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key_figure} – {self.org_unit} – {self.period}"

    @property
    def raw(self):
        """The value in the form the target rules take: a number, a bool, a text or None."""
        if self.not_available:
            return None
        kind = self.key_figure.value_kind
        if kind == targets.ValueKind.YES_NO:
            return self.yes_no
        if kind == targets.ValueKind.TEXT:
            return self.text or None
        if self.number is None and self.numerator is not None and self.denominator:
            return self.numerator * 100 / self.denominator
        return self.number


class Submission(models.Model):
    """A unit's report for a period: draft → submitted → approved (locked) or returned."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        SUBMITTED = "submitted", _("Inskickad")
        APPROVED = "approved", _("Godkänd")
        RETURNED = "returned", _("Återsänd")

    org_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("enhet"), on_delete=models.PROTECT, related_name="submissions"
    )
    period = models.ForeignKey(
        Period, verbose_name=_("period"), on_delete=models.PROTECT, related_name="submissions"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)
    return_reason = models.TextField(_("skäl till återsändning"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)
    reminded_for = models.DateField(
        _("påmind inför sista dag"),
        null=True,
        blank=True,
        help_text=_("Sista dagen som en påminnelse redan skickats inför (en per sista dag)."),
    )

    class Meta:
        verbose_name = _("inrapportering")
        verbose_name_plural = _("inrapporteringar")
        constraints = [
            models.UniqueConstraint(
                fields=["org_unit", "period"], name="submission_unique_per_unit_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.org_unit} – {self.period} ({self.get_status_display()})"


class SubmissionEvent(models.Model):
    """Append-only log of a submission's transitions: who, when, from what to what, why."""

    submission = models.ForeignKey(
        Submission,
        verbose_name=_("inrapportering"),
        on_delete=models.CASCADE,
        related_name="events",
    )
    from_status = models.CharField(_("från"), max_length=10, choices=Submission.Status, blank=True)
    to_status = models.CharField(_("till"), max_length=10, choices=Submission.Status)
    reason = models.TextField(_("skäl"), blank=True)
    by = models.ForeignKey(
        "auth.User", verbose_name=_("av"), on_delete=models.SET_NULL, null=True, blank=True
    )
    at = models.DateTimeField(_("tidpunkt"), auto_now_add=True)

    class Meta:
        verbose_name = _("händelse i inrapportering")
        verbose_name_plural = _("händelser i inrapporteringar")
        ordering = ["submission", "at", "id"]

    def __str__(self) -> str:
        return f"{self.submission}: {self.from_status} → {self.to_status}"


class ActivityFollowUp(models.Model):
    """An activity's status and a short comment for a period (and a unit, where relevant)."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Ej påbörjad")
        IN_PROGRESS = "in_progress", _("Pågår")
        DONE = "done", _("Klar")
        PAUSED = "paused", _("Pausad")
        CANCELLED = "cancelled", _("Inställd")

    activity = models.ForeignKey(
        "plans.Activity",
        verbose_name=_("aktivitet"),
        on_delete=models.PROTECT,
        related_name="follow_ups",
    )
    period = models.ForeignKey(
        Period,
        verbose_name=_("period"),
        on_delete=models.PROTECT,
        related_name="activity_follow_ups",
    )
    org_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("enhet"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("Tom när uppföljningen gäller hela området."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.NOT_STARTED
    )
    comment = models.TextField(_("kommentar"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_by = models.ForeignKey(
        "auth.User", verbose_name=_("ändrad av"), on_delete=models.SET_NULL, null=True, blank=True
    )
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)
    history = HistoricalRecords(verbose_name=_("historik för aktivitetsuppföljning"))

    class Meta:
        verbose_name = _("aktivitetsuppföljning")
        verbose_name_plural = _("aktivitetsuppföljningar")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "period", "org_unit"],
                name="activity_follow_up_unique_per_period_unit",
                nulls_distinct=False,
            )
        ]

    def __str__(self) -> str:
        return f"{self.activity.code} – {self.period}: {self.get_status_display()}"
