"""Key figures (nyckeltal) with their targets, and the organisational units they report for."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from indicators import targets


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
