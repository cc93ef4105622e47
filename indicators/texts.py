"""Messages with a count, in Swedish singular or plural (ngettext)."""

from django.utils.translation import ngettext


def saved_message(changed: int) -> str:
    return ngettext("Sparat (%d värde ändrat).", "Sparat (%d värden ändrade).", changed) % changed
