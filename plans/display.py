"""Field values as a reader should see them, for history and conflict messages."""

from decimal import Decimal

from django.core.exceptions import ObjectDoesNotExist
from django.db import models

EMPTY = "(tomt)"


def label(model, name: str) -> str:
    return str(model._meta.get_field(name).verbose_name).capitalize()


def _plain(value) -> str:
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return "Ja" if value else "Nej"
    if isinstance(value, Decimal):
        return f"{value.normalize():f}".replace(".", ",")
    return str(value)


def of_field(model, name: str, value) -> str:
    """`value` (a raw field value, a related object or a list of them) for field `name`."""
    field = model._meta.get_field(name)
    if isinstance(value, list | tuple | set | models.QuerySet):
        names = sorted(str(v) for v in value)
        return ", ".join(names) if names else EMPTY
    if field.choices and not isinstance(value, models.Model):
        return _plain(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.ForeignKey) and isinstance(value, int):
        found = field.related_model.objects.filter(pk=value).first()
        return str(found) if found else f"(borttagen, nr {value})"
    return _plain(value)


def of_record(record, model, name: str) -> str:
    """The value of field `name` on an object or on one of its historical records."""
    field = model._meta.get_field(name)
    if isinstance(field, models.ManyToManyField):
        if hasattr(record, "history_id"):  # historical m2m rows point at the related objects
            rows = getattr(record, name).all()
            return of_field(model, name, [getattr(r, field.m2m_reverse_field_name()) for r in rows])
        return of_field(model, name, list(getattr(record, name).all()))
    if isinstance(field, models.ForeignKey):
        try:
            return of_field(model, name, getattr(record, name))
        except ObjectDoesNotExist:
            return of_field(model, name, getattr(record, field.attname))
    return of_field(model, name, getattr(record, name))
