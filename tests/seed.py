"""An independent reading of the seed plan (the Word document as text), for comparing with the app.

Deliberately written apart from the fixture: the tests would otherwise compare the fixture with
itself.
"""

import os
import re
from pathlib import Path

import pytest

SEED = Path(__file__).resolve().parents[2] / "shared/seeds/handlingsplan-simba-2026-2027.txt"
ACTIVITY = re.compile(r"^(\d:\d:\d)\s+(.+)$")
GOAL = re.compile(r"^(?:Mål )?(\d[:.]\d) (.+)$")


def seed_text() -> str:
    if not SEED.exists():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"The seed plan is missing at {SEED}; CI must have ../shared beside.")
        pytest.skip(f"The seed plan {SEED} is not beside the project (../shared).")
    return SEED.read_text(encoding="utf-8")


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("*", "")).strip()


def table_rows():
    """Every row of every plan table as five cells: key figure, activity, ansvar, uppf., redov."""
    for line in seed_text().splitlines():
        if "\t" in line and not line.startswith("Nyckeltal\t") and "Fokusområde" not in line:
            cells = [c.strip() for c in line.split("\t")]
            yield cells + [""] * (5 - len(cells))


def activities() -> dict[str, str]:
    found = {}
    for cells in table_rows():
        match = ACTIVITY.match(cells[1])
        if match:
            found[match.group(1)] = match.group(2)
    return found


def goals() -> dict[str, str]:
    found = {}
    for line in seed_text().splitlines():
        match = GOAL.match(line.strip())
        if match and "\t" not in line and not ACTIVITY.match(line.strip()):
            found[match.group(1)] = match.group(2).strip("*")
    return found


def paragraphs_after_goal_headings() -> dict[str, list[str]]:
    """Background paragraphs: the lines between a goal heading and its first table."""
    result, current = {}, None
    for line in seed_text().splitlines():
        stripped = line.strip()
        match = GOAL.match(stripped)
        if match and "\t" not in line and not ACTIVITY.match(stripped):
            current = match.group(1)
            result[current] = []
        elif line.startswith("Nyckeltal\t"):
            current = None
        elif current and stripped:
            result[current].append(stripped)
    return result


def key_figure_cells() -> list[str]:
    return [c[0] for c in table_rows() if c[0] and c[0] != "Se mål 2:2"]
