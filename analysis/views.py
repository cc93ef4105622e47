"""The analysis pages: read by everyone signed in, each part edited in place (htmx) by whoever
may change it, and every page also works without JavaScript (full pages and redirects)."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from accounts import roles
from analysis import history, parts, selectors
from plans import editing


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


@require_GET
def year_page(request, plan_pk: int, year: int):
    plan = parts.plan_year(request.user, plan_pk, year)
    unit = roles.org_unit_of(request.user)
    context = {
        "plan": plan, "year": year, **selectors.year_structure(plan, year),
        "editable": roles.can_edit_plan(request.user, plan),
        "own_unit": unit if unit and unit.kind == unit.Kind.MUNICIPALITY else None,
    }  # fmt: skip
    return render(request, "analysis/year.html", context)


@require_GET
def unit_page(request, plan_pk: int, year: int, code: str):
    plan = parts.plan_year(request.user, plan_pk, year)
    unit = parts.municipality(request.user, code, plan)
    context = {
        "plan": plan, "year": year, "unit": unit,
        "focus_areas": selectors.unit_structure(plan, year, unit),
        "editable": roles.can_report_for(request.user, unit),
    }  # fmt: skip
    return render(request, "analysis/unit.html", context)


@require_GET
def history_page(request, plan_pk: int, year: int):
    plan = parts.plan_year(request.user, plan_pk, year)
    context = {"plan": plan, "year": year, "entries": history.entries(plan, year)}
    return render(request, "analysis/history.html", context)


@require_GET
def part_show(request, plan_pk: int, year: int, kind: str, pk=None, code=None):
    part = parts.locate(request.user, plan_pk, year, kind, pk, code)
    if not request.htmx:
        return redirect(part.page_url)
    context = {"part": part, "row": part.row(), "editable": parts.may_edit(request.user, part)}
    return render(request, "analysis/fragment_part.html", context)


def _form_response(request, part, form, status=200, conflict=None):
    context = {"part": part, "form": form, "conflict": conflict,
               "previous": part.previous_texts()}  # fmt: skip
    template = "analysis/fragment_form.html" if request.htmx else "analysis/form_page.html"
    return render(request, template, context, status=status)


@require_http_methods(["GET", "POST"])
def part_edit(request, plan_pk: int, year: int, kind: str, pk=None, code=None):
    part = parts.locate(request.user, plan_pk, year, kind, pk, code, edit=True)
    form_class = part.kind.form
    auto_id = f"{part.dom_id}-%s"  # several forms may be open on one page
    if request.method == "GET":
        return _form_response(request, part, form_class(instance=part.row(), auto_id=auto_id))
    with transaction.atomic():
        type(part.parent).objects.select_for_update().get(pk=part.parent.pk)
        row = part.row(lock=True)
        form = form_class(request.POST, instance=row, auto_id=auto_id)
        current = editing.snapshot(row, part.kind.fields)
        if conflict := editing.conflict(row, form, current):
            data = request.POST.copy()
            data["version"] = str(row.version)
            form = form_class(data, instance=part.row(), auto_id=auto_id)
            return _form_response(request, part, form, status=409, conflict=conflict)
        if not form.is_valid():
            return _form_response(request, part, form, status=422)
        row = editing.save_versioned(form)
    message = f"{_cap(part.title)} har sparats."
    if not request.htmx:
        messages.success(request, message)
        return redirect(part.page_url)
    context = {"part": part, "row": row, "editable": True, "status_message": message,
               "autofocus": True}  # fmt: skip
    return render(request, "analysis/fragment_part.html", context)
