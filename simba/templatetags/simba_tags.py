"""Template helpers of the whole project."""

from django import template
from django.utils.translation import ngettext

register = template.Library()


@register.filter
def antal(count, forms: str) -> str:
    """A count with its noun in Swedish singular or plural: {{ n|antal:"rad,rader" }} → "1 rad",
    "12 rader" (ngettext, so a translation can tell more forms apart)."""
    one, many = forms.split(",")
    count = len(count) if hasattr(count, "__len__") else int(count or 0)
    return ngettext("%(n)d " + one, "%(n)d " + many, count) % {"n": count}
