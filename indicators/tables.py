"""Overview tables (django-tables2): sortable, exportable to CSV and Excel."""

import django_tables2 as tables
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from indicators.services import STATUS_SYMBOLS
from plans.targets import STATUS_LABELS, Status
from plans.targets import STATUS_SYMBOLS as TARGET_SYMBOLS
from simba.markup import escape


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


SUBMISSION_COLUMNS = [
    ("select", "Välj", None), ("org_unit", "Enhet", ("org_unit__name",)),
    ("period", "Period", ("period__start", "period__kind")),
    ("deadline", "Sista dag", ("period__deadline",)), ("state", "Status", ("status",)),
    ("filled", "Ifyllda värden", ("n_values",)), ("open", "Rapportering", None),
]  # fmt: skip


class SubmissionPage:
    """The submissions table as shown on the overview: sorted (`?r-sort=period`, `-period`) and
    paged (`?r-page=2`) with django-tables2's parameters, its rows written here in one pass
    (django-tables2's per-cell rendering was half of the overview's time). The CSV/Excel
    download still uses SubmissionTable."""

    def __init__(self, queryset, request, expected, prefix="r-", per_page=50):
        from indicators.services import display_status

        self.sort_field, self.page_field = f"{prefix}sort", f"{prefix}page"
        sort = request.GET.get(self.sort_field, "")
        orders = {name: order for name, _, order in SUBMISSION_COLUMNS}
        if orders.get(sort.lstrip("-")):
            sign = "-" if sort.startswith("-") else ""
            queryset = queryset.order_by(*(sign + f for f in orders[sort.lstrip("-")]))
        self.paginator = Paginator(queryset, per_page)
        self.page = self.paginator.get_page(request.GET.get(self.page_field))
        base = reverse("indicators:entry", args=["KOD", 0])
        rows = []
        for r in self.page.object_list:
            label, state = escape(r.period.label), display_status(r, r.n_values)
            unit = escape(r.org_unit.name)
            url = base.replace("KOD", r.org_unit.code).replace("/0/", f"/{r.period_id}/")
            select = ""
            if r.status == "submitted":
                pk = escape(r.pk)
                select = (
                    f'<input type="checkbox" name="valda" value="{pk}" id="valj-{pk}" '
                    f'form="godkann-form"><label for="valj-{pk}" class="visually-hidden">Välj '
                    f"{unit} {label}</label>"
                )
            rows.append(
                f"<tr><td>{select}</td><td>{unit}</td><td>{label}</td><td>"
                f"{escape(r.period.deadline.isoformat())}</td><td>"
                f'<span class="state state-{escape(r.status)}"><span aria-hidden="true">'
                f"{escape(STATUS_SYMBOLS[state])}</span> {escape(state)}</span></td><td>"
                f"{escape(r.n_values)} av {escape(expected.get((r.org_unit_id, r.period_id), 0))}"
                f'</td><td><a href="{escape(url)}">Öppna<span class="visually-hidden"> {unit} '
                f"{label}</span></a></td></tr>"
            )
        # Written here with plain escaping (simba.markup): format_html per cell cost more than
        # the rest of the table.
        self.rows_html = mark_safe("\n".join(rows))
        self.header_links = []
        for name, label, order in SUBMISSION_COLUMNS:
            link = {"label": label, "url": "", "sorted": ""}
            if order:
                params = request.GET.copy()
                params[self.sort_field] = f"-{name}" if sort == name else name
                params.pop(self.page_field, None)
                link["url"] = "?" + params.urlencode()
                if sort.lstrip("-") == name:
                    link["sorted"] = "descending" if sort.startswith("-") else "ascending"
            self.header_links.append(link)
        self.page_links = []
        for number in self.paginator.page_range if self.paginator.num_pages > 1 else []:
            params = request.GET.copy()
            params[self.page_field] = number
            self.page_links.append({"number": number, "url": "?" + params.urlencode(),
                                    "current": number == self.page.number})  # fmt: skip


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

    # Exports get the plain values, not the page's markup.
    def value_goal(self, value):
        return value

    value_met = value_not_met = value_not_judged = value_no_target = value_missing = value_goal
