"""The process leader's analysis of a plan year, and the municipalities' comments per goal.

One row per plan year ("Året i korthet"), per focus area × year and per goal × year ("Analys",
"Nästa steg"), and per goal × year × municipality (a short comment). Rows are created on the
first save: `version` 0 means "nothing saved yet", so a form opened before someone else's first
save is refused like any other stale save. The report freezes these texts into its snapshot
(analysis/snapshot.py).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from organisation.models import OrgUnit
from plans.models import FocusArea, Goal, Plan

OVERALL_MAX = 3000
TEXT_MAX = 2000
COMMENT_MAX = 500

ANALYSIS_HELP = _(
    "Resultat: vad visar nyckeltalen jämfört med målvärdet och med förra året? "
    "Orsaker: varför blev det så? Bedömning: är ni på väg mot målet?"
)
NEXT_STEPS_HELP = _(
    "Vad görs härnäst, vem ansvarar och när ska det vara klart? Till exempel: ”Gemensam rutin "
    "för utskrivning tas fram. Ansvar: samordningsgruppen. Klart: juni 2027.”"
)


def _analysis_field():
    return models.TextField(_("analys"), blank=True, max_length=TEXT_MAX, help_text=ANALYSIS_HELP)


def _next_steps_field():
    return models.TextField(
        _("nästa steg"), blank=True, max_length=TEXT_MAX, help_text=NEXT_STEPS_HELP
    )


def _version_field():
    return models.PositiveIntegerField(_("version"), default=0)


class YearAnalysis(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="year_analyses")
    year = models.PositiveSmallIntegerField(_("år"))
    overall = models.TextField(
        _("året i korthet"),
        blank=True,
        max_length=OVERALL_MAX,
        help_text=_(
            "Tre korta stycken brukar räcka: hur planen går som helhet, vad som har uppnåtts "
            "under året och de viktigaste avvikelserna med orsak. Texten inleder rapporten och "
            "visas på bilden ”Året i korthet” för politiska samrådsgruppen."
        ),
    )
    version = _version_field()
    history = HistoricalRecords(verbose_name=_("historik för året i korthet"))

    class Meta:
        verbose_name = _("året i korthet")
        verbose_name_plural = _("året i korthet")
        constraints = [
            models.UniqueConstraint(fields=["plan", "year"], name="year_analysis_unique_year")
        ]

    def __str__(self) -> str:
        return f"Året i korthet {self.year}"


class FocusAreaAnalysis(models.Model):
    focus_area = models.ForeignKey(FocusArea, on_delete=models.CASCADE, related_name="analyses")
    year = models.PositiveSmallIntegerField(_("år"))
    analysis = _analysis_field()
    next_steps = _next_steps_field()
    version = _version_field()
    history = HistoricalRecords(verbose_name=_("historik för fokusområdets analys"))

    class Meta:
        verbose_name = _("analys av fokusområde")
        verbose_name_plural = _("analyser av fokusområden")
        constraints = [
            models.UniqueConstraint(
                fields=["focus_area", "year"], name="focus_area_analysis_unique_year"
            )
        ]

    def __str__(self) -> str:
        return f"Analys {self.year} av fokusområde {self.focus_area.number}"


class GoalAnalysis(models.Model):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="analyses")
    year = models.PositiveSmallIntegerField(_("år"))
    analysis = _analysis_field()
    next_steps = _next_steps_field()
    version = _version_field()
    history = HistoricalRecords(verbose_name=_("historik för målets analys"))

    class Meta:
        verbose_name = _("analys av mål")
        verbose_name_plural = _("analyser av mål")
        constraints = [
            models.UniqueConstraint(fields=["goal", "year"], name="goal_analysis_unique_year")
        ]

    def __str__(self) -> str:
        return f"Analys {self.year} av mål {self.goal.code}"


class UnitComment(models.Model):
    """An area group's short comment on a goal for its own municipality."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="unit_comments")
    year = models.PositiveSmallIntegerField(_("år"))
    org_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("kommun"), on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(
        _("kommentar"),
        blank=True,
        max_length=COMMENT_MAX,
        help_text=_(
            "Kort, högst 500 tecken: vad har påverkat resultatet i kommunen, och vad gör ni "
            "lokalt? Kommentaren visas i rapporten under målet."
        ),
    )
    version = _version_field()
    history = HistoricalRecords(verbose_name=_("historik för kommunens kommentar"))

    class Meta:
        verbose_name = _("kommunens kommentar")
        verbose_name_plural = _("kommunernas kommentarer")
        constraints = [
            models.UniqueConstraint(
                fields=["goal", "year", "org_unit"], name="unit_comment_unique_unit_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.org_unit} om mål {self.goal.code} {self.year}"
