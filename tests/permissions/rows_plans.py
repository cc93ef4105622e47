"""Rows for the plan editor, life cycle and history (plans/)."""

from django.core.files.uploadedfile import SimpleUploadedFile

from plans.models import Activity, Goal, KeyFigure, Plan
from tests.permissions.grid import BOUNCE, OK, REDIR, Row, logged_in, process_leader_only


def _fa(ctx):
    return ctx.goal.focus_area


def _version(model, pk):
    return model.objects.get(pk=pk).version


def _throwaway_activity(ctx):
    code = f"2:1:{Activity.objects.count() + 10}"
    ctx.throwaway = Activity.objects.create(goal=ctx.goal, code=code, text="Tas bort")


def _throwaway_key_figure(ctx):
    figure = KeyFigure.objects.get(pk=ctx.key_figure.pk)
    figure.pk, figure.name = None, f"Tas bort {KeyFigure.objects.count()}"
    figure.save()
    ctx.throwaway_figure = figure


def _set_status(status):
    def setup(ctx):
        Plan.objects.filter(pk=ctx.plan.pk).update(status=status, adopted_on="2026-01-15")
        for earlier_copy in Plan.objects.filter(first_year=2028):
            Plan.objects.filter(pk=earlier_copy.pk).update(title=f"Kopia {earlier_copy.pk}")

    return setup


GOAL_DATA = lambda ctx: {  # noqa: E731
    "code": ctx.goal.code, "title": "Trygg utskrivning", "version": _version(Goal, ctx.goal.pk),
}  # fmt: skip
ACTIVITY_DATA = lambda ctx: {  # noqa: E731
    "code": "2:1:1", "text": "Ny text", "responsible_lines": "Samordningsgruppen",
    "version": _version(Activity, ctx.activity.pk),
}  # fmt: skip
KEY_FIGURE_DATA = lambda ctx: {  # noqa: E731
    "name": "Medelvårdtid", "target_kind": "comparison", "target_operator": "lt",
    "target_threshold": "0,9", "value_kind": "days", "frequency": "year",
    "reporting_level": "both", "reporting_frequency": "yearly",
    "version": _version(KeyFigure, ctx.key_figure.pk),
}  # fmt: skip

ROWS = [
    Row("plans:editor", process_leader_only(), args=lambda ctx: [ctx.plan.pk]),
    Row("plans:adopt", process_leader_only(), args=lambda ctx: [ctx.plan.pk]),
    Row(
        "plans:adopt",
        process_leader_only(REDIR),
        args=lambda ctx: [ctx.plan.pk],
        method="post",
        data=lambda ctx: {"adopted_on": "2026-01-15"},
        setup=_set_status("draft"),
    ),
    Row("plans:reopen", process_leader_only(), args=lambda ctx: [ctx.plan.pk]),
    Row(
        "plans:reopen",
        process_leader_only(REDIR),
        args=lambda ctx: [ctx.plan.pk],
        method="post",
        data=lambda ctx: {"reason": "Ny lagstiftning"},
        setup=_set_status("adopted"),
    ),
    Row("plans:next_plan", process_leader_only(), args=lambda ctx: [ctx.plan.pk]),
    Row(
        "plans:publish",
        process_leader_only(REDIR),
        args=lambda ctx: [ctx.plan.pk],
        method="post",
        data=lambda ctx: {"is_public": "false"},
    ),
    Row(
        "plans:next_plan",
        process_leader_only(REDIR),
        args=lambda ctx: [ctx.plan.pk],
        method="post",
        data=lambda ctx: {"first_year": 2028, "last_year": 2029},
        setup=_set_status("adopted"),
    ),
    # Focus areas
    Row("plans:focus_area_show", process_leader_only(), args=lambda ctx: [_fa(ctx).pk]),
    Row("plans:focus_area_edit", process_leader_only(), args=lambda ctx: [_fa(ctx).pk]),
    Row(
        "plans:focus_area_edit",
        process_leader_only(REDIR),
        args=lambda ctx: [_fa(ctx).pk],
        method="post",
        data=lambda ctx: {
            "number": 2,
            "title": "Trygg vårdövergång",
            "version": _fa(ctx).__class__.objects.get(pk=_fa(ctx).pk).version,
        },
    ),
    Row("plans:focus_area_add", process_leader_only(), args=lambda ctx: [ctx.plan.pk]),
    Row(
        "plans:focus_area_add",
        process_leader_only(REDIR),
        args=lambda ctx: [ctx.plan.pk],
        method="post",
        data=lambda ctx: {"title": "Nytt område"},
    ),
    Row("plans:focus_area_delete", process_leader_only(), args=lambda ctx: [_fa(ctx).pk]),
    Row(
        "plans:focus_area_delete",
        process_leader_only(409),
        args=lambda ctx: [_fa(ctx).pk],
        method="post",
        notes="Goal 2:2 is referred to by others ('Se mål 2:2'): refused.",
    ),
    Row(
        "plans:focus_area_move",
        process_leader_only(REDIR),
        args=lambda ctx: [_fa(ctx).pk],
        method="post",
        data=lambda ctx: {"direction": "down"},
    ),
    # Goals
    Row("plans:goal_show", process_leader_only(), args=lambda ctx: [ctx.goal.pk]),
    Row("plans:goal_edit", process_leader_only(), args=lambda ctx: [ctx.goal.pk]),
    Row(
        "plans:goal_edit",
        process_leader_only(REDIR),
        args=lambda ctx: [ctx.goal.pk],
        method="post",
        data=GOAL_DATA,
    ),
    Row("plans:goal_add", process_leader_only(), args=lambda ctx: [_fa(ctx).pk]),
    Row(
        "plans:goal_add",
        process_leader_only(REDIR),
        args=lambda ctx: [_fa(ctx).pk],
        method="post",
        data=lambda ctx: {"code": "", "title": "Nytt mål"},
    ),
    Row("plans:goal_delete", process_leader_only(), args=lambda ctx: [ctx.goal.pk]),
    Row(
        "plans:goal_delete",
        process_leader_only(409),
        args=lambda ctx: [ctx.goal.focus_area.goals.get(code="2:2").pk],
        method="post",
        notes="Goal 2:2 is referred to by another goal ('Se mål 2:2'): refused.",
    ),
    Row(
        "plans:goal_move",
        process_leader_only(REDIR),
        args=lambda ctx: [ctx.goal.pk],
        method="post",
        data=lambda ctx: {"direction": "down"},
    ),
    Row("plans:goal_history", logged_in(OK), args=lambda ctx: [ctx.goal.pk]),
    Row(
        "plans:goal_restore",
        process_leader_only(REDIR),
        args=lambda ctx: [ctx.goal.pk, ctx.goal.history.earliest().history_id],
        method="post",
        data=lambda ctx: {"version": _version(Goal, ctx.goal.pk)},
    ),
    # Activities
    Row("plans:activity_show", process_leader_only(), args=lambda ctx: [ctx.activity.pk]),
    Row("plans:activity_edit", process_leader_only(), args=lambda ctx: [ctx.activity.pk]),
    Row(
        "plans:activity_edit",
        process_leader_only(REDIR),
        args=lambda ctx: [ctx.activity.pk],
        method="post",
        data=ACTIVITY_DATA,
    ),
    Row("plans:activity_add", process_leader_only(), args=lambda ctx: [ctx.goal.pk]),
    Row(
        "plans:activity_add",
        process_leader_only(REDIR),
        args=lambda ctx: [ctx.goal.pk],
        method="post",
        data=lambda ctx: {"text": "Ny aktivitet"},
    ),
    Row("plans:activity_delete", process_leader_only(), args=lambda ctx: [ctx.activity.pk]),
    Row(
        "plans:activity_delete",
        process_leader_only(REDIR),
        args=lambda ctx: [ctx.throwaway.pk],
        method="post",
        setup=_throwaway_activity,
    ),
    Row(
        "plans:activity_move",
        process_leader_only(REDIR),
        args=lambda ctx: [ctx.activity.pk],
        method="post",
        data=lambda ctx: {"direction": "down"},
    ),
    Row("plans:activity_history", logged_in(OK), args=lambda ctx: [ctx.activity.pk]),
    Row(
        "plans:activity_restore",
        process_leader_only(REDIR),
        args=lambda ctx: [ctx.activity.pk, ctx.activity.history.earliest().history_id],
        method="post",
        data=lambda ctx: {"version": _version(Activity, ctx.activity.pk)},
    ),
    # Key figures
    Row("plans:key_figure_show", process_leader_only(), args=lambda ctx: [ctx.key_figure.pk]),
    Row("plans:key_figure_edit", process_leader_only(), args=lambda ctx: [ctx.key_figure.pk]),
    Row(
        "plans:key_figure_edit",
        process_leader_only(REDIR),
        args=lambda ctx: [ctx.key_figure.pk],
        method="post",
        data=KEY_FIGURE_DATA,
    ),
    Row("plans:key_figure_add", process_leader_only(), args=lambda ctx: [ctx.goal.pk]),
    Row(
        "plans:key_figure_add",
        process_leader_only(REDIR),
        args=lambda ctx: [ctx.goal.pk],
        method="post",
        data=lambda ctx: {**KEY_FIGURE_DATA(ctx), "version": ""},
    ),
    Row("plans:key_figure_delete", process_leader_only(), args=lambda ctx: [ctx.key_figure.pk]),
    Row(
        "plans:key_figure_delete",
        process_leader_only(REDIR),
        args=lambda ctx: [ctx.throwaway_figure.pk],
        method="post",
        setup=_throwaway_key_figure,
    ),
    Row(
        "plans:key_figure_move",
        process_leader_only(REDIR),
        args=lambda ctx: [ctx.key_figure.pk],
        method="post",
        data=lambda ctx: {"direction": "up"},
    ),
    Row("plans:key_figure_history", logged_in(OK), args=lambda ctx: [ctx.key_figure.pk]),
    Row(
        "plans:key_figure_restore",
        process_leader_only(REDIR),
        args=lambda ctx: [ctx.key_figure.pk, ctx.key_figure.history.earliest().history_id],
        method="post",
        data=lambda ctx: {"version": _version(KeyFigure, ctx.key_figure.pk)},
    ),
    Row("plans:import_document", process_leader_only()),
    Row(
        "plans:import_document",
        process_leader_only(),
        method="post",
        data=lambda ctx: {"file": SimpleUploadedFile("plan.docx", _small_plan_docx())},
        notes="Reads and previews; nothing is written (the preview is 200).",
    ),
    Row(
        "plans:import_document_confirm",
        process_leader_only(BOUNCE),
        method="post",
        notes="Without a previewed document in the session it sends back to the upload page.",
    ),
]


def _small_plan_docx() -> bytes:
    from tests.plans.word_documents import dotted_codes_docx

    return dotted_codes_docx()
