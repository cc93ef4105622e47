"""The plan editor: one step from the plan page, each item edited in place with htmx.

Every view also works without JavaScript (full pages and redirects), which is how the
permission grid and the HTTP tests reach them.
"""

from django.contrib import messages
from django.db import transaction
from django.db.models import ProtectedError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import reswap, retarget

from plans import access, editing, numbering
from plans.items import KINDS
from plans.lifecycle import PlanLocked, ensure_editable
from plans.models import KeyFigure
from plans.selectors import focus_areas_with_structure

NEW_HEADINGS = {"focus_area": "Nytt fokusområde", "goal": "Nytt mål",
                "activity": "Ny aktivitet", "key_figure": "Nytt nyckeltal"}  # fmt: skip


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _editor_url(plan, anchor: str = "") -> str:
    return reverse("plans:editor", args=[plan.pk]) + (f"#{anchor}" if anchor else "")


def structure_context(plan) -> dict:
    return {"plan": plan, "focus_areas": list(focus_areas_with_structure(plan)),
            "editable": plan.status == plan.Status.DRAFT}  # fmt: skip


@require_GET
def editor(request, pk: int):
    plan = access.for_editing(request.user, "plan", pk)
    context = structure_context(plan)
    context["plan_history"] = plan.history.select_related("history_user").filter(
        history_change_reason__isnull=False
    )[:10]
    context["other_plans"] = type(plan).objects.exclude(pk=plan.pk)
    return render(request, "plans/editor.html", context)


def _locked(request, plan):
    try:
        ensure_editable(plan)
    except PlanLocked as error:
        template = "plans/fragment_message.html" if request.htmx else "plans/message_page.html"
        context = {"plan": plan, "message": str(error), "title": "Planen är låst"}
        return render(request, template, context, status=409)
    return None


def _structure_response(request, plan, message: str, focus: str = ""):
    if not request.htmx:
        messages.success(request, message)
        return redirect(_editor_url(plan, focus))
    context = {**structure_context(plan), "status_message": message, "focus": focus}
    response = render(request, "plans/fragment_structure.html", context)
    return reswap(retarget(response, "#plan-structure"), "outerHTML")


def _item_response(request, kind, obj, message: str):
    plan = access.plan_of(obj)
    if not request.htmx:
        messages.success(request, message)
        return redirect(_editor_url(plan, kind.dom_id(obj)))
    context = {kind.name: obj, "plan": plan, "editable": True, "status_message": message,
               "autofocus": True}  # fmt: skip
    return render(request, kind.template, context)


def _form_response(request, kind, form, *, obj=None, parent=None, status=200, conflict=None):
    plan = access.plan_of(obj or parent)
    if obj is not None:
        action = reverse(f"plans:{kind.name}_edit", args=[obj.pk])
        heading = f"Ändra {kind.title(obj)}"
        dom_id = kind.dom_id(obj)
    else:
        action = reverse(f"plans:{kind.name}_add", args=[parent.pk])
        heading = NEW_HEADINGS[kind.name]
        dom_id = f"new-{kind.name}-{parent.pk}"
    context = {
        "form": form, "kind": kind, "obj": obj, "parent": parent, "plan": plan,
        "action": action, "heading": heading, "dom_id": dom_id, "conflict": conflict,
        "cancel_url": _editor_url(plan, kind.dom_id(obj) if obj else ""),
        "show_url": reverse(f"plans:{kind.name}_show", args=[obj.pk]) if obj else "",
        "level": {"focus_area": 2, "goal": 3}.get(kind.name, 5),
    }  # fmt: skip
    template = "plans/fragment_form.html" if request.htmx else "plans/form_page.html"
    return render(request, template, context, status=status)


@require_GET
def item_show(request, kind: str, pk: int):
    kind = KINDS[kind]
    obj = access.for_editing(request.user, kind.name, pk)
    plan = access.plan_of(obj)
    context = {kind.name: obj, "plan": plan, "editable": plan.status == plan.Status.DRAFT}
    return render(request, kind.template, context)


@require_http_methods(["GET", "POST"])
def item_edit(request, kind: str, pk: int):
    kind = KINDS[kind]
    obj = access.for_editing(request.user, kind.name, pk)
    if locked := _locked(request, access.plan_of(obj)):
        return locked
    parent = kind.parent(obj)
    if request.method == "GET":
        return _form_response(request, kind, kind.form(instance=obj, **kind.form_kwargs(parent)),
                              obj=obj)  # fmt: skip
    with transaction.atomic():
        # Parent first, as adding and moving do: a changed number renumbers the siblings.
        type(parent).objects.select_for_update().get(pk=parent.pk)
        obj = kind.model.objects.select_for_update().get(pk=obj.pk)
        form = kind.form(request.POST, instance=obj, **kind.form_kwargs(parent))
        model_fields = {f.name for f in kind.model._meta.get_fields()}
        names = [n for n in form.fields if n in model_fields and n != "version"]
        current = editing.snapshot(obj, names)
        if conflict := editing.conflict(obj, form, current):
            data = request.POST.copy()
            data["version"] = str(obj.version)
            fresh = kind.model.objects.get(pk=obj.pk)
            form = kind.form(data, instance=fresh, **kind.form_kwargs(parent))
            return _form_response(request, kind, form, obj=fresh, status=409, conflict=conflict)
        if not form.is_valid():
            return _form_response(request, kind, form, obj=obj, status=422)
        obj = editing.save_versioned(form)
        if kind.name == "activity":
            editing.set_responsible(obj, form.cleaned_data["responsible_lines"])
        moved = _place_after_edit(kind, obj, form, parent)
    message = f"Ändringen i {kind.title(obj)} har sparats."
    if moved:
        return _structure_response(request, access.plan_of(obj), message, kind.dom_id(obj))
    return _item_response(request, kind, obj, message)


def _place_after_edit(kind, obj, form, parent) -> bool:
    """A changed number moves the item there; True when the numbering changed."""
    position = getattr(form, "position", None)
    if position is None:
        return False
    siblings = kind.siblings(parent)
    if kind.name == "focus_area":
        if position == obj.number:
            return False
        kind.renumber(parent, numbering.placed(siblings, obj, position))
    else:
        typed = form.cleaned_data["code"]
        if typed == obj.code:
            return False
        order = numbering.placed(siblings, obj, position)
        kind.renumber(parent, order, styles={obj.pk: typed})
    obj.refresh_from_db()
    return True


@require_http_methods(["GET", "POST"])
def item_add(request, kind: str, parent_pk: int):
    kind = KINDS[kind]
    parent = access.for_editing(request.user, kind.parent_kind, parent_pk)
    if locked := _locked(request, access.plan_of(parent)):
        return locked
    if request.method == "GET":
        form = kind.form(instance=kind.new_for(parent), **kind.form_kwargs(parent))
        return _form_response(request, kind, form, parent=parent)
    with transaction.atomic():
        type(parent).objects.select_for_update().get(pk=parent.pk)  # one add at a time
        form = kind.form(request.POST, instance=kind.new_for(parent), **kind.form_kwargs(parent))
        if not form.is_valid():
            return _form_response(request, kind, form, parent=parent, status=422)
        obj = _create(kind, form, parent)
    message = f"{_cap(kind.title(obj))} har lagts till."
    return _structure_response(request, access.plan_of(obj), message, kind.dom_id(obj))


def _create(kind, form, parent):
    siblings = kind.siblings(parent)
    end = len(siblings) + 1
    position = min(getattr(form, "position", None) or end, end)
    obj = form.save(commit=False)
    if kind.name == "focus_area":
        kind.renumber(parent, siblings, skip=position)
        obj.number = position
    elif kind.name == "key_figure":
        obj.position = len(siblings)
    else:
        kind.renumber(parent, siblings, skip=position)
        prefix = (parent.number,) if kind.name == "goal" else numbering.code_parts(parent.code)
        style = form.cleaned_data["code"] or (siblings[0].code if siblings else "")
        obj.code = numbering.with_numbers(style, (*prefix, position))
    obj.save()
    form.save_m2m()
    if kind.name == "activity":
        editing.set_responsible(obj, form.cleaned_data["responsible_lines"])
    return obj


@require_http_methods(["GET", "POST"])
def item_delete(request, kind: str, pk: int):
    kind = KINDS[kind]
    obj = access.for_editing(request.user, kind.name, pk)
    plan = access.plan_of(obj)
    if locked := _locked(request, plan):
        return locked
    blockers = editing.delete_blockers(obj)
    context = {"kind": kind, "obj": obj, "plan": plan, "blockers": blockers,
               "dom_id": kind.dom_id(obj), "title": f"Ta bort {kind.title(obj)}",
               "what": kind.title(obj),
               "delete_url": reverse(f"plans:{kind.name}_delete", args=[obj.pk]),
               "children": _children(kind, obj), "cancel_url": _editor_url(plan, kind.dom_id(obj)),
               "show_url": reverse(f"plans:{kind.name}_show", args=[obj.pk])}  # fmt: skip
    template = "plans/fragment_delete.html" if request.htmx else "plans/delete_page.html"
    if request.method == "GET":
        return render(request, template, context)
    if blockers:
        return render(request, template, context, status=409)
    title, parent = kind.title(obj), kind.parent(obj)
    try:
        with transaction.atomic():
            obj.delete()
            kind.renumber(parent, kind.siblings(parent))
    except ProtectedError:
        context["blockers"] = editing.delete_blockers(obj) or [
            "Någon har just rapporterat uppföljning här; inget togs bort."
        ]
        return render(request, template, context, status=409)
    return _structure_response(request, plan, f"{_cap(title)} har tagits bort.",
                               "plan-structure")  # fmt: skip


def _children(kind, obj) -> list[str]:
    """What goes with the item when it is deleted, said plainly for the confirmation."""
    if kind.name == "focus_area":
        goals = obj.goals.count()
        figures = KeyFigure.objects.filter(goal__focus_area=obj).count()
        activities = sum(g.activities.count() for g in obj.goals.all())
        return [f"{goals} mål", f"{figures} nyckeltal", _activities(activities)]
    if kind.name == "goal":
        return [f"{obj.key_figures.count()} nyckeltal", _activities(obj.activities.count())]
    return []


@require_POST
def item_move(request, kind: str, pk: int):
    kind = KINDS[kind]
    obj = access.for_editing(request.user, kind.name, pk)
    plan = access.plan_of(obj)
    if locked := _locked(request, plan):
        return locked
    direction = request.POST.get("direction", "")
    with transaction.atomic():
        parent = kind.parent(obj)
        type(parent).objects.select_for_update().get(pk=parent.pk)
        order = numbering.moved(kind.siblings(parent), obj, direction)
        if order is not None:
            kind.renumber(parent, order)
    obj.refresh_from_db()
    word = "upp" if direction == "up" else "ned"
    message = (
        f"{_cap(kind.title(obj))} har flyttats {word}."
        if order is not None
        else f"{_cap(kind.title(obj))} kan inte flyttas längre {word}."
    )
    return _structure_response(request, plan, message, f"{kind.dom_id(obj)}-{direction}")


def _activities(n: int) -> str:
    return ngettext("%d aktivitet", "%d aktiviteter", n) % n
