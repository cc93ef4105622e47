"""Adopt, reopen and "create the next plan": deliberate acts on whole pages, then back to the
editor. The rules live in plans/lifecycle.py."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from plans import access, lifecycle
from plans.forms import AdoptForm, NextPlanForm, ReopenForm

PAGES = {
    "adopt": ("Fastställ planen", AdoptForm),
    "reopen": ("Öppna planen för ändringar", ReopenForm),
    "next_plan": ("Skapa nästa plan", NextPlanForm),
}


def _initial(action, plan) -> dict:
    if action == "next_plan":
        first, last = lifecycle.next_period(plan)
        return {"first_year": first, "last_year": last}
    return {}


def _run(action, plan, data):
    if action == "adopt":
        return lifecycle.adopt(plan, data["adopted_on"])
    if action == "reopen":
        return lifecycle.reopen(plan, data["reason"])
    return lifecycle.create_next_plan(plan, data["first_year"], data["last_year"])


DONE = {
    "adopt": "Planen är fastställd. Strukturen är nu låst.",
    "reopen": "Planen är öppnad för ändringar. Skälet finns i planens historik.",
    "next_plan": "Nästa plan är skapad som utkast, med samma struktur och utan uppföljningsvärden.",
}


@require_http_methods(["GET", "POST"])
def plan_action(request, action: str, pk: int):
    plan = access.for_editing(request.user, "plan", pk)
    title, form_class = PAGES[action]
    form = form_class(request.POST or None, initial=_initial(action, plan))
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            try:
                result = _run(action, plan, form.cleaned_data)
            except lifecycle.LifecycleError as error:
                form.add_error(None, str(error))
                status = 409
            else:
                messages.success(request, DONE[action])
                return redirect("plans:editor", pk=result.pk)
    context = {"plan": plan, "form": form, "title": title, "action": action}
    return render(request, "plans/lifecycle_page.html", context, status=status)


@require_POST
def publish(request, pk: int):
    """Marking a plan public makes its plan page readable without log-in (nothing else)."""
    plan = access.for_editing(request.user, "plan", pk)
    public = request.POST.get("is_public") == "true"
    if plan.is_public != public:
        plan.is_public = public
        plan._change_reason = "Publicerad för alla" if public else "Inte längre publik"
        plan.save(update_fields=["is_public"])
    messages.success(
        request,
        "Planen kan nu läsas utan inloggning." if public else "Planen kräver nu inloggning.",
    )
    return redirect("plans:editor", pk=plan.pk)
