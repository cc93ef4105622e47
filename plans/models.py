"""The plan's content: plan → focus area → goal → key figures and activities, and the groups
named in it. Follow-up (periods, values, reports) lives in `indicators`, which depends on this
app; organisational units live in `organisation`, which this app depends on.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from plans import targets
from plans.codes import sort_key


def _with_sort_key(item, save_kwargs: dict) -> dict:
    """Derive the sort key from the code before a save (also when only `code` is saved)."""
    item.sort_key = sort_key(item.code)
    fields = save_kwargs.get("update_fields")
    if fields is not None and "code" in fields:
        save_kwargs["update_fields"] = {*fields, "sort_key"}
    return save_kwargs


class Plan(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        ADOPTED = "adopted", _("Fastställd")
        ARCHIVED = "archived", _("Arkiverad")

    collaboration_area = models.ForeignKey(
        "organisation.CollaborationArea",
        verbose_name=_("samverkansområde"),
        on_delete=models.PROTECT,
        related_name="plans",
    )
    title = models.CharField(_("titel"), max_length=300)
    # The area as the document names it (text on the plan's pages); the tenant is the field above.
    area = models.CharField(_("område"), max_length=200, help_text=_("t.ex. SIMBA-området"))
    area_members = models.CharField(
        _("ingående kommuner"), max_length=300, blank=True, help_text=_("som planen skriver dem")
    )
    first_year = models.PositiveSmallIntegerField(_("första år"))
    last_year = models.PositiveSmallIntegerField(_("sista år"))
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)
    adopted_on = models.DateField(_("fastställd den"), null=True, blank=True)
    is_public = models.BooleanField(
        _("offentlig"), default=False, help_text=_("Kan läsas utan inloggning.")
    )
    history = HistoricalRecords(verbose_name=_("historik för handlingsplan"))

    class Meta:
        verbose_name = _("handlingsplan")
        verbose_name_plural = _("handlingsplaner")
        ordering = ["-first_year", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(last_year__gte=models.F("first_year")),
                name="plan_last_year_not_before_first",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.period_label}"

    @property
    def period_label(self) -> str:
        if self.first_year == self.last_year:
            return str(self.first_year)
        return f"{self.first_year}–{self.last_year}"

    @property
    def years(self) -> range:
        return range(self.first_year, self.last_year + 1)


class Actor(models.Model):
    """A group or role the plan names as responsible, follower-up or recipient.

    Kept as its own record because the same group is named under many activities. The name is
    the plan's own wording, so the plan page reads as the document does.
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="actors")
    name = models.CharField(_("namn"), max_length=300)
    org_unit = models.ForeignKey(
        "organisation.OrgUnit",
        verbose_name=_("organisatorisk enhet"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        help_text=_("Om gruppen hör till en kommun, t.ex. en närområdesgrupp."),
    )
    history = HistoricalRecords(verbose_name=_("historik för aktör"))

    class Meta:
        verbose_name = _("aktör")
        verbose_name_plural = _("aktörer (ansvariga grupper och roller)")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "name"], name="actor_unique_name_per_plan")
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        super().clean()
        other_area = (
            self.org_unit_id
            and self.plan_id
            and self.org_unit.collaboration_area_id != self.plan.collaboration_area_id
        )
        if other_area:
            raise ValidationError(
                {"org_unit": _("Enheten hör till ett annat samverkansområde än planen.")}
            )


class FocusArea(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="focus_areas")
    number = models.PositiveSmallIntegerField(_("nummer"))
    title = models.CharField(_("rubrik"), max_length=300)
    version = models.PositiveIntegerField(_("version"), default=1)
    history = HistoricalRecords(verbose_name=_("historik för fokusområde"))

    class Meta:
        verbose_name = _("fokusområde")
        verbose_name_plural = _("fokusområden")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"], name="focus_area_unique_number_per_plan"
            )
        ]

    def __str__(self) -> str:
        return f"Fokusområde {self.number}: {self.title}"


class Goal(models.Model):
    focus_area = models.ForeignKey(FocusArea, on_delete=models.CASCADE, related_name="goals")
    code = models.CharField(
        _("nummer"), max_length=20, help_text=_("Som planen skriver det, t.ex. 1:1 eller 3.1.")
    )
    sort_key = models.CharField(max_length=60, editable=False, db_index=True)
    title = models.CharField(_("rubrik"), max_length=300)
    background = models.TextField(
        _("bakgrund"), blank=True, help_text=_("Stycken skiljs åt med en tom rad.")
    )
    shares_with = models.ForeignKey(
        "self",
        verbose_name=_("se mål"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="shared_by",
        help_text=_('Målet följs upp med ett annat måls nyckeltal och aktiviteter ("Se mål 2:2").'),
    )
    measurement_method = models.TextField(
        _("mätmetod"), blank=True, help_text=_("Mätmetod (vid behov av definition).")
    )
    reporting = models.TextField(
        _("redovisning"), blank=True, help_text=_("Till vem och hur ofta nyckeltalen redovisas.")
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    history = HistoricalRecords(verbose_name=_("historik för mål"))

    class Meta:
        verbose_name = _("mål")
        verbose_name_plural = _("mål")
        ordering = ["focus_area", "sort_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["focus_area", "code"], name="goal_unique_code_per_focus_area"
            )
        ]

    def __str__(self) -> str:
        return f"Mål {self.code} {self.title}"

    def save(self, *args, **kwargs):
        super().save(*args, **_with_sort_key(self, kwargs))

    @property
    def background_paragraphs(self) -> list[str]:
        return [p.strip() for p in self.background.split("\n\n") if p.strip()]


class Activity(models.Model):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="activities")
    code = models.CharField(_("nummer"), max_length=20, help_text=_("t.ex. 2:2:4"))
    sort_key = models.CharField(max_length=60, editable=False, db_index=True)
    text = models.TextField(_("aktivitet"))
    responsible = models.ManyToManyField(
        Actor,
        through="Responsibility",
        verbose_name=_("ansvar"),
        related_name="activities",
        blank=True,
    )
    follow_up = models.TextField(
        _("uppföljning"), blank=True, help_text=_("Vem som följer upp och hur, som planen skriver.")
    )
    followed_up_by = models.ForeignKey(
        Actor,
        verbose_name=_("följs upp av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="followed_up_activities",
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    history = HistoricalRecords(verbose_name=_("historik för aktivitet"))

    class Meta:
        verbose_name = _("aktivitet")
        verbose_name_plural = _("aktiviteter")
        ordering = ["goal", "sort_key"]
        constraints = [
            models.UniqueConstraint(fields=["goal", "code"], name="activity_unique_code_per_goal")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.text[:60]}"

    def save(self, *args, **kwargs):
        super().save(*args, **_with_sort_key(self, kwargs))


class Responsibility(models.Model):
    """An actor named under an activity's "Ansvar", in the plan's order."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="responsibilities"
    )
    actor = models.ForeignKey(Actor, verbose_name=_("aktör"), on_delete=models.PROTECT)
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)
    history = HistoricalRecords(verbose_name=_("historik för ansvar"))

    class Meta:
        verbose_name = _("ansvar")
        verbose_name_plural = _("ansvar")
        ordering = ["activity", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "actor"], name="responsibility_unique_actor_per_activity"
            )
        ]

    def __str__(self) -> str:
        return f"{self.activity.code}: {self.actor}"


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
        SUM = targets.YearBasis.SUM, _("Summa av årets perioder")
        FRACTION = targets.YearBasis.FRACTION, _("Årets täljare delat med årets nämnare")
        LAST = targets.YearBasis.LAST, _("Sista periodens värde")
        AS_OF = targets.YearBasis.AS_OF, _("Värdet per ett datum (senaste 12 månaderna)")

    class ReportingFrequency(models.TextChoices):
        YEARLY = "yearly", _("en gång/år")
        AT_LEAST_YEARLY = "at_least_yearly", _("minst en gång/år")

    goal = models.ForeignKey(
        Goal, verbose_name=_("mål"), on_delete=models.CASCADE, related_name="key_figures"
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
        Actor,
        verbose_name=_("följs upp av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="followed_up_key_figures",
    )
    reported_to = models.ManyToManyField(
        Actor,
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
        return targets.default_basis(self.value_kind, self.has_fraction, self.frequency)

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


class PlanContentVersion(models.Model):
    """The plan's content version, which the database moves with every change of the plan's
    content (plans/content_version.py); never written from Python."""

    plan = models.OneToOneField(Plan, on_delete=models.CASCADE, primary_key=True, related_name="+")
    version = models.BigIntegerField()

    class Meta:
        verbose_name = _("innehållsversion")
        verbose_name_plural = _("innehållsversioner")

    def __str__(self) -> str:
        return f"{self.plan_id}: {self.version}"
