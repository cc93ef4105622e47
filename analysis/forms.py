"""The analysis forms: the prompts are the fields' help texts (analysis/models.py)."""

from django import forms

from analysis.models import FocusAreaAnalysis, GoalAnalysis, UnitComment, YearAnalysis
from plans.forms import VersionedForm


class AnalysisForm(VersionedForm):
    rows = 6

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Version 0 is a real version here (nothing saved yet) and must travel with the form.
        self.fields["version"].initial = self.instance.version
        for field in self.fields.values():
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs["rows"] = self.rows
        first = next(n for n in self.fields if n != "version")
        self.fields[first].widget.attrs["data-primary"] = ""


class YearAnalysisForm(AnalysisForm):
    rows = 8

    class Meta:
        model = YearAnalysis
        fields = ["overall"]


class FocusAreaAnalysisForm(AnalysisForm):
    class Meta:
        model = FocusAreaAnalysis
        fields = ["analysis", "next_steps"]


class GoalAnalysisForm(AnalysisForm):
    class Meta:
        model = GoalAnalysis
        fields = ["analysis", "next_steps"]


class UnitCommentForm(AnalysisForm):
    rows = 3

    class Meta:
        model = UnitComment
        fields = ["text"]
