from django import forms

from reports.models import Report


class OrderForm(forms.Form):
    year = forms.TypedChoiceField(label="År som rapporten följer upp", coerce=int)
    audience = forms.ChoiceField(label="Mottagare", choices=Report.Audience.choices)

    def __init__(self, plan, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in plan.years]
        self.fields["year"].error_messages["invalid_choice"] = (
            f"Välj ett år inom planens period {plan.period_label}."
        )
