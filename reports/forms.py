from django import forms

from reports.models import Report
from reports.services import AUDIENCE_OF_KIND, BOTH

WHAT_CHOICES = [
    (Report.Kind.DECK.value, "Presentation för politiska samrådsgruppen (PDF och PowerPoint)"),
    (Report.Kind.REPORT.value, "Fullständig rapport för samordningsgruppen (PDF)"),
    (BOTH, "Båda"),
]


class OrderForm(forms.Form):
    year = forms.TypedChoiceField(label="År som rapporten följer upp", coerce=int)
    what = forms.ChoiceField(
        label="Vad vill du beställa?",
        choices=WHAT_CHOICES,
        widget=forms.RadioSelect,
        required=False,
        error_messages={
            "invalid_choice": "Välj presentationen, den fullständiga rapporten eller båda."
        },
    )
    # Older links and scripts name the audience instead: each audience has its document.
    audience = forms.ChoiceField(choices=Report.Audience.choices, required=False)

    def __init__(self, plan, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in plan.years]
        self.fields["year"].error_messages["invalid_choice"] = (
            f"Välj ett år inom planens period {plan.period_label}."
        )

    def clean(self):
        data = super().clean()
        if not data.get("what"):
            by_audience = {audience: kind for kind, audience in AUDIENCE_OF_KIND.items()}
            if not data.get("audience"):
                raise forms.ValidationError(
                    "Välj presentationen, den fullständiga rapporten eller båda."
                )
            data["what"] = by_audience[data["audience"]]
        return data
