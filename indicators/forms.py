"""The entry grid's row form: one key figure's value for one unit and period, validated by kind."""

from django import forms

from indicators.models import ActivityFollowUp, Value
from indicators.numbers import NumberField
from plans.models import KeyFigure
from plans.targets import ValueKind, quantize

YES_NO_CHOICES = [("", "– välj –"), ("ja", "Ja"), ("nej", "Nej")]
NUMBER_FIELDS = ("number", "numerator", "denominator")


def _number_field(label: str) -> NumberField:
    # NumberField reads "1 200" and "0,8" and refuses "1e3"; the same rule as the import.
    return NumberField(
        label=label,
        required=False,
        max_digits=14,
        decimal_places=4,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        error_messages={"invalid": "Skriv ett tal, t.ex. 12 eller 0,8."},
    )


class ValueForm(forms.Form):
    """Fields shown depend on the figure's kind; `clean` applies the kind's rules."""

    number = _number_field("Värde")
    numerator = _number_field("Täljare")
    denominator = _number_field("Nämnare")
    yes_no = forms.ChoiceField(label="Värde", choices=YES_NO_CHOICES, required=False)
    text = forms.CharField(
        label="Värde", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    # Its own words: "Värde saknas" means only that no value exists at all.
    not_available = forms.BooleanField(label="Uppgift kan inte lämnas", required=False)
    not_available_reason = forms.CharField(
        label="Orsak till att uppgiften inte kan lämnas", required=False, max_length=500
    )
    comment = forms.CharField(
        label="Kommentar", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 1})
    )
    explanation = forms.CharField(
        label="Förklaring om målet inte nås",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 1}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, *args, key_figure: KeyFigure, value: Value | None = None, **kwargs):
        self.key_figure = key_figure
        kwargs.setdefault("initial", initial_for(value))
        super().__init__(*args, **kwargs)
        kind = key_figure.value_kind
        keep = {"not_available", "not_available_reason", "comment", "explanation", "version"}
        if kind in (ValueKind.COUNT, ValueKind.DAYS, ValueKind.PERCENTAGE):
            keep.add("number")
        if kind == ValueKind.PERCENTAGE and key_figure.has_fraction:
            keep |= {"numerator", "denominator"}
        if kind == ValueKind.YES_NO:
            keep.add("yes_no")
        if kind == ValueKind.TEXT:
            keep.add("text")
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        if "number" in self.fields:
            self.fields["number"].label = (
                f"Värde ({key_figure.unit})" if key_figure.unit else "Värde"
            )

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        kind = self.key_figure.value_kind
        if kind == ValueKind.PERCENTAGE and self.key_figure.has_fraction:
            self._clean_fraction(data)
        self._clean_number(data, kind)
        given = self.has_value(data)
        if data.get("not_available"):
            if given:
                raise forms.ValidationError(
                    "Du har både skrivit ett värde och kryssat i ”Uppgift kan inte lämnas”. "
                    "Ta bort det ena."
                )
            if not data.get("not_available_reason", "").strip():
                self.add_error("not_available_reason", "Skriv varför uppgiften inte kan lämnas.")
        return data

    def _post_clean(self):
        super()._post_clean()
        # Screen readers hear which field is wrong and why (field.html renders the "-fel" text).
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["aria-invalid"] = "true"
                attrs["aria-describedby"] = f"{self[name].auto_id}-fel"

    def has_value(self, data=None) -> bool:
        data = self.cleaned_data if data is None else data
        return any(data.get(name) not in (None, "") for name in (*NUMBER_FIELDS, "yes_no", "text"))

    def _clean_fraction(self, data):
        numerator, denominator = data.get("numerator"), data.get("denominator")
        if (numerator is None) != (denominator is None):
            raise forms.ValidationError("Fyll i både täljare och nämnare, eller ingen av dem.")
        if numerator is None:
            return
        for name, part in (("numerator", numerator), ("denominator", denominator)):
            if part < 0 or part != part.to_integral_value():
                self.add_error(name, "Skriv ett heltal som är 0 eller större.")
        if denominator == 0:
            self.add_error("denominator", "Nämnaren kan inte vara 0.")
        elif numerator > denominator:
            self.add_error("numerator", "Täljaren kan inte vara större än nämnaren.")
        elif not self.errors:
            # The share follows from its parts; a typed share would only contradict them.
            data["number"] = quantize(numerator * 100 / denominator, ValueKind.PERCENTAGE)

    def _clean_number(self, data, kind):
        number = data.get("number")
        if number is None:
            return
        if number < 0:
            self.add_error("number", "Värdet kan inte vara negativt.")
        elif kind == ValueKind.PERCENTAGE and number > 100:
            self.add_error("number", "En andel är mellan 0 och 100 %.")
        elif kind == ValueKind.COUNT and number != number.to_integral_value():
            self.add_error("number", "Ett antal är ett heltal, t.ex. 12.")

    def raw(self):
        """The entered value in the form the target rules take (None when none is given)."""
        data = self.cleaned_data
        if data.get("not_available"):
            return None
        kind = self.key_figure.value_kind
        if kind == ValueKind.YES_NO:
            return {"ja": True, "nej": False}.get(data.get("yes_no") or "")
        if kind == ValueKind.TEXT:
            return data.get("text") or None
        return data.get("number")

    def apply_to(self, value: Value) -> None:
        data = self.cleaned_data
        for name in (*NUMBER_FIELDS, "text", "comment", "explanation"):
            if name in self.fields:
                setattr(value, name, data.get(name) if name in NUMBER_FIELDS else data[name])
        if "yes_no" in self.fields:
            value.yes_no = {"ja": True, "nej": False}.get(data.get("yes_no") or "")
        value.not_available = bool(data.get("not_available"))
        value.not_available_reason = (
            data.get("not_available_reason", "") if value.not_available else ""
        )


def initial_for(value: Value | None) -> dict:
    if value is None:
        return {"version": 0}
    yes_no = {True: "ja", False: "nej"}.get(value.yes_no, "")
    return {
        "number": value.number.normalize() if value.number is not None else None,
        "numerator": value.numerator.normalize() if value.numerator is not None else None,
        "denominator": value.denominator.normalize() if value.denominator is not None else None,
        "yes_no": yes_no,
        "text": value.text,
        "not_available": value.not_available,
        "not_available_reason": value.not_available_reason,
        "comment": value.comment,
        "explanation": value.explanation,
        "version": value.version,
    }


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="Skäl", max_length=2000, widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class FollowUpForm(forms.Form):
    status = forms.ChoiceField(label="Status", choices=ActivityFollowUp.Status.choices)
    comment = forms.CharField(
        label="Kommentar", required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 1})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Fil (CSV eller Excel, högst 2 MB)",
        help_text="Kolumner: kommun, nyckeltal, period, värde, (täljare, nämnare,) kommentar.",
    )
