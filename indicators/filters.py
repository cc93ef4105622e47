"""Filters of the overview (django-filter)."""

import django_filters

from indicators.models import Submission
from organisation.models import OrgUnit
from plans.models import KeyFigure
from simba.markup import Select


class SubmissionFilter(django_filters.FilterSet):
    year = django_filters.ChoiceFilter(
        label="År",
        field_name="period__end__year",
        choices=[],
        empty_label="Alla år",
        widget=Select,
    )
    kind = django_filters.ChoiceFilter(
        label="Periodtyp", field_name="period__kind", choices=KeyFigure.Frequency.choices,
        empty_label="Alla periodtyper", widget=Select,
    )  # fmt: skip
    org_unit = django_filters.ModelChoiceFilter(
        label="Enhet",
        queryset=OrgUnit.objects.all(),
        empty_label="Alla enheter",
        widget=Select,
    )
    status = django_filters.ChoiceFilter(
        label="Status",
        choices=Submission.Status.choices,
        empty_label="Alla statusar",
        widget=Select,
    )

    class Meta:
        model = Submission
        fields = ["year", "kind", "org_unit", "status"]

    def __init__(self, *args, area, years=(), units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["year"].extra["choices"] = [(y, str(y)) for y in years]
        self.filters["org_unit"].queryset = OrgUnit.objects.in_area(area)  # the plan's area only
        self.units = units

    @property
    def form(self):
        if not hasattr(self, "_form"):
            form = super().form
            if self.units is not None:
                # The page has loaded the area's units already (same queryset, same
                # order): list them without another query. Validation still uses the queryset.
                field = form.fields["org_unit"]
                field.widget.choices = [
                    ("", field.empty_label),
                    *((unit.pk, field.label_from_instance(unit)) for unit in self.units),
                ]
        return self._form
