from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from accounts import roles
from plans import access, history
from plans.items import KINDS


@require_GET
def item_history(request, kind: str, pk: int):
    kind = KINDS[kind]
    obj = access.for_history(request.user, kind.name, pk)
    plan = access.plan_of(obj)
    context = {
        "kind": kind, "obj": obj, "plan": plan, "entries": history.entries(obj),
        "title": f"Historik för {kind.title(obj)}",
        "can_restore": roles.can_edit_plan(request.user, plan)
        and plan.status == plan.Status.DRAFT,
        "restore_url": f"plans:{kind.name}_restore",
    }  # fmt: skip
    if kind.name == "goal":
        context["related"] = [
            *((f"Nyckeltal: {f.name}", reverse("plans:key_figure_history", args=[f.pk]))
              for f in obj.key_figures.all()),
            *((f"Aktivitet {a.code}", reverse("plans:activity_history", args=[a.pk]))
              for a in obj.activities.all()),
        ]  # fmt: skip
    return render(request, "plans/history.html", context)


@require_POST
def item_restore(request, kind: str, pk: int, record: int):
    kind = KINDS[kind]
    obj = access.for_editing(request.user, kind.name, pk)
    record = obj.history.filter(history_id=record).first()
    if record is None:
        raise Http404
    url = reverse(f"plans:{kind.name}_history", args=[obj.pk])
    plan = access.plan_of(obj)
    if plan.status != plan.Status.DRAFT:
        messages.error(request, "Planen är fastställd och låst. Öppna den för ändringar först.")
        return redirect(url)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = None
    try:
        history.restore(obj, record, version)
    except history.StaleRestore as error:
        messages.error(request, str(error))
        return redirect(url)
    messages.success(request, "Den tidigare versionen är återställd. Återställningen syns överst.")
    return redirect(url)
