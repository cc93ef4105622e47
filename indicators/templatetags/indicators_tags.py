from django import template

from plans.targets import format_value

register = template.Library()


@register.simple_tag
def shown(value, kind):
    """A value with its unit by the display rule (plans/targets.py): "0,8 dygn", "72,0 %"."""
    return format_value(value, kind)
