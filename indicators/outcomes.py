"""One rule for every figure: a key figure's value and status for a unit over a span.

Every page, export and report asks this module; nothing else forms a year value or a status.
The pure functions take plain data (`Point`s, one per stored value); `Book` loads what a page
needs in a constant number of queries and answers per figure × unit × span.

The rule (README, "One truth for every figure"):
  * A span is one period, a year or the plan period. Its value is formed by the figure's
    `year_basis`: the sum of its periods (counts), its numerators over its denominators
    (percentages with numerator/denominator), the last period's value, or the value as of a
    date (the "latest 12 months per …" period ending in the span).
  * Coverage: how many of the span's periods have a value ("11 av 12 mån"). A span with some
    values shows them with their coverage; only a span without any value reads "Värde saknas".
  * Status, one meaning each: Inget målvärde (the figure has no target, whatever the data),
    Värde saknas (no value at all), Ej bedömt (with the reason: incomplete span, or no complete
    previous year for a "ska öka/minska" target), else Uppfyllt / Ej uppfyllt. Increase and
    decrease targets compare a year with the previous year (a period with the previous period).
  * Percentages and days are rounded to one decimal before they are judged (the display rule's
    precision, `targets.DECIMALS`), so the value shown and its status always agree.
  * The whole area (`area_outcome`): its own reported value when it has one, else computed from
    the municipalities when the figure can be summed (counts summed, percentages from numerators
    and denominators); the other value is shown beside it, with a warning when the reported
    value lies outside the municipalities' range.
  * Headline status of a figure (`headline`): Inget målvärde without a target; else the worst
    judged row (Ej uppfyllt before Uppfyllt); with no judged row Ej bedömt when any row has a
    value, else Värde saknas.
  * A value is final only when every period it is built from belongs to an approved report.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from indicators.periods import periods_for
from plans import targets
from plans.targets import Status, TargetKind, ValueKind, YearBasis, default_basis

MONTH_ABBR = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
MONTH_NAMES = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
               "september", "oktober", "november", "december"]  # fmt: skip
UNIT_WORDS = {"month": "mån", "half_year": "halvår", "year": "år", "rolling_12_months": "period"}


@dataclass(frozen=True)
class Point:
    """One stored value, as plain data."""

    number: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    yes_no: bool | None = None
    text: str = ""
    not_available: bool = False
    reason: str = ""
    final: bool = False
    comment: str = ""


def raw_value(kind: str, point: Point | None):
    """A point's value in the form the target rules take: number, bool, text or None."""
    if point is None or point.not_available:
        return None
    if kind == ValueKind.YES_NO:
        return point.yes_no
    if kind == ValueKind.TEXT:
        return point.text or None
    if point.number is None and point.numerator is not None and point.denominator:
        return point.numerator * 100 / point.denominator
    return point.number


def rounded(value, kind: str):
    """A number at the precision it is shown with (plans/targets.py: shares and days one
    decimal), so that what is judged is what the reader sees."""
    if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
        return targets.quantize(value, kind)
    return value


@dataclass
class Outcome:
    """A figure's value for one unit over one span, with how it was formed and its status."""

    value: object = None  # Decimal, bool, str or None
    kind: str = ValueKind.COUNT
    basis: str = ""  # in words: "summa jan–dec", "andra halvåret", "" when it cannot mislead
    covered: int = 0
    expected: int = 1
    unit_word: str = "år"
    final: bool = False
    status: Status = Status.MISSING
    reason: str = ""
    trend: str = ""
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    comment: str = ""
    computed: bool = False  # the area's value computed from the municipalities
    other: str = ""  # the area's other value (reported beside computed, or the reverse)
    warning: str = ""

    @property
    def missing(self) -> bool:
        return self.value is None or self.value == ""

    @property
    def complete(self) -> bool:
        return self.covered >= self.expected

    @property
    def coverage(self) -> str:
        """ "11 av 12 mån" when something is missing, "" for a complete span."""
        if self.complete or self.missing:
            return ""
        if self.unit_word == "kommuner":
            return f"{self.covered} av {self.expected} kommuner fullständiga"
        return f"{self.covered} av {self.expected} {self.unit_word}"

    @property
    def display(self) -> str:
        return targets.format_value(self.value, self.kind)

    @property
    def shown(self) -> str:
        """The value with its coverage: "63 (11 av 12 mån)"."""
        coverage = self.coverage
        return f"{self.display} ({coverage})" if coverage and not self.missing else self.display

    @property
    def label(self) -> str:
        return targets.STATUS_LABELS[self.status]

    @property
    def symbol(self) -> str:
        return targets.STATUS_SYMBOLS[self.status]

    def as_dict(self) -> dict:
        """Plain JSON form (the report snapshot's cell; exports read the same keys)."""
        value = self.value
        if isinstance(value, Decimal):
            value = int(value) if value == value.to_integral_value() else float(value)
        return {
            "value": value,
            "display": self.display,
            "shown": self.shown,
            "basis": self.basis,
            "coverage": self.coverage,
            "status": str(self.status),
            "status_label": self.label,
            "symbol": self.symbol,
            "reason": self.reason,
            "trend": self.trend,
            "final": bool(self.final and not self.missing),
            "missing_reason": self.reason if self.missing else "",
            "comment": self.comment,
            "computed": self.computed,
            "other": self.other,
            "warning": self.warning,
        }


def _basis_words(basis: str, specs: list) -> str:
    if len(specs) <= 1:
        if specs and specs[0].kind == "rolling_12_months":
            end = specs[0].end
            return f"senaste 12 mån per {end.day} {MONTH_ABBR[end.month - 1]}"
        return ""
    first, last = specs[0], specs[-1]
    if first.kind == "month":
        stretch = f"{MONTH_ABBR[first.start.month - 1]}–{MONTH_ABBR[last.start.month - 1]}"
    elif first.kind == "half_year":
        stretch = "båda halvåren"
    else:
        stretch = f"{first.start.year}–{last.end.year}"
    if basis == YearBasis.SUM:
        return f"summa {stretch}"
    if basis == YearBasis.FRACTION:
        return f"täljare/nämnare {stretch}"
    return ""


def _last_words(spec) -> str:
    if spec.kind == "month":
        return MONTH_NAMES[spec.start.month - 1]
    if spec.kind == "half_year":
        return "första halvåret" if spec.start.month == 1 else "andra halvåret"
    if spec.kind == "rolling_12_months":
        return f"senaste 12 mån per {spec.end.day} {MONTH_ABBR[spec.end.month - 1]}"
    return f"helår {spec.start.year}"


def combine(figure, specs: list, points: list) -> Outcome:
    """The value of one unit over the span made of `specs` (time order), `points` matching them
    (None where nothing is stored). No status yet: see `judge`."""
    kind = figure.value_kind
    basis = figure.year_basis or default_basis(kind, figure.has_fraction, figure.frequency)
    raws = [raw_value(kind, p) for p in points]
    have = [i for i, r in enumerate(raws) if r is not None and r != ""]
    out = Outcome(kind=kind, expected=len(specs) or 1,
                  unit_word=UNIT_WORDS.get(specs[0].kind if specs else "year", "år"),
                  basis=_basis_words(basis, specs))  # fmt: skip
    # Each distinct comment once (the same explanation is often given every period).
    out.comment = " ".join(dict.fromkeys(p.comment for p in points if p is not None and p.comment))
    stored = [p for p in points if p is not None]
    if basis in (YearBasis.LAST, YearBasis.AS_OF) and len(specs) > 1:
        out.expected = 1
        if have:
            index = have[-1]
            out.value, point = raws[index], points[index]
            out.numerator, out.denominator = point.numerator, point.denominator
            out.covered = 1 if index == len(specs) - 1 else 0
            out.final = point.final
            out.basis = _last_words(specs[index])
            if not out.covered:
                out.reason = (
                    f"Värdet gäller {_last_words(specs[index])}, inte {_last_words(specs[-1])}."
                )
    elif basis == YearBasis.FRACTION:
        used = [
            points[i] for i in have
            if points[i].numerator is not None and points[i].denominator
        ]  # fmt: skip
        if len(specs) == 1 and have and not used:
            used_value = raws[have[0]]  # a single period entered as a percentage only
            out.value, out.covered, out.final = used_value, 1, points[have[0]].final
        elif used:
            numerator = sum((p.numerator for p in used), Decimal(0))
            denominator = sum((p.denominator for p in used), Decimal(0))
            out.value = numerator * 100 / denominator
            out.numerator, out.denominator = numerator, denominator
            out.covered = len(used)
            out.final = all(p.final for p in used) and out.covered == out.expected
    elif kind in (ValueKind.COUNT, ValueKind.PERCENTAGE, ValueKind.DAYS) and len(specs) > 1:
        numbers = [Decimal(str(raws[i])) for i in have]
        if numbers:
            out.value = sum(numbers, Decimal(0))
            out.covered = len(numbers)
            out.final = all(points[i].final for i in have) and out.covered == out.expected
    elif have:
        out.value, out.covered = raws[have[-1]], 1
        point = points[have[-1]]
        out.numerator, out.denominator, out.final = point.numerator, point.denominator, point.final
    out.value = rounded(out.value, kind)
    if out.missing:
        out.value = None
        reasons = [p.reason for p in stored if p.not_available and p.reason]
        out.reason = (
            "Uppgift kan inte lämnas: " + "; ".join(dict.fromkeys(reasons))
            if reasons
            else "Inget värde är rapporterat."
        )
    return out


def judge(figure, out: Outcome, previous: Outcome | None, compared: str = "år") -> Outcome:
    """Set `out`'s status and reason against the figure's target; `previous` is the span before."""
    target = figure.target
    if previous is not None and not out.missing and not previous.missing and previous.complete:
        out.trend = targets.trend(out.value, previous.value)
    if target.kind == TargetKind.NONE or (
        target.kind == TargetKind.COMPARISON and figure.value_kind == ValueKind.TEXT
    ):
        out.status = Status.NO_TARGET
        if not out.missing:
            out.reason = "Nyckeltalet har inget målvärde."
        return out
    if out.missing:
        out.status = Status.MISSING
        return out
    if not out.complete:
        out.status = Status.NOT_JUDGED
        out.reason = out.reason or f"Ofullständigt underlag: {out.coverage} har värden."
        return out
    if target.kind == TargetKind.DIRECTION:
        if previous is None or previous.missing or not previous.complete:
            out.status = Status.NOT_JUDGED
            out.reason = f"Inget fullständigt värde för föregående {compared} att jämföra med."
            return out
        evaluation = targets.evaluate(target, out.value, previous.value, compared)
    else:
        evaluation = targets.evaluate(target, out.value, None, compared)
    out.status, out.reason = evaluation.status, evaluation.reason
    return out


def outcome(figure, specs, points, previous: Outcome | None = None, compared="år") -> Outcome:
    return judge(figure, combine(figure, specs, points), previous, compared)


def can_sum(figure) -> bool:
    return figure.value_kind == ValueKind.COUNT or (
        figure.value_kind == ValueKind.PERCENTAGE and figure.has_fraction
    )


def computed_area(figure, parts: list[Outcome]) -> Outcome:
    """The area's value from the municipalities' outcomes for the same span (only summable
    figures): every value they have, so it is missing only when none has one. Its coverage
    counts the municipalities with a complete span ("3 av 4 kommuner fullständiga")."""
    kind = figure.value_kind
    out = Outcome(kind=kind, expected=len(parts), unit_word="kommuner", computed=True)
    have = [p for p in parts if not p.missing]
    out.basis = next((p.basis for p in parts if p.basis), "")
    if kind == ValueKind.PERCENTAGE:
        have = [p for p in have if p.numerator is not None and p.denominator]
        denominator = sum((p.denominator for p in have), Decimal(0))
        if denominator:
            numerator = sum((p.numerator for p in have), Decimal(0))
            out.value = rounded(numerator * 100 / denominator, kind)
            out.numerator, out.denominator = numerator, denominator
    elif have:
        out.value = sum((Decimal(str(p.value)) for p in have), Decimal(0))
    out.covered = sum(1 for p in have if p.complete) if out.value is not None else 0
    out.final = out.complete and all(p.final for p in have)
    out.comment = "Beräknat från kommunernas värden."
    if out.missing:
        out.reason = "Kan inte räknas fram: värde saknas för kommunerna."
    elif not out.complete:
        out.reason = f"Ofullständigt underlag: {out.coverage}."
    return out


def area_range_warning(figure, own: Outcome, parts: list[Outcome]) -> str:
    """A warning when the area's reported value lies outside what its municipalities report."""
    if own.missing or figure.value_kind not in (ValueKind.COUNT, ValueKind.PERCENTAGE,
                                                ValueKind.DAYS):  # fmt: skip
        return ""
    numbers = [Decimal(str(p.value)) for p in parts if not p.missing]
    if not numbers:
        return ""
    value = Decimal(str(own.value))
    if figure.value_kind == ValueKind.COUNT:
        low, high = max(numbers), sum(numbers, Decimal(0))
        words = "mellan den största kommunens värde och kommunernas summa"
    else:
        low, high = min(numbers), max(numbers)
        words = "inom kommunernas spann"
    if low <= value <= high:
        return ""
    shown = targets.format_value
    return (
        f"Varning: områdets rapporterade värde {shown(value, figure.value_kind)} ligger inte "
        f"{words} ({shown(low, figure.value_kind)}–{shown(high, figure.value_kind)})."
    )


def area_outcome(figure, own: Outcome, parts: list[Outcome]) -> Outcome:
    """Which value stands for the whole area (one rule): its own reported value when there is
    one, else the value computed from the municipalities when the figure can be summed."""
    computed = computed_area(figure, parts) if can_sum(figure) and parts else None
    has_computed = computed is not None and not computed.missing
    chosen = own if not own.missing or not has_computed else computed
    if chosen is own and has_computed:
        own.other = f"beräknat från kommunerna: {computed.shown}"
    chosen.warning = area_range_warning(figure, own, parts)
    return chosen


def headline(statuses: list[str], has_target: bool) -> Status:
    """A figure's status in summaries, from its rows' statuses (the README's rule)."""
    if not has_target:
        return Status.NO_TARGET
    if Status.NOT_MET in statuses:
        return Status.NOT_MET
    if Status.MET in statuses:
        return Status.MET
    if Status.NOT_JUDGED in statuses:
        return Status.NOT_JUDGED
    return Status.MISSING


def year_specs(figure, year: int) -> list:
    return periods_for(figure.frequency, [year], figure.as_of_month, figure.as_of_day)


def row_units(figure, units: list) -> list:
    """The units that get a row for a figure: its reporting units, then the whole area (own or
    computed) unless the figure is reported per municipality only."""
    from indicators.reporting import reporting_units

    rows = [u for u in reporting_units(figure, units) if u.kind != "area"]
    rows.sort(key=lambda u: u.name)
    if figure.reporting_level != "municipality":
        rows += [u for u in units if u.kind == "area"]
    return rows


def target_text(figure, compared: str = "år") -> str:
    return figure.target.describe(compared)


EXPORT_HEADER = ["Mål", "Nyckeltal", "Enhet", "År", "Värde", "Status", "Underlag", "Täckning",
                 "Fastställt"]  # fmt: skip


def export_row(goal_code: str, figure_name: str, unit_name: str, year: int, cell: dict) -> list:
    """One row of the figure × unit × year exports, from a cell in `Outcome.as_dict` form (the
    overview's and the report's data CSV use this, so they agree row for row)."""
    value = cell.get("display", "") if cell.get("value") is not None else ""
    return [
        goal_code, figure_name, unit_name, year, value, cell.get("status_label", ""),
        cell.get("basis", ""), cell.get("coverage", ""), "ja" if cell.get("final") else "nej",
    ]  # fmt: skip


@dataclass
class Row:
    unit: object
    outcome: Outcome
    is_area: bool = False


@dataclass
class Book:
    """Everything a page needs about values, loaded once (`load`), answered per cell."""

    periods: dict  # (kind, start) -> Period id
    points: dict  # (figure id, unit id, period id) -> Point
    units: list
    cache: dict = field(default_factory=dict)

    def point(self, figure, unit, spec) -> Point | None:
        period = self.periods.get((spec.kind, spec.start))
        return self.points.get((figure.pk, unit.pk, period)) if period else None

    def own(self, figure, unit, specs) -> Outcome:
        return combine(figure, specs, [self.point(figure, unit, s) for s in specs])

    def year(self, figure, unit, year: int) -> Outcome:
        """A unit's (or the area's) judged value for a year."""
        key = (figure.pk, unit.pk, year)
        if key not in self.cache:
            previous = self._plain_year(figure, unit, year - 1)
            now = self._plain_year(figure, unit, year)
            self.cache[key] = judge(figure, now, previous)
        return self.cache[key]

    def _plain_year(self, figure, unit, year):
        key = ("plain", figure.pk, unit.pk, year)
        if key not in self.cache:
            specs = self._specs(figure, year)
            own = self.own(figure, unit, specs)
            if unit.kind == "area":
                parts = [self._plain_year(figure, m, year) for m in self._municipalities(figure)]
                own = area_outcome(figure, own, parts)
            self.cache[key] = own
        return self.cache[key]

    def _specs(self, figure, year):
        key = ("specs", figure.frequency, figure.as_of_month, figure.as_of_day, year)
        if key not in self.cache:
            self.cache[key] = year_specs(figure, year)
        return self.cache[key]

    def row_units(self, figure) -> list:
        key = ("rows", figure.pk)
        if key not in self.cache:
            self.cache[key] = row_units(figure, self.units)
        return self.cache[key]

    def _municipalities(self, figure):
        return [u for u in self.row_units(figure) if u.kind != "area"]

    def span(self, figure, unit, specs, previous_specs=None, compared="period") -> Outcome:
        """Any span: one period, a year, the plan period (`specs` in time order)."""
        before = self.own(figure, unit, previous_specs) if previous_specs else None
        return judge(figure, self.own(figure, unit, specs), before, compared)

    def rows(self, figure, year: int) -> list[Row]:
        return [
            Row(u, self.year(figure, u, year), u.kind == "area") for u in self.row_units(figure)
        ]

    def series(self, figure, unit, specs) -> list:
        """Per-period values of one unit (the area: own, else computed) for a chart."""
        values = []
        for spec in specs:
            own = self.own(figure, unit, [spec])
            if unit.kind == "area":
                parts = [self.own(figure, m, [spec]) for m in self._municipalities(figure)]
                own = area_outcome(figure, own, parts)
                if own.computed and not own.complete:
                    own = Outcome(kind=own.kind)  # a partial sum is no point on the line
            values.append(None if own.missing else own.value)
        return values


# pragma: no mutate start (database-bound: tested through HTTP and the database in
# test_one_truth.py, test_status.py, test_overview_http.py, test_query_counts.py)
def load(plan, figures, units, years, periods=None) -> Book:
    """Load every value the figures need for `years` (and the year before each, for
    "ska öka") in three queries (two when the plan's `periods` are given), whatever the
    number of figures and units."""
    from indicators.models import Period, Submission, Value

    wanted = sorted({y for year in years for y in (year - 1, year)})
    if periods is None:
        periods = Period.objects.filter(
            plan=plan, end__year__gte=wanted[0], end__year__lte=wanted[-1]
        )
    periods = {(p.kind, p.start): p.pk for p in periods if wanted[0] <= p.end.year <= wanted[-1]}
    period_ids = list(periods.values())
    approved = set(
        Submission.objects.filter(
            period_id__in=period_ids, status=Submission.Status.APPROVED
        ).values_list("org_unit_id", "period_id")
    )
    points = {}
    rows = Value.objects.filter(
        period_id__in=period_ids, key_figure_id__in=[f.pk for f in figures]
    ).values_list(
        "key_figure_id", "org_unit_id", "period_id", "number", "numerator", "denominator",
        "yes_no", "text", "not_available", "not_available_reason", "comment", "explanation",
    )  # fmt: skip
    for kf, unit, period, num, nu, de, yn, text, na, why, comment, expl in rows:
        note = " ".join(t for t in (comment, expl) if t)
        points[(kf, unit, period)] = Point(
            num, nu, de, yn, text, na, why, (unit, period) in approved, note
        )
    return Book(periods=periods, points=points, units=list(units))


# pragma: no mutate end


def point_of(value, final: bool = False) -> Point | None:
    """A stored `Value` (or None) as a Point."""
    if value is None:
        return None
    return Point(
        value.number, value.numerator, value.denominator, value.yes_no, value.text,
        value.not_available, value.not_available_reason, final,
        " ".join(t for t in (value.comment, value.explanation) if t),
    )  # fmt: skip
