"""Targets of key figures, written readably and evaluated against a value.

Plain functions on plain values, so the rules are unit-tested without a database and the same
code decides the status on the plan page, in the follow-up grid and in the yearly report.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum


class ValueKind(StrEnum):
    COUNT = "count"
    PERCENTAGE = "percentage"
    DAYS = "days"
    YES_NO = "yes_no"
    TEXT = "text"


class TargetKind(StrEnum):
    NONE = "none"
    COMPARISON = "comparison"
    DIRECTION = "direction"


class Operator(StrEnum):
    LT = "lt"
    LTE = "lte"
    GT = "gt"
    GTE = "gte"
    EQ = "eq"


class Direction(StrEnum):
    INCREASE = "increase"
    DECREASE = "decrease"


class Status(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    NOT_JUDGED = "not_judged"
    NO_TARGET = "no_target"
    MISSING = "missing"


STATUS_LABELS = {
    Status.MET: "Uppfyllt",
    Status.NOT_MET: "Ej uppfyllt",
    Status.NOT_JUDGED: "Ej bedömt",
    Status.NO_TARGET: "Inget målvärde",
    Status.MISSING: "Värde saknas",
}
# Status is never carried by colour alone: every label has a symbol too.
STATUS_SYMBOLS = {
    Status.MET: "✓",
    Status.NOT_MET: "✗",
    Status.NOT_JUDGED: "○",
    Status.NO_TARGET: "–",
    Status.MISSING: "?",
}

OPERATOR_SIGNS = {
    Operator.LT: "<",
    Operator.LTE: "≤",
    Operator.GT: ">",
    Operator.GTE: "≥",
    Operator.EQ: "",
}
OPERATOR_WORDS = {
    Operator.LT: "under",
    Operator.LTE: "högst",
    Operator.GT: "över",
    Operator.GTE: "minst",
    Operator.EQ: "lika med",
}
UNITS = {
    ValueKind.COUNT: "st",
    ValueKind.PERCENTAGE: "%",
    ValueKind.DAYS: "dygn",
    ValueKind.YES_NO: "",
    ValueKind.TEXT: "",
}


# The display rule, one for every page, export text, report, deck and chart label: shares and
# days with one decimal always ("86,0 %" beside "89,4 %", "0,8 dygn"), counts as whole numbers
# with a no-break space between thousands ("1 200"). Shares and days are judged at the same
# precision (indicators/outcomes.py `rounded` uses DECIMALS), so a value and its status agree.
DECIMALS = {ValueKind.PERCENTAGE: 1, ValueKind.DAYS: 1}
# Rounded as Swedish readers (and SCB's tables) do: a 5 rounds up, 0,85 % → 0,9 %. Python's
# default, round-half-to-even, would print 0,8 % and surprise every reader who checks.
ROUNDING = ROUND_HALF_UP
THOUSANDS = "\u00a0"  # no-break space: "1 200" never splits over two lines


def quantize(value, kind: str) -> Decimal:
    """`value` as a Decimal at its kind's precision (shares and days: one decimal)."""
    number = Decimal(str(value))
    decimals = DECIMALS.get(kind)
    if decimals is None:
        return number
    return number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUNDING)


def format_number(value: Decimal | int | float, kind: str | None = None) -> str:
    """Swedish notation: decimal comma, minus sign "−". With `kind`, the display rule above
    (`format_value`'s number); without it, exactly the number given (what a person typed, in a
    message; no rounding, no spaces)."""
    number = Decimal(str(value))
    whole = number == number.to_integral_value()
    if kind is None:
        text = f"{number:.0f}" if whole else f"{number.normalize():f}"
    elif kind in DECIMALS:
        text = f"{quantize(number, kind):,f}"
    elif whole:
        text = f"{number:,.0f}"
    else:
        # An antal is a whole number (the entry and the import refuse fractions); one stored
        # otherwise is shown as stored, never rounded into a value its status contradicts.
        text = f"{number.normalize():,f}"
    return text.replace(",", THOUSANDS).replace(".", ",").replace("-", "−")


def format_value(value, kind: str, *, as_written: bool = False) -> str:
    """A value with its unit, by the display rule: "0,8 dygn", "72,0 %", "1 200", "Ja".

    `as_written`: a target's threshold as the plan writes it ("≥ 70 %", "< 1,0 dygn"): the
    number as given (days still with one decimal); it is a quoted limit, not a measured value.
    """
    if value is None or value == "":
        return "–"
    if kind == ValueKind.YES_NO:
        return "Ja" if value else "Nej"
    if kind == ValueKind.TEXT:
        return str(value)
    kind = ValueKind(kind)
    # A threshold keeps its own decimals (a count's notation); days keep their one decimal.
    shown_as = ValueKind.COUNT if as_written and kind != ValueKind.DAYS else kind
    number = format_number(value, shown_as)
    if kind == ValueKind.COUNT:
        return number
    return f"{number} {UNITS[kind]}"


@dataclass(frozen=True)
class Target:
    kind: str = TargetKind.NONE
    value_kind: str = ValueKind.COUNT
    operator: str | None = None
    threshold: Decimal | None = None
    direction: str | None = None
    note: str = ""

    def describe(self, compared: str = "år") -> str:
        """The target as a reader would write it: "< 1,0 dygn", "≥ 70 %", "Ska öka jämfört med
        föregående år" (`compared`: what an increase is measured against)."""
        if self.kind == TargetKind.COMPARISON and self.threshold is not None:
            if self.value_kind == ValueKind.YES_NO:
                text = "Ja" if self.threshold else "Nej"
            else:
                sign = OPERATOR_SIGNS[Operator(self.operator)]
                text = format_value(self.threshold, self.value_kind, as_written=True)
                text = f"{sign} {text}" if sign else text
        elif self.kind == TargetKind.DIRECTION:
            word = "öka" if self.direction == Direction.INCREASE else "minska"
            text = f"Ska {word} jämfört med föregående {compared}"
        else:
            return "Inget målvärde"
        return f"{text} {self.note}".strip()

    def evaluate(self, value, previous=None, compared: str = "period") -> "Evaluation":
        return evaluate(self, value, previous, compared)


@dataclass(frozen=True)
class Evaluation:
    status: Status
    reason: str

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def symbol(self) -> str:
        return STATUS_SYMBOLS[self.status]


def _compare(operator: str, value, threshold) -> bool:
    match Operator(operator):
        case Operator.LT:
            return value < threshold
        case Operator.LTE:
            return value <= threshold
        case Operator.GT:
            return value > threshold
        case Operator.GTE:
            return value >= threshold
        case Operator.EQ:
            return value == threshold


def _as_number(value):
    if isinstance(value, bool):
        return Decimal(int(value))
    return Decimal(str(value))


def evaluate(target: Target, value, previous=None, compared: str = "period") -> Evaluation:
    """Decide whether `value` meets `target`; `previous` is the value of the period before.

    "No target" is its own answer, never "met". A missing value is "missing" whatever the target.
    """
    if target.kind == TargetKind.NONE:
        return Evaluation(Status.NO_TARGET, "Nyckeltalet har inget målvärde.")
    if value is None or value == "":
        return Evaluation(Status.MISSING, "Inget värde är rapporterat.")
    shown = format_value(value, target.value_kind)
    if target.kind == TargetKind.COMPARISON and target.threshold is not None:
        if target.value_kind == ValueKind.TEXT:
            return Evaluation(Status.NO_TARGET, "Textvärden jämförs inte med ett målvärde.")
        goal = target.describe(compared)
        if _compare(target.operator, _as_number(value), _as_number(target.threshold)):
            return Evaluation(Status.MET, f"{shown} uppfyller målet {goal}.")
        return Evaluation(Status.NOT_MET, f"{shown} uppfyller inte målet {goal}.")
    if target.kind == TargetKind.DIRECTION:
        if previous is None or previous == "":
            return Evaluation(
                Status.NOT_JUDGED,
                f"{shown}, men värde för föregående {compared} saknas, så förändringen kan "
                "inte bedömas.",
            )
        before = format_value(previous, target.value_kind)
        change = _as_number(value) - _as_number(previous)
        wanted = change > 0 if target.direction == Direction.INCREASE else change < 0
        word = "ökat" if change > 0 else ("minskat" if change < 0 else "är oförändrat")
        verb = word if change == 0 else f"har {word}"
        if wanted:
            return Evaluation(Status.MET, f"{shown} {verb} från {before}.")
        return Evaluation(
            Status.NOT_MET,
            f"{shown} {verb} från {before}; målet är att det ska "
            f"{'öka' if target.direction == Direction.INCREASE else 'minska'}.",
        )
    return Evaluation(Status.NO_TARGET, "Nyckeltalet har inget målvärde.")


def trend(value, previous) -> str:
    """Change against the previous period as a word and an arrow: never by colour alone."""
    if value is None or previous is None or value == "" or previous == "":
        return ""
    try:
        change = _as_number(value) - _as_number(previous)
    except ArithmeticError:
        return ""
    if change > 0:
        return "↑ ökning"
    if change < 0:
        return "↓ minskning"
    return "→ oförändrat"


# How a key figure's year value is formed from its periods (indicators/outcomes.py applies it).
class YearBasis(StrEnum):
    SUM = "sum"
    FRACTION = "fraction"
    LAST = "last"
    AS_OF = "as_of"


def default_basis(value_kind: str, has_fraction: bool, frequency: str) -> YearBasis:
    """Counts add up; shares with numerator/denominator are recomputed; a "latest 12 months"
    figure is its value as of the date; averages, yes/no and text take the last period."""
    if frequency == "rolling_12_months":
        return YearBasis.AS_OF
    if value_kind == ValueKind.COUNT:
        return YearBasis.SUM
    if value_kind == ValueKind.PERCENTAGE and has_fraction:
        return YearBasis.FRACTION
    return YearBasis.LAST
