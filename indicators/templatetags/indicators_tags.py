from django import template

from plans.targets import format_value

register = template.Library()


@register.simple_tag
def shown(value, kind):
    """A value in Swedish notation with its unit ("0,8 dygn", "72 %", "Ja")."""
    return format_value(value, kind)
