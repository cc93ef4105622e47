"""Overview tables (django-tables2): sortable, exportable to CSV and Excel."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html

from indicators.services import STATUS_SYMBOLS
from indicators.targets import STATUS_LABELS, Status
from indicators.targets import STATUS_SYMBOLS as TARGET_SYMBOLS


class SubmissionTable(tables.Table):
    select = tables.TemplateColumn(
        template_name="indicators/cells/select.html",
        verbose_name="Välj",
        orderable=False,
        exclude_from_export=True,
    )
    org_unit = tables.Column(verbose_name="Enhet", accessor="org_unit__name")
    period = tables.Column(verbose_name="Period", order_by=("period__start", "period__kind"))
    deadline = tables.DateColumn(
        verbose_name="Sista dag", accessor="period__deadline", format="Y-m-d"
    )
    state = tables.Column(verbose_name="Status", empty_values=(), order_by=("status",))
    filled = tables.Column(verbose_name="Ifyllda värden", empty_values=(), order_by=("n_values",))
    open = tables.Column(verbose_name="Rapportering", empty_values=(), orderable=False,
                         exclude_from_export=True)  # fmt: skip

    class Meta:
        attrs = {"class": "overview-table submissions"}
        template_name = "django_tables2/table.html"
        per_page = 50

    def __init__(self, *args, expected=None, **kwargs):
        self.expected = expected or {}
        super().__init__(*args, **kwargs)

    def _state(self, record) -> str:
        from indicators.services import display_status

        return display_status(record, record.n_values)

    def render_period(self, record):
        return record.period.label

    def value_period(self, record):
        return record.period.label

    def render_state(self, record):
        state = self._state(record)
        return format_html(
            '<span class="state state-{}"><span aria-hidden="true">{}</span> {}</span>',
            record.status, STATUS_SYMBOLS[state], state,
        )  # fmt: skip

    def value_state(self, record):
        return self._state(record)

    def _expected(self, record) -> int:
        return self.expected.get((record.org_unit_id, record.period_id), 0)

    def render_filled(self, record):
        return f"{record.n_values} av {self._expected(record)}"

    def value_filled(self, record):
        return f"{record.n_values} av {self._expected(record)}"

    def render_open(self, record):
        url = reverse("indicators:entry", args=[record.org_unit.code, record.period_id])
        return format_html(
            '<a href="{}">Öppna<span class="visually-hidden"> {} {}</span></a>',
            url, record.org_unit.name, record.period.label,
        )  # fmt: skip


def _status_cell(count, status):
    return format_html(
        '<span aria-hidden="true">{}</span> {}', TARGET_SYMBOLS[Status(status)], count
    )


class GoalSummaryTable(tables.Table):
    focus_area = tables.Column(verbose_name="Fokusområde")
    goal = tables.Column(verbose_name="Mål")
    figures = tables.Column(verbose_name="Nyckeltal")
    met = tables.Column(verbose_name=STATUS_LABELS[Status.MET])
    not_met = tables.Column(verbose_name=STATUS_LABELS[Status.NOT_MET])
    not_judged = tables.Column(verbose_name=STATUS_LABELS[Status.NOT_JUDGED])
    missing = tables.Column(verbose_name=STATUS_LABELS[Status.MISSING])
    no_target = tables.Column(verbose_name=STATUS_LABELS[Status.NO_TARGET])

    class Meta:
        attrs = {"class": "overview-table goals"}
        template_name = "django_tables2/table.html"

    def render_goal(self, value, record):
        return format_html('<a href="#{}">{}</a>', record["goal_anchor"], value)

    def render_met(self, value):
        return _status_cell(value, Status.MET)

    def render_not_met(self, value):
        return _status_cell(value, Status.NOT_MET)

    def render_not_judged(self, value):
        return _status_cell(value, Status.NOT_JUDGED)

    def render_no_target(self, value):
        return _status_cell(value, Status.NO_TARGET)

    def render_missing(self, value):
        return _status_cell(value, Status.MISSING)
