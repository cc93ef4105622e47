"""A key figure as a plan writes it, read into the structured target fields.

    "Medelvårdtiden som utskrivningsklar (<1,0 dygn)"  → days, lt 1.0
    "Andel … (> 70%)", "(≥ 70%)"                       → percentage, gt/gte 70
    "Dokumenterat brytpunktssamtal (100 % av …)"       → percentage, eq 100, note "av …"
    "Antal … ska öka i förhållande till föregående år" → direction increase

No other module reads targets from text (the fixture was written by hand, the editor has
structured fields), so this is the one place. Enums come from plans.targets.
"""

import re

from plans.targets import Direction, Operator, TargetKind, ValueKind

CODE = re.compile(r"^(\d+(?:[:.]\d+){1,3})\.?\s+(?=\S)")
FOOTNOTE_MARK = re.compile(r"\s*([¹²³⁴⁵⁶⁷⁸⁹⁰]+)\s*$")
OPERATORS = {
    "<": Operator.LT, "under": Operator.LT, ">": Operator.GT, "över": Operator.GT,
    "≤": Operator.LTE, "<=": Operator.LTE, "högst": Operator.LTE,
    "≥": Operator.GTE, ">=": Operator.GTE, "minst": Operator.GTE,
}  # fmt: skip
_OP = r"(?P<op><=|>=|[<>≤≥]|minst|högst|över|under)"
_NUMBER = r"(?P<num>\d+(?:[,.]\d+)?)"
_UNIT = r"(?P<unit>%|procent|dygn|dagar|st)?"
PHRASE = re.compile(rf"^{_OP}?\s*{_NUMBER}\s*{_UNIT}\s*(?P<note>.*?)\.?$", re.IGNORECASE)
IN_PARENTHESES = re.compile(r"\s*\(([^()]*\d[^()]*)\)\s*$")
TRAILING = re.compile(rf"[\s:]\s*{_OP}\s*{_NUMBER}\s*{_UNIT}\s*$", re.IGNORECASE)
DIRECTION = re.compile(r"\s+ska\s+(?:\w+\s+)?(?P<word>öka|minska)\b.*$", re.IGNORECASE | re.DOTALL)
# Two figures written in one paragraph: a new sentence after ")" or "." starts the next one.
NEXT_FIGURE = re.compile(r"(?<=[).])\s+(?=[A-ZÅÄÖ])")


def target_phrase(text: str) -> dict | None:
    """ "< 1,0 dygn", "≥ 70 %", "100 % av …" as target fields, or None if it is no target."""
    match = PHRASE.match(text.strip())
    if not match or (not match.group("op") and not match.group("unit")):
        return None
    unit = (match.group("unit") or "").lower()
    kind = {"%": ValueKind.PERCENTAGE, "procent": ValueKind.PERCENTAGE, "dygn": ValueKind.DAYS,
            "dagar": ValueKind.DAYS}.get(unit, ValueKind.COUNT)  # fmt: skip
    operator = OPERATORS.get((match.group("op") or "").lower(), Operator.EQ)
    return {
        "value_kind": kind,
        "has_fraction": kind == ValueKind.PERCENTAGE,
        "target_kind": TargetKind.COMPARISON,
        "target_operator": operator,
        "target_threshold": match.group("num").replace(",", "."),
        "target_direction": "",
        "target_note": match.group("note").strip()[:300],
    }


def split_figures(cell: str) -> list[str]:
    texts = []
    for line in cell.splitlines():
        texts += [part.strip() for part in NEXT_FIGURE.split(line) if part.strip()]
    return texts


def read_key_figure(text: str) -> dict:
    """One key figure's fields from its text in the plan (code, name, target, value kind)."""
    figure = {"code": "", "plan_text": text, "value_kind": ValueKind.COUNT, "has_fraction": False,
              "target_kind": TargetKind.NONE, "target_operator": "", "target_threshold": None,
              "target_direction": "", "target_note": ""}  # fmt: skip
    rest = text
    if match := CODE.match(rest):
        figure["code"], rest = match.group(1), rest[match.end() :]
    rest = FOOTNOTE_MARK.sub("", rest)
    target = None
    in_parentheses, trailing = IN_PARENTHESES.search(rest), TRAILING.search(rest)
    if in_parentheses and (target := target_phrase(in_parentheses.group(1))):
        rest = rest[: in_parentheses.start()]
    elif trailing and (target := target_phrase(rest[trailing.start("op") :])):
        rest = rest[: trailing.start()]
    elif match := DIRECTION.search(rest):
        increase = match.group("word").lower() == "öka"
        direction = Direction.INCREASE if increase else Direction.DECREASE
        target = {"target_kind": TargetKind.DIRECTION, "target_direction": direction}
        rest = rest[: match.start()]
    if target:
        figure.update(target)
    name = rest.strip().rstrip(".:").strip()
    if figure["value_kind"] == ValueKind.COUNT and re.match(r"andel\b", name, re.IGNORECASE):
        figure.update(value_kind=ValueKind.PERCENTAGE, has_fraction=True)
    figure["name"] = (name or text)[:400]
    return figure


def footnote_mark(text: str) -> str:
    match = FOOTNOTE_MARK.search(text)
    return match.group(1) if match else ""


RECIPIENTS = re.compile(r"\btill\s+(?P<who>.+?)\s+(?P<least>minst\s+)?(?:en|1)\s+(?:gång|ggr)\b")
SEPARATORS = re.compile(r",\s*|(?<!-)\s+och\s+")


def read_reporting(text: str) -> tuple[list[str], str]:
    """Recipients and frequency from "Redovisning till X, Y och den Z minst en gång/år"."""
    names: list[str] = []
    frequency = ""
    for line in text.splitlines():
        match = RECIPIENTS.search(line)
        if not match:
            continue
        if match.group("least"):
            frequency = "at_least_yearly"
        elif not frequency:
            frequency = "yearly"
        for part in SEPARATORS.split(match.group("who")):
            name = re.sub(r"^(?:den|det|de)\s+", "", part.strip(), flags=re.IGNORECASE)
            name = name[:1].upper() + name[1:]
            if name and name not in names:
                names.append(name[:300])
    return names, frequency
