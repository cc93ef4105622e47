"""Overview tables (django-tables2): sortable, exportable to CSV and Excel."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html, format_html_join

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
        template_name = "indicators/submission_table.html"
        per_page = 50

    def __init__(self, *args, expected=None, **kwargs):
        self.expected = expected or {}
        super().__init__(*args, **kwargs)

    def prepare_page(self, request) -> None:
        """What templates/indicators/submission_table.html prints: the shown page's records
        with their labels and links, the sort links of the headers and the page links."""
        from indicators.services import display_status

        base = reverse("indicators:entry", args=["KOD", 0])
        rows = []
        for row in self.paginated_rows:
            r = row.record
            label, state = r.period.label, display_status(r, r.n_values)
            url = base.replace("KOD", r.org_unit.code).replace("/0/", f"/{r.period_id}/")
            select = ""
            if r.status == "submitted":
                select = format_html(
                    '<input type="checkbox" name="valda" value="{}" id="valj-{}" '
                    'form="godkann-form"><label for="valj-{}" class="visually-hidden">Välj {} {}'
                    "</label>",
                    r.pk, r.pk, r.pk, r.org_unit.name, label,
                )  # fmt: skip
            rows.append((
                select, r.org_unit.name, label, r.period.deadline.isoformat(), r.status,
                STATUS_SYMBOLS[state], state, r.n_values, self._expected(r), url,
                r.org_unit.name, label,
            ))  # fmt: skip
        self.rows_html = format_html_join(
            "\n",
            '<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td><span class="state state-{}">'
            '<span aria-hidden="true">{}</span> {}</span></td><td>{} av {}</td><td><a href="{}">'
            'Öppna<span class="visually-hidden"> {} {}</span></a></td></tr>',
            rows,
        )
        self.header_links = []
        for column in self.columns:
            link = {"label": column.header, "url": "", "sorted": ""}
            if column.orderable:
                params = request.GET.copy()
                params[self.prefixed_order_by_field] = column.order_by_alias.next
                link["url"] = "?" + params.urlencode()
                if column.is_ordered:
                    link["sorted"] = (
                        "descending" if column.order_by_alias.is_descending else "ascending"
                    )
            self.header_links.append(link)
        self.page_links = []
        if self.page is not None:
            for number in self.paginator.page_range:
                params = request.GET.copy()
                params[self.prefixed_page_field] = number
                self.page_links.append({
                    "number": number, "url": "?" + params.urlencode(),
                    "current": number == self.page.number, "label": "",
                })  # fmt: skip

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

    @classmethod
    def headers(cls) -> list[str]:
        return [column.verbose_name for column in cls.base_columns.values()]

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
