"""simba.markup writes HTML in Python for speed; it must write exactly what Django would."""

import pytest
from django import forms
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from simba.markup import Select, escape

ODD = ["", "plain", "Kungälv & <Tjörn>", "\"'", mark_safe("<b>ok</b>"), 42, None,
       gettext_lazy("Utkast"), "a&amp;b"]  # fmt: skip


@pytest.mark.parametrize("value", ODD)
def test_escape_is_conditional_escape(value):
    assert escape(value) == conditional_escape(value)


CHOICES = [("", "Alla"), ("a", "A & B"), ("<b>", "Fet"), (3, "Tre"),
           ("Grupp", [("g1", "Ett"), ("g2", "Två")])]  # fmt: skip


@pytest.mark.parametrize("value", [None, "", "a", "<b>", 3, "3", "g2", "saknas"])
@pytest.mark.parametrize(
    "attrs",
    [None, {"id": "id_x"}, {"id": "id_x", "disabled": True, "data-q": 'x"y', "hidden": False}],
)
def test_select_renders_as_djangos_select(value, attrs):
    ours = Select(choices=CHOICES).render("x", value, attrs=attrs)
    django = forms.Select(choices=CHOICES).render("x", value, attrs=attrs)
    assert str(ours) == str(django)
