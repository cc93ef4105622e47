"""Key figures (nyckeltal) with their targets, and the organisational units they report for."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from indicators import outcomes, targets


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


class KeyFigure(models.Model):
    class ValueKind(models.TextChoices):
        COUNT = targets.ValueKind.COUNT, _("Antal")
        PERCENTAGE = targets.ValueKind.PERCENTAGE, _("Andel (%)")
        DAYS = targets.ValueKind.DAYS, _("Dygn")
        YES_NO = targets.ValueKind.YES_NO, _("Ja/nej")
        TEXT = targets.ValueKind.TEXT, _("Text")

    class TargetKind(models.TextChoices):
        NONE = targets.TargetKind.NONE, _("Inget målvärde")
        COMPARISON = targets.TargetKind.COMPARISON, _("Jämförelse med ett gränsvärde")
        DIRECTION = targets.TargetKind.DIRECTION, _("Riktning jämfört med föregående period")

    class Operator(models.TextChoices):
        LT = targets.Operator.LT, "<"
        LTE = targets.Operator.LTE, "≤"
        GT = targets.Operator.GT, ">"
        GTE = targets.Operator.GTE, "≥"
        EQ = targets.Operator.EQ, "="

    class Direction(models.TextChoices):
        INCREASE = targets.Direction.INCREASE, _("Ska öka")
        DECREASE = targets.Direction.DECREASE, _("Ska minska")

    class ReportingLevel(models.TextChoices):
        MUNICIPALITY = "municipality", _("Per kommun")
        AREA = "area", _("Hela området")
        BOTH = "both", _("Per kommun och för hela området")

    class Frequency(models.TextChoices):
        YEAR = "year", _("År")
        HALF_YEAR = "half_year", _("Halvår")
        MONTH = "month", _("Månad")
        ROLLING_12_MONTHS = "rolling_12_months", _("Senaste 12 månaderna per ett datum")

    class YearBasis(models.TextChoices):
        SUM = outcomes.YearBasis.SUM, _("Summa av årets perioder")
        FRACTION = outcomes.YearBasis.FRACTION, _("Årets täljare delat med årets nämnare")
        LAST = outcomes.YearBasis.LAST, _("Sista periodens värde")
        AS_OF = outcomes.YearBasis.AS_OF, _("Värdet per ett datum (senaste 12 månaderna)")

    class ReportingFrequency(models.TextChoices):
        YEARLY = "yearly", _("en gång/år")
        AT_LEAST_YEARLY = "at_least_yearly", _("minst en gång/år")

    goal = models.ForeignKey(
        "plans.Goal", verbose_name=_("mål"), on_delete=models.CASCADE, related_name="key_figures"
    )
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)
    code = models.CharField(
        _("nummer"), max_length=20, blank=True, help_text=_("Om planen numrerar nyckeltalet.")
    )
    name = models.CharField(_("namn"), max_length=400)
    plan_text = models.TextField(
        _("lydelse i planen"), blank=True, help_text=_("Nyckeltalet som planen skriver det.")
    )
    value_kind = models.CharField(
        _("typ av värde"), max_length=20, choices=ValueKind, default=targets.ValueKind.COUNT
    )
    has_fraction = models.BooleanField(
        _("redovisas med täljare och nämnare"),
        default=False,
        help_text=_("Andelar som kan räknas samman för hela området."),
    )
    target_kind = models.CharField(
        _("typ av mål"), max_length=20, choices=TargetKind, default=targets.TargetKind.NONE
    )
    target_operator = models.CharField(_("jämförelse"), max_length=3, choices=Operator, blank=True)
    target_threshold = models.DecimalField(
        _("gränsvärde"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    target_direction = models.CharField(_("riktning"), max_length=10, choices=Direction, blank=True)
    target_note = models.CharField(
        _("tillägg till målet"),
        max_length=300,
        blank=True,
        help_text=_("t.ex. ”av de palliativa patienterna +75 år”"),
    )
    reporting_level = models.CharField(
        _("redovisas för"), max_length=20, choices=ReportingLevel, default=ReportingLevel.BOTH
    )
    frequency = models.CharField(
        _("mätperiod"), max_length=20, choices=Frequency, default=Frequency.YEAR
    )
    year_basis = models.CharField(
        _("årsvärde"),
        max_length=10,
        choices=YearBasis,
        blank=True,
        help_text=_(
            "Hur årets värde bildas av periodernas värden. Tomt: antal summeras, andelar med "
            "täljare och nämnare räknas om, ”senaste 12 månaderna” tar värdet per datumet, "
            "övriga tar sista perioden."
        ),
    )
    as_of_month = models.PositiveSmallIntegerField(
        _("per månad"), null=True, blank=True, help_text=_("För ”senaste 12 månaderna per …”.")
    )
    as_of_day = models.PositiveSmallIntegerField(_("per dag"), null=True, blank=True)
    data_source = models.CharField(
        _("datakälla"), max_length=200, blank=True, help_text=_("t.ex. SAMSA, MedControlPro")
    )
    measurement_method = models.TextField(_("mätmetod"), blank=True)
    note = models.TextField(_("fotnot"), blank=True)
    followed_up_by = models.ForeignKey(
        "plans.Actor",
        verbose_name=_("följs upp av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="followed_up_key_figures",
    )
    reported_to = models.ManyToManyField(
        "plans.Actor",
        verbose_name=_("redovisas till"),
        related_name="reported_key_figures",
        blank=True,
    )
    reporting_frequency = models.CharField(
        _("redovisas"),
        max_length=20,
        choices=ReportingFrequency,
        default=ReportingFrequency.AT_LEAST_YEARLY,
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    history = HistoricalRecords(verbose_name=_("historik för nyckeltal"), m2m_fields=[reported_to])

    class Meta:
        verbose_name = _("nyckeltal")
        verbose_name_plural = _("nyckeltal")
        ordering = ["goal", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(target_kind="comparison")
                | (models.Q(target_threshold__isnull=False) & ~models.Q(target_operator="")),
                name="key_figure_comparison_has_operator_and_threshold",
            ),
            models.CheckConstraint(
                condition=~models.Q(target_kind="direction") | ~models.Q(target_direction=""),
                name="key_figure_direction_target_has_direction",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}".strip()

    def save(self, *args, **kwargs):
        if not self.year_basis:
            self.year_basis = self.default_year_basis
        super().save(*args, **kwargs)

    @property
    def default_year_basis(self) -> str:
        return outcomes.default_basis(self.value_kind, self.has_fraction, self.frequency)

    @property
    def target(self) -> targets.Target:
        return targets.Target(
            kind=self.target_kind,
            value_kind=self.value_kind,
            operator=self.target_operator or None,
            threshold=self.target_threshold,
            direction=self.target_direction or None,
            note=self.target_note,
        )

    @property
    def target_label(self) -> str:
        return self.target.describe()

    @property
    def unit(self) -> str:
        return targets.UNITS[targets.ValueKind(self.value_kind)]

    def evaluate(self, value, previous=None) -> targets.Evaluation:
        return self.target.evaluate(value, previous)


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
