"""Reading a new plan from its Word document: upload → preview (nothing written) → create.

The preview keeps the read document (plain JSON) in the session, so "Skapa planen" creates
exactly what was shown. The rules are in plans/word_import/.
"""

import copy

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from accounts import roles
from accounts.areas import current_area
from plans.targets import Target
from plans.word_import import Reading, WordImportError, create_draft, read_plan_document
from simba.uploads import validate_upload

SESSION_KEY = "simba-word-import"


class WordUploadForm(forms.Form):
    file = forms.FileField(
        label="Planens Word-dokument (.docx)",
        help_text="Dokumentet som planen skrevs i. Inget sparas förrän du har granskat och "
        "bekräftat.",
        error_messages={"required": "Välj Word-dokumentet med planen."},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        # .doc passes here so that the reader can explain how to save it as .docx.
        validate_upload(upload, ["docx", "doc"])
        return upload


def _only_process_leader(user):
    if not roles.is_process_leader(user):
        raise PermissionDenied("Bara processledaren kan läsa in en plan från ett Word-dokument.")


def _preview(reading: Reading) -> dict:
    """The read document with each key figure's target as a reader would write it."""
    document = copy.deepcopy(reading.document)
    for fa in document["focus_areas"]:
        for goal in fa["goals"]:
            for figure in goal["key_figures"]:
                figure["target_label"] = Target(
                    kind=figure["target_kind"],
                    value_kind=figure["value_kind"],
                    operator=figure["target_operator"] or None,
                    threshold=figure["target_threshold"],
                    direction=figure["target_direction"] or None,
                    note=figure["target_note"],
                ).describe()
    return document


@require_http_methods(["GET", "POST"])
def import_document(request):
    """Step 1: upload and preview."""
    _only_process_leader(request.user)
    form = WordUploadForm(request.POST or None, request.FILES or None)
    reading, error, status = None, "", 200
    if request.method == "POST":
        request.session.pop(SESSION_KEY, None)
        status = 422
        if form.is_valid():
            try:
                reading = read_plan_document(form.cleaned_data["file"], current_area(request))
            except WordImportError as problem:
                error = str(problem)
            else:
                if not reading.errors:
                    request.session[SESSION_KEY] = {"document": reading.document}
                    status = 200
    context = {
        "form": form,
        "error": error,
        "reading": reading,
        "document": _preview(reading) if reading else None,
        "counts": reading.counts if reading else None,
    }
    return render(request, "plans/word_import.html", context, status=status)


@require_POST
def import_document_confirm(request):
    """Step 2: create the previewed plan as a draft, all or nothing."""
    _only_process_leader(request.user)
    stored = request.session.get(SESSION_KEY)
    if not stored:
        messages.error(request, "Det finns inget granskat dokument att skapa en plan från. "
                       "Ladda upp dokumentet igen.")  # fmt: skip
        return redirect("plans:import_document")
    try:
        plan = create_draft(
            Reading(stored["document"], [], []), request.user, current_area(request)
        )
    except WordImportError as problem:
        messages.error(request, f"Ingenting sparades. {problem}")
        return redirect("plans:import_document")
    request.session.pop(SESSION_KEY, None)
    messages.success(
        request, f"Planen ”{plan.title}” {plan.period_label} är skapad som utkast. Granska och "
        "komplettera den här innan den fastställs.",
    )  # fmt: skip
    return redirect("plans:editor", plan.pk)
