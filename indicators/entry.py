"""The entry grid for one unit × one period: loading it, saving it, and what blocks submitting.

Loading takes a fixed number of queries however many key figures there are; saving is one
transaction that refuses the whole save when any value was changed by someone else meanwhile.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from indicators import outcomes, workflow
from indicators.forms import ValueForm
from indicators.models import Period, Submission, Value
from organisation.models import OrgUnit
from plans.targets import Status, ValueKind, format_value


class StaleSave(Exception):
    """Someone else saved one of the values after this page was opened."""

    def __init__(self, names):
        self.names = names
        super().__init__(
            "Någon annan har sparat "
            + ", ".join(f"”{n}”" for n in names)
            + " medan du hade sidan öppen. Inget av dina värden sparades. Ladda om sidan, "
            "se det nya värdet och gör om din ändring."
        )


class ReportLocked(workflow.TransitionError):
    """The report was approved, submitted or passed its deadline before this save got in."""


@dataclass
class Row:
    key_figure: object
    value: Value | None
    previous: Value | None
    form: ValueForm | None = None
    dom_id: str = ""
    period: object = None
    municipal: list | None = None  # for the whole area: the municipalities' values (Points)

    @property
    def raw(self):
        if self.form is not None and self.form.is_bound and self.form.is_valid():
            return self.form.raw()
        return self.value.raw if self.value else None

    @property
    def previous_raw(self):
        return self.previous.raw if self.previous else None

    @property
    def previous_shown(self) -> str:
        if self.previous is None:
            return "–"
        if self.previous.not_available:
            return "Uppgift kan inte lämnas"
        return format_value(self.previous_raw, self.key_figure.value_kind)

    @property
    def value_shown(self) -> str:
        return format_value(self.raw, self.key_figure.value_kind)

    def _point(self) -> outcomes.Point | None:
        if self.form is not None and self.form.is_bound and self.form.is_valid():
            return _entered_point(self.key_figure.value_kind, self.form)
        return outcomes.point_of(self.value)

    @property
    def outcome(self) -> outcomes.Outcome:
        """This period's value and status, by the one rule (compared with the period before)."""
        if not hasattr(self, "_outcome"):
            kf, specs = self.key_figure, [self.period] if self.period else []
            before = outcomes.combine(kf, specs, [outcomes.point_of(self.previous)])
            own = outcomes.combine(kf, specs, [self._point()])
            self._outcome = outcomes.judge(kf, own, before, "period")
        return self._outcome

    evaluation = outcome  # the templates' name for it

    @property
    def trend(self) -> str:
        return self.outcome.trend

    @property
    def target_text(self) -> str:
        return outcomes.target_text(self.key_figure, "period")

    @property
    def area_warning(self) -> str:
        """For the whole area: a warning when its value lies outside the municipalities'."""
        if not self.municipal or self.period is None:
            return ""
        kf, specs = self.key_figure, [self.period]
        parts = [outcomes.combine(kf, specs, [p]) for p in self.municipal]
        return outcomes.area_range_warning(kf, outcomes.combine(kf, specs, [self._point()]), parts)

    @property
    def municipal_range(self) -> str:
        if not self.municipal or self.period is None:
            return ""
        kf, specs = self.key_figure, [self.period]
        parts = [outcomes.combine(kf, specs, [p]) for p in self.municipal]
        shown = [p.display for p in parts if not p.missing]
        return ", ".join(shown)

    @property
    def not_available(self) -> bool:
        if self.form is not None and self.form.is_bound and self.form.is_valid():
            return bool(self.form.cleaned_data.get("not_available"))
        return bool(self.value and self.value.not_available)

    @property
    def explanation(self) -> str:
        if self.form is not None and self.form.is_bound and self.form.is_valid():
            return self.form.cleaned_data.get("explanation", "")
        return self.value.explanation if self.value else ""

    @property
    def problem(self) -> str:
        """What stops the report from being submitted, in Swedish ("" when nothing does)."""
        if self.raw is None and not self.not_available:
            return "Fyll i ett värde eller kryssa i ”Uppgift kan inte lämnas” med en orsak."
        if self.evaluation.status == Status.NOT_MET and not self.explanation.strip():
            return "Målet nås inte: skriv en kort förklaring."
        return ""


def _entered_point(kind, form) -> outcomes.Point:
    raw = form.raw()
    data = form.cleaned_data
    if kind == ValueKind.YES_NO:
        return outcomes.Point(yes_no=raw, not_available=bool(data.get("not_available")))
    if kind == ValueKind.TEXT:
        return outcomes.Point(text=raw or "", not_available=bool(data.get("not_available")))
    return outcomes.Point(
        number=raw, numerator=data.get("numerator"), denominator=data.get("denominator"),
        not_available=bool(data.get("not_available")),
        reason=data.get("not_available_reason", ""),
    )  # fmt: skip


def previous_period(period):
    return (
        Period.objects.filter(plan_id=period.plan_id, kind=period.kind, start__lt=period.start)
        .order_by("-start")
        .first()
    )


def load_rows(unit, period, figures, data=None, prefix="") -> list[Row]:
    """One row per figure with its value and the previous period's value; forms bound to data."""
    before = previous_period(period)
    values = {
        v.key_figure_id: v
        for v in Value.objects.filter(org_unit=unit, period=period).select_related("updated_by")
    }
    previous = {}
    if before is not None:
        previous = {v.key_figure_id: v for v in Value.objects.filter(org_unit=unit, period=before)}
    municipal = {}
    if unit.kind == OrgUnit.Kind.AREA:
        # The whole area's entry page shows its municipalities' values beside its own.
        municipal = _municipal_points(period, figures)
    rows = []
    for kf in figures:
        value = values.get(kf.pk)
        if value is not None:
            value.key_figure = kf
        prev = previous.get(kf.pk)
        if prev is not None:
            prev.key_figure = kf
        form = ValueForm(data, prefix=f"{prefix}kf{kf.pk}", key_figure=kf, value=value)
        rows.append(
            Row(kf, value, prev, form, dom_id=f"{prefix}rad-{kf.pk}", period=period,
                municipal=municipal.get(kf.pk))
        )  # fmt: skip
    return rows


def _municipal_points(period, figures) -> dict:
    found = {}
    for value in Value.objects.filter(
        period=period, key_figure__in=figures, org_unit__kind=OrgUnit.Kind.MUNICIPALITY
    ):
        found.setdefault(value.key_figure_id, []).append(outcomes.point_of(value))
    return found


def content_changed(form) -> bool:
    """Changed apart from the version field (which only says which version the page showed)."""
    return any(name != "version" for name in form.changed_data)


def submit_problems(rows: list[Row]) -> list[tuple[Row, str]]:
    return [(row, row.problem) for row in rows if row.problem]


def save_rows(unit, period, rows: list[Row], user, actor: workflow.Actor) -> int:
    """Save the rows whose form changed; all or nothing. Returns how many values changed.

    The report's row is locked and its lock checked inside the save's transaction, so an approval
    running at the same moment either waits for these values or refuses this save (ReportLocked).

    Two first saves of the same value at once: the database's unique constraint stops the second,
    which is then refused like any other stale save.
    """
    try:
        return _save_rows(unit, period, rows, user, actor)
    except IntegrityError as error:
        raise StaleSave(
            [row.key_figure.name for row in rows if content_changed(row.form)]
        ) from error


@transaction.atomic
def _save_rows(unit, period, rows: list[Row], user, actor) -> int:
    changed = [row for row in rows if content_changed(row.form)]
    if not changed:
        return 0
    report = Submission.objects.select_for_update().get(org_unit=unit, period=period)
    today = timezone.localdate()
    if not workflow.can_edit(report.status, period.deadline, today, actor):
        raise ReportLocked(workflow.lock_reason(report.status, period.deadline, today, actor))
    locked = {
        v.key_figure_id: v
        for v in Value.objects.select_for_update().filter(
            org_unit=unit, period=period, key_figure__in=[r.key_figure for r in changed]
        )
    }
    stale = [
        row.key_figure.name
        for row in changed
        if (locked[row.key_figure.pk].version if row.key_figure.pk in locked else 0)
        != (row.form.cleaned_data.get("version") or 0)
    ]
    if stale:
        raise StaleSave(stale)
    for row in changed:
        value = locked.get(row.key_figure.pk) or Value(
            key_figure=row.key_figure, org_unit=unit, period=period, version=0
        )
        row.form.apply_to(value)
        value.version += 1
        value.updated_by = user
        value.save()
        row.value = value
    return len(changed)
