import django_tables2 as tables


class KeyFigureTable(tables.Table):
    name = tables.TemplateColumn(
        template_name="plans/cells/key_figure_name.html", verbose_name="Nyckeltal"
    )
    target_label = tables.Column(verbose_name="Målvärde", accessor="target_label")
    reporting_level = tables.Column(
        verbose_name="Redovisas för", accessor="get_reporting_level_display"
    )
    frequency = tables.Column(verbose_name="Mätperiod", accessor="get_frequency_display")
    data_source = tables.Column(verbose_name="Datakälla", default="–")

    class Meta:
        orderable = False
        attrs = {"class": "plan-table key-figures"}
        template_name = "django_tables2/table.html"


class ActivityTable(tables.Table):
    code = tables.Column(
        verbose_name="Nr", attrs={"th": {"class": "code"}, "td": {"class": "code"}}
    )
    text = tables.Column(verbose_name="Aktivitet")
    responsible = tables.TemplateColumn(
        template_name="plans/cells/responsible.html", verbose_name="Ansvar", accessor="pk"
    )
    follow_up = tables.Column(verbose_name="Uppföljning", default="")

    class Meta:
        orderable = False
        attrs = {"class": "plan-table activities"}
        template_name = "django_tables2/table.html"
