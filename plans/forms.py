"""Editor forms. Messages in Swedish that say what to fix; bad input changes nothing."""

from django import forms
from django.utils import timezone

from plans import numbering
from plans.codes import code_parts
from plans.models import Activity, Actor, FocusArea, Goal


class VersionedForm(forms.ModelForm):
    """Carries the version the user started from, so a stale save can be refused."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    fieldsets: list[tuple[str, list[str]]] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        for primary in ("title", "text", "name"):
            if primary in self.fields:  # where the keyboard lands when the form opens
                self.fields[primary].widget.attrs["data-primary"] = ""
                break
        for name, field in self.fields.items():
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs["rows"] = 6 if name == "background" else 3

    def grouped(self):
        """Fields in fieldsets (legend, bound fields); ungrouped fields first."""
        grouped = {n for _, names in self.fieldsets for n in names}
        first = [self[n] for n in self.fields if n not in grouped and n != "version"]
        return [("", first)] + [
            (legend, [self[n] for n in names]) for legend, names in self.fieldsets
        ]


class CodedForm(VersionedForm):
    """A goal or activity: the typed code says where in the list it goes."""

    code = forms.CharField(label="Nummer", max_length=20, required=False)
    position: int | None = None

    def prefix_numbers(self) -> tuple[int, ...]:
        raise NotImplementedError

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        prefix = self.prefix_numbers()
        example = ":".join(str(n) for n in (*prefix, 2))
        if not code:
            if self.instance.pk:
                raise forms.ValidationError(f"Ange ett nummer, till exempel {example}.")
            return ""
        try:
            self.position = numbering.position_from_code(code, prefix, example)
        except numbering.NumberingError as error:
            raise forms.ValidationError(str(error)) from error
        return code

    def _post_clean(self):
        # The code is placed by plans.numbering after saving, never written straight in,
        # so two items never hold the same number.
        typed = self.cleaned_data.pop("code", None) if hasattr(self, "cleaned_data") else None
        super()._post_clean()
        if typed is not None:
            self.cleaned_data["code"] = typed


class FocusAreaForm(VersionedForm):
    number = forms.IntegerField(
        label="Nummer", min_value=1, required=False,
        help_text="Platsen i planen. Lämna tomt för att lägga fokusområdet sist.",
    )  # fmt: skip

    class Meta:
        model = FocusArea
        fields = ["number", "title"]

    def _post_clean(self):
        typed = self.cleaned_data.pop("number", None) if hasattr(self, "cleaned_data") else None
        super()._post_clean()
        self.position = typed


class GoalForm(CodedForm):
    class Meta:
        model = Goal
        fields = ["code", "title", "background", "shares_with", "measurement_method", "reporting"]
        widgets = {"background": forms.Textarea(attrs={"rows": 6})}
        error_messages = {"title": {"required": "Skriv målets rubrik."}}

    def __init__(self, *args, focus_area: FocusArea, **kwargs):
        self.focus_area = focus_area
        super().__init__(*args, **kwargs)
        goals = Goal.objects.filter(focus_area__plan_id=focus_area.plan_id, shares_with=None)
        if self.instance.pk:
            goals = goals.exclude(pk=self.instance.pk)
        self.fields["shares_with"].queryset = goals.order_by("focus_area__number", "sort_key")
        self.fields["shares_with"].empty_label = "Ingen hänvisning – målet har egna nyckeltal"
        self.fields["code"].help_text = (
            f"T.ex. {focus_area.number}:3. Numret bestämmer platsen i fokusområdet; "
            "lämna tomt för att lägga målet sist."
        )

    def prefix_numbers(self):
        return (self.focus_area.number,)

    def clean(self):
        data = super().clean()
        shared = data.get("shares_with")
        goal = self.instance
        if shared and goal.pk:
            if goal.key_figures.exists() or goal.activities.exists():
                self.add_error(
                    "shares_with",
                    "Målet har egna nyckeltal eller aktiviteter. Ta bort dem först, eller välj "
                    "”Ingen hänvisning”.",
                )
            if goal.shared_by.exists():
                self.add_error(
                    "shares_with", "Andra mål hänvisar till det här målet; det kan inte självt "
                    "hänvisa vidare.",
                )  # fmt: skip
        return data


class ActivityForm(CodedForm):
    responsible_lines = forms.CharField(
        label="Ansvar", required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="En grupp eller roll per rad, i den ordning planen ska visa dem. "
        "Ett nytt namn läggs till som ny aktör.",
    )  # fmt: skip

    class Meta:
        model = Activity
        fields = ["code", "text", "responsible_lines", "follow_up", "followed_up_by"]
        error_messages = {"text": {"required": "Skriv vad aktiviteten går ut på."}}

    def __init__(self, *args, goal: Goal, **kwargs):
        self.goal = goal
        super().__init__(*args, **kwargs)
        self.fields["followed_up_by"].queryset = Actor.objects.filter(
            plan_id=goal.focus_area.plan_id
        )
        self.fields["followed_up_by"].empty_label = "(ingen vald)"
        self.fields["code"].help_text = (
            f"T.ex. {goal.code}:2. Numret bestämmer platsen bland målets aktiviteter; "
            "lämna tomt för att lägga aktiviteten sist."
        )
        if self.instance.pk and not self.is_bound:
            self.fields["responsible_lines"].initial = "\n".join(
                r.actor.name for r in self.instance.responsibilities.select_related("actor")
            )

    def prefix_numbers(self):
        return code_parts(self.goal.code)

    def clean_responsible_lines(self):
        names = []
        for line in self.cleaned_data["responsible_lines"].splitlines():
            name = " ".join(line.split())
            if len(name) > 300:
                raise forms.ValidationError("Ett namn får vara högst 300 tecken långt.")
            if name and name not in names:
                names.append(name)
        return names


class AdoptForm(forms.Form):
    adopted_on = forms.DateField(
        label="Fastställd den", widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Datum då planen beslutades.",
        error_messages={"required": "Ange datum för beslutet.",
                        "invalid": "Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2026-01-15."},
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["adopted_on"].initial = timezone.localdate()


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label="Varför öppnas planen?", widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Skälet sparas i planens historik tillsammans med ditt namn.",
        error_messages={"required": "Skriv varför planen öppnas för ändringar."},
    )  # fmt: skip


class NextPlanForm(forms.Form):
    first_year = forms.IntegerField(label="Första år", min_value=2000, max_value=2100)
    last_year = forms.IntegerField(label="Sista år", min_value=2000, max_value=2100)

    def clean(self):
        data = super().clean()
        first, last = data.get("first_year"), data.get("last_year")
        if first and last and last < first:
            self.add_error("last_year", "Sista året kan inte vara före första året.")
        return data
