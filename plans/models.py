"""The plan's structure: plan → focus area → goal → activity, and the groups named in it.

Key figures, organisational units and follow-up live in `indicators`, which depends on this app.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

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

    title = models.CharField(_("titel"), max_length=300)
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
        "indicators.OrgUnit",
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
