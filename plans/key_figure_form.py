"""The key figure editor form: the structured target and how the figure is reported."""

from django import forms

from plans import targets
from plans.forms import VersionedForm
from plans.models import Actor, KeyFigure

KF = KeyFigure


class KeyFigureForm(VersionedForm):
    target_threshold = forms.DecimalField(
        label="Gränsvärde", required=False, localize=True, max_digits=12, decimal_places=2,
        help_text="Ett tal, t.ex. 70 eller 1,0.",
        error_messages={"invalid": "Skriv gränsvärdet som ett tal, t.ex. 70 eller 1,0."},
    )  # fmt: skip
    new_recipients = forms.CharField(
        label="Fler mottagare",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Grupper som inte finns i listan ovan, en per rad. De läggs till i planen.",
    )
    fieldsets = [
        ("Målvärde", ["target_kind", "target_operator", "target_threshold", "target_direction",
                      "target_note"]),
        ("Värde och mätning", ["value_kind", "has_fraction", "frequency", "year_basis",
                               "as_of_day", "as_of_month", "data_source", "measurement_method"]),
        ("Redovisning", ["reporting_level", "followed_up_by", "reported_to",
                         "new_recipients", "reporting_frequency", "note"]),
    ]  # fmt: skip

    class Meta:
        model = KeyFigure
        fields = [
            "name", "code", "plan_text", "target_kind", "target_operator", "target_threshold",
            "target_direction", "target_note", "value_kind", "has_fraction", "frequency",
            "year_basis", "as_of_day", "as_of_month", "data_source", "measurement_method",
            "reporting_level", "followed_up_by", "reported_to", "reporting_frequency", "note",
        ]  # fmt: skip
        widgets = {
            "target_kind": forms.RadioSelect,
            "reported_to": forms.CheckboxSelectMultiple,
            "plan_text": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {
            "name": "Nyckeltal",
            "note": "Fotnot",
            "reporting_frequency": "Redovisas hur ofta",
            "year_basis": "Årsvärde bildas som",
        }
        help_texts = {
            "code": "Valfritt. Behålls som du skriver det.",
            "plan_text": "Nyckeltalet som planen skriver det, om det skiljer sig från namnet.",
            "as_of_day": "Bara för ”senaste 12 månaderna per ett datum”, t.ex. 1.",
            "as_of_month": "Bara för ”senaste 12 månaderna per ett datum”, t.ex. 12 för december.",
        }
        error_messages = {"name": {"required": "Skriv nyckeltalets namn."}}

    def __init__(self, *args, goal, **kwargs):
        self.goal = goal
        super().__init__(*args, **kwargs)
        actors = Actor.objects.filter(plan_id=goal.focus_area.plan_id)
        self.fields["followed_up_by"].queryset = actors
        self.fields["followed_up_by"].empty_label = "(ingen vald)"
        self.fields["reported_to"].queryset = actors
        self.fields["target_operator"].choices = [("", "(välj)"), *KF.Operator.choices]
        self.fields["target_direction"].choices = [("", "(välj)"), *KF.Direction.choices]
        self.fields["year_basis"].choices = [
            ("", "(standard efter typ av värde och mätperiod)"),
            *KF.YearBasis.choices,
        ]

    def clean_new_recipients(self):
        lines = self.cleaned_data["new_recipients"].splitlines()
        names = [" ".join(line.split()) for line in lines if line.strip()]
        if any(len(name) > 300 for name in names):
            raise forms.ValidationError("Ett namn får vara högst 300 tecken långt.")
        return names

    def _save_m2m(self):
        super()._save_m2m()
        for name in self.cleaned_data.get("new_recipients", []):
            actor, _ = Actor.objects.get_or_create(plan_id=self.goal.focus_area.plan_id, name=name)
            self.instance.reported_to.add(actor)

    def clean(self):
        data = super().clean()
        kind = data.get("target_kind")
        if kind == KF.TargetKind.COMPARISON:
            self._clean_comparison(data)
        elif kind == KF.TargetKind.DIRECTION:
            if not data.get("target_direction"):
                self.add_error("target_direction", "Välj om värdet ska öka eller minska.")
            data["target_operator"], data["target_threshold"] = "", None
        else:
            data["target_operator"], data["target_threshold"], data["target_direction"] = (
                "", None, "",
            )  # fmt: skip
        self._clean_as_of(data)
        self._clean_year_basis(data)
        return data

    def _clean_year_basis(self, data):
        basis, kind = data.get("year_basis"), data.get("value_kind")
        if basis == KF.YearBasis.FRACTION and not (
            kind == KF.ValueKind.PERCENTAGE and data.get("has_fraction")
        ):
            self.add_error(
                "year_basis", "Täljare delat med nämnare går bara för andelar som redovisas med "
                "täljare och nämnare.",
            )  # fmt: skip
        elif basis == KF.YearBasis.SUM and kind not in (KF.ValueKind.COUNT,):
            self.add_error("year_basis", "Bara antal kan summeras över året.")
        elif (
            basis == KF.YearBasis.AS_OF and data.get("frequency") != KF.Frequency.ROLLING_12_MONTHS
        ):
            self.add_error(
                "year_basis", "”Värdet per ett datum” kräver mätperioden ”senaste 12 månaderna "
                "per ett datum”.",
            )  # fmt: skip
        if not basis and kind:
            data["year_basis"] = targets.default_basis(
                kind, data.get("has_fraction"), data.get("frequency")
            )

    def _clean_comparison(self, data):
        data["target_direction"] = ""
        value_kind, threshold = data.get("value_kind"), data.get("target_threshold")
        if value_kind == KF.ValueKind.TEXT:
            self.add_error(
                "target_kind", "Ett textvärde kan inte jämföras med ett gränsvärde. Välj "
                "”Inget målvärde” eller en annan typ av värde.",
            )  # fmt: skip
            return
        if value_kind == KF.ValueKind.YES_NO:
            data["target_operator"] = KF.Operator.EQ
            if threshold not in (0, 1):
                self.add_error("target_threshold", "För ja/nej: skriv 1 för ja eller 0 för nej.")
            return
        if not data.get("target_operator"):
            self.add_error("target_operator", "Välj jämförelse, t.ex. ≥ för ”minst”.")
        if threshold is None:
            if "target_threshold" not in self.errors:
                self.add_error("target_threshold", "Skriv ett gränsvärde, t.ex. 70.")
        elif value_kind == KF.ValueKind.PERCENTAGE and not 0 <= threshold <= 100:
            self.add_error("target_threshold", "En andel ligger mellan 0 och 100 %.")
        elif threshold < 0:
            self.add_error("target_threshold", "Gränsvärdet kan inte vara negativt.")

    def _clean_as_of(self, data):
        if data.get("frequency") != KF.Frequency.ROLLING_12_MONTHS:
            data["as_of_day"] = data["as_of_month"] = None
            return
        month, day = data.get("as_of_month"), data.get("as_of_day")
        if not month or not 1 <= month <= 12:
            self.add_error("as_of_month", "Ange månaden som ett tal 1–12, t.ex. 12 för december.")
        if not day or not 1 <= day <= 31:
            self.add_error("as_of_day", "Ange dagen som ett tal 1–31, t.ex. 1.")
