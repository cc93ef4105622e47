"""HTML written in Python for the few pages where Django's per-item templates cost too much
(the overview's matrix and filters). Same escaping as the template engine."""

import html
import re

from django import forms
from django.utils.safestring import mark_safe

SPECIAL = re.compile("[&<>\"']")


def escape(value) -> str:
    """`conditional_escape` without its lazy-string wrapper, which cost more than the escaping
    itself on a page that escapes a few thousand strings; most of them need no change."""
    if type(value) is str:  # not SafeString: that one is already escaped
        return html.escape(value) if SPECIAL.search(value) else value
    return value.__html__() if hasattr(value, "__html__") else html.escape(str(value))


def attrs_html(items: dict) -> str:
    """As django/forms/widgets/attrs.html: ` name="value"`, ` name` for True, nothing for False."""
    return "".join(
        f" {escape(name)}" if value is True else f' {escape(name)}="{escape(value)}"'
        for name, value in items.items()
        if value is not False
    )


class Select(forms.Select):
    """`forms.Select` with the markup of Django's select.html and select_option.html, written
    here: the templates include one template per option (the overview's four filters rendered
    some thirty templates per view)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f'<select name="{escape(widget["name"])}"{attrs_html(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{escape(group_name)}">')
            for option in options:
                parts.append(
                    f'\n  <option value="{escape(option["value"])}"{attrs_html(option["attrs"])}>'
                    f"{escape(option['label'])}</option>\n"
                )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))
