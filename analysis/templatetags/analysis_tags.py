"""Links into the analysis from pages of other apps, so their templates change by one line."""

from django import template

from accounts import roles
from analysis.models import UnitComment
from organisation.models import OrgUnit

register = template.Library()


@register.inclusion_tag("analysis/links.html", takes_context=True)
def analysis_links(context, plan):
    """The plan years' analysis pages: written by the process leader, read by everyone signed
    in (a public plan page shows no link to anonymous visitors)."""
    user = context["request"].user
    years = list(plan.years) if user.is_authenticated else []
    return {"plan": plan, "years": years}


@register.inclusion_tag("analysis/unit_section.html", takes_context=True)
def unit_comments_section(context, unit, year, plan):
    """A municipality's year page: where its area group writes its comments per goal."""
    user = context["request"].user
    if plan is None or unit.kind != OrgUnit.Kind.MUNICIPALITY or year not in plan.years:
        return {"plan": None}
    count = (
        UnitComment.objects.filter(goal__focus_area__plan=plan, year=year, org_unit=unit)
        .exclude(text="")
        .count()
    )
    return {"plan": plan, "unit": unit, "year": year, "count": count,
            "may_write": roles.can_report_for(user, unit)}  # fmt: skip
