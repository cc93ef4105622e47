"""Finding the plan in a Word document's paragraphs and tables.

Rules, in the order they are tried on a paragraph:
- table of contents lines (TOC styles, a page number after a tab, dot leaders) are skipped;
- "Fokusområde N: titel" (the title may be the next paragraph) or a level-1 heading starts a
  focus area; the first paragraph of the document is the plan's title;
- "Mål 1:1 titel", "3.1 titel" (as a heading, bold or under its focus area), "Mål: titel", or
  any other heading / bold line under a focus area starts a goal; goals without a code are
  numbered in order (2:1, 2:2 …);
- paragraphs between a goal and its first table are its background; "Mätmetod …" starts the
  goal's measurement method; "¹ text" after a table is the footnote of the key figure marked ¹;
- a table is read by its header words, not by position: Nyckeltal, Aktivitet, Ansvar,
  Uppföljning, Redovisning, Resultat, Mål/delmål, Målvärde. "Se mål 2:2" makes the goal share
  goal 2:2's key figures and activities.
Everything else is listed as unplaced, with the reason, so the reader can check it by eye.
"""

import re
from dataclasses import dataclass, field

from plans.codes import code_parts
from plans.word_import import target_text
from plans.word_import.blocks import Grid, Para

FOCUS_AREA = re.compile(r"^Fokusområde\b\s*(\d+)?\s*[:.\-–]?\s*(.*)$", re.IGNORECASE)
GOAL_CODED = re.compile(r"^(?:(?:Del)?[Mm]ål\s+)?(\d+[:.]\d+)\s*[.:–-]?\s+(\S.*)$", re.DOTALL)
GOAL_MARKED = re.compile(r"^(?:Del)?[Mm]ål\b")
GOAL_WORD = re.compile(r"^(?:Del)?[Mm]ål\s*[:.–-]\s*(\S.*)$", re.DOTALL)
ACTIVITY_CODE = re.compile(r"^(\d+[:.]\d+[:.]\d+)\.?\s+(\S.*)$", re.DOTALL)
CODE_PREFIX = re.compile(r"^\d+[:.]\d+[:.]\d+\.?\s+")
SEE_GOAL = re.compile(r"^Se\s+mål\s+(\d+[:.]\d+)\b", re.IGNORECASE)
YEARS = re.compile(r"\b(20\d\d)\s*[–\-—]\s*(20\d\d)\b")
TOC_LINE = re.compile(r"(\t\s*\d+|\.{3,}\s*\d*)$")
TOC_TITLES = {"innehåll", "innehållsförteckning"}
MEASUREMENT = re.compile(r"^Mätmetod\b\s*(\([^)]*\))?\s*:?\s*", re.IGNORECASE)
FOOTNOTE = re.compile(r"^([¹²³⁴⁵⁶⁷⁸⁹⁰]+)\s*\S")
LABELS = {"bakgrund", "beskrivning", "syfte"}
MAX_TITLE = 300

# Header words → column role ("Ansvar för aktivitet" is the responsible column, "Mål/delmål"
# the goal column, "Målvärde" the target).
COLUMN_WORDS = [
    ("ansvar", "responsible"), ("nyckeltal", "key_figure"), ("indikator", "key_figure"),
    ("målvärde", "target"), ("uppföljning", "follow_up"), ("redovisning", "reporting"),
    ("resultat", "result"), ("aktivitet", "activity"), ("åtgärd", "activity"), ("mål", "goal"),
]  # fmt: skip

REASONS = {
    "toc": "Innehållsförteckningen läses inte in; rubrikerna läses där de står i dokumentet.",
    "head": "Texten står före första fokusområdet och är varken planens titel, år eller kommuner.",
    "no_goal": "Texten står under fokusområdet men före dess första mål.",
    "after_table": "Texten står efter målets tabell och är varken mätmetod eller fotnot.",
    "footnote": "Fotnoten hör inte till något nyckeltal med samma märke.",
    "table_no_goal": "Tabellen står inte under något mål.",
    "table_unknown": "Tabellen har ingen kolumn för nyckeltal, aktiviteter eller mål.",
    "result": "Kolumnen ”Resultat” fylls i vid uppföljningen och läses inte in som en del av "
    "planen.",
    "no_activity": "Raden har ingen aktivitet som texten kan höra till.",
    "too_long": "Rubriken är längre än 300 tecken och kan inte vara ett måls rubrik.",
}


@dataclass
class Unplaced:
    where: str
    text: str
    reason: str


@dataclass
class _Goal:
    code: str
    title: str
    background: list[str] = field(default_factory=list)
    measurement: list[str] = field(default_factory=list)
    reporting: list[str] = field(default_factory=list)
    key_figures: list[dict] = field(default_factory=list)
    activities: list[dict] = field(default_factory=list)
    shares_with: str | None = None
    tables: int = 0
    in_measurement: bool = False


class Interpreter:
    def __init__(self):
        self.head = {"title": "", "area": "", "area_members": "", "first_year": None,
                     "last_year": None}  # fmt: skip
        self.focus_areas: list[dict] = []
        self.goal: _Goal | None = None
        self.pending_title = False
        self.unplaced: list[Unplaced] = []
        self.errors: list[str] = []

    # -- paragraphs ------------------------------------------------------------------------
    def paragraph(self, p: Para) -> None:
        text = p.text
        if not text:
            return
        if self._is_toc(p):
            return self._skip(p.where, text, "toc")
        if self.pending_title:
            self.focus_areas[-1]["title"], self.pending_title = text, False
            return
        if not self.head["title"]:
            self.head["title"] = text[:MAX_TITLE]
            return self._head_details(text)
        if match := FOCUS_AREA.match(text):
            return self._focus_area(match.group(1), match.group(2))
        if self._coded_goal(p):
            return
        if p.level == 1 and p.style.lower() != "title":
            return self._focus_area(None, text)
        if self._uncoded_goal(p):
            return
        if text.lower().rstrip(":") in LABELS:
            return
        if self.goal and MEASUREMENT.match(text):
            return self._measurement(text)
        if self.goal and FOOTNOTE.match(text):
            return self._footnote(p)
        self._text(p)

    def _measurement(self, text: str) -> None:
        self.goal.in_measurement = True
        if rest := text[MEASUREMENT.match(text).end() :].strip():
            self.goal.measurement.append(rest)

    def _is_toc(self, p: Para) -> bool:
        style = p.style.lower()
        return (
            style.startswith(("toc", "innehåll", "förteckn"))
            or p.text.lower().rstrip(":") in TOC_TITLES
            or bool(TOC_LINE.search(p.text))
        )

    def _head_details(self, text: str) -> None:
        if match := YEARS.search(text):
            self.head["first_year"], self.head["last_year"] = map(int, match.groups())
        if match := re.search(r"\binom\s+(.+?)\s*$", text):
            self.head["area"] = YEARS.sub("", match.group(1)).strip(" ,–-")[:200]

    def _coded_goal(self, p: Para) -> bool:
        """ "Mål 1:1 …", "3.1 …" (as a heading, in bold or under focus area 3) or "Mål: …"."""
        text = p.text
        if ACTIVITY_CODE.match(text):
            return False
        match = GOAL_CODED.match(text)
        if match:
            in_its_area = (
                bool(self.focus_areas)
                and code_parts(match.group(1))[0] == (self.focus_areas[-1]["number"])
            )
            if GOAL_MARKED.match(text) or p.level or p.bold or in_its_area:
                return self._start_goal(p, match.group(1), match.group(2))
        if match := GOAL_WORD.match(text):
            return self._start_goal(p, "", match.group(1))
        return False

    def _uncoded_goal(self, p: Para) -> bool:
        """A heading below level 1, or a short bold line, under a focus area."""
        text = p.text
        heading = p.level >= 2 or (p.bold and len(text) <= MAX_TITLE)
        label = text.lower().rstrip(":") in LABELS or MEASUREMENT.match(text)
        if heading and self.focus_areas and not label:
            return self._start_goal(p, "", text)
        return False

    def _start_goal(self, p: Para, code: str, title: str) -> bool:
        title = title.strip().strip("*").strip()
        if len(title) > MAX_TITLE:
            self._skip(p.where, p.text, "too_long")
            return True
        self._new_goal(code, title)
        return True

    def _new_goal(self, code: str, title: str, background: list[str] | None = None) -> None:
        if not self.focus_areas:
            number = code_parts(code)[0] if code else 1
            self.focus_areas.append({"number": number, "title": f"Fokusområde {number}",
                                     "goals": []})  # fmt: skip
        self.goal = _Goal(code=code, title=title, background=background or [])
        self.focus_areas[-1]["goals"].append(self.goal)

    def _focus_area(self, number: str | None, title: str) -> None:
        used = {fa["number"] for fa in self.focus_areas}
        number = int(number) if number else max(used, default=0) + 1
        if number in used:
            number = max(used) + 1
        self.focus_areas.append({"number": number, "title": title.strip()[:MAX_TITLE],
                                 "goals": []})  # fmt: skip
        self.pending_title = not title.strip()
        self.goal = None

    def _footnote(self, p: Para) -> None:
        mark = FOOTNOTE.match(p.text).group(1)
        for figure in self.goal.key_figures:
            if target_text.footnote_mark(figure["plan_text"]) == mark:
                figure["note"] = p.text
                return
        self._skip(p.where, p.text, "footnote")

    def _text(self, p: Para) -> None:
        goal = self.goal
        if goal is None:
            if not self.focus_areas:
                return self._head_line(p)
            return self._skip(p.where, p.text, "no_goal")
        if goal.in_measurement:
            goal.measurement.append(p.text)
        elif not goal.tables:
            goal.background.append(p.text)
        else:
            self._skip(p.where, p.text, "after_table")

    def _head_line(self, p: Para) -> None:
        text = p.text
        if (match := YEARS.search(text)) and len(text) < 60:
            self.head["first_year"], self.head["last_year"] = map(int, match.groups())
        elif "," in text and not re.search(r"\d", text) and len(text) < 200:
            self.head["area_members"] = text[:MAX_TITLE]
        else:
            self._skip(p.where, text, "head")

    def _skip(self, where: str, text: str, reason: str) -> None:
        self.unplaced.append(Unplaced(where, text, REASONS.get(reason, reason)))

    # -- tables ----------------------------------------------------------------------------
    def table(self, grid: Grid) -> None:
        if not grid.rows:
            return
        start = self._header_row(grid)
        for r in range(start):  # e.g. a goal's heading written in a merged row above the header
            for text in filter(None, grid.rows[r]):
                self.paragraph(Para(number=0, text=text.strip(), where_text=grid.where(r, "")))
        header = [(h or "").strip() for h in grid.rows[start]]
        roles = [self._role(h) for h in header]
        if not {"key_figure", "activity", "goal"} & set(roles):
            return self._skip_cells(grid, start, header, "table_unknown")
        if "goal" not in roles and self.goal is None:
            return self._skip_cells(grid, 0, header, "table_no_goal")
        if self.goal:
            self.goal.tables += 1
            self.goal.in_measurement = False
        last_activity: dict | None = None
        for r, cells in enumerate(grid.rows[start + 1 :], start=start + 1):
            if [(c or "").strip() for c in cells] == header:
                continue  # a header row repeated on each page
            row = {}
            for column, role in enumerate(roles):
                if column < len(cells):
                    row.setdefault(role, []).append((column, cells[column]))
            last_activity = self._row(grid, r, header, row, last_activity)
        if self.goal:
            self.goal.in_measurement = False

    def _header_row(self, grid: Grid) -> int:
        """The first of the top rows naming two known columns; else the first row."""
        for r, cells in enumerate(grid.rows[:3]):
            known = {self._role(c or "") for c in cells} - {"unknown"}
            if len(known) >= 2:
                return r
        return 0

    def _role(self, header: str) -> str:
        """The header's earliest known word decides ("Redovisning (av nyckeltal)": reporting)."""
        words = header.lower()
        found = [(words.find(w), -len(w), role) for w, role in COLUMN_WORDS if w in words]
        return min(found)[2] if found else "unknown"

    def _skip_cells(self, grid: Grid, first_row: int, header: list[str], reason: str) -> None:
        for r, cells in enumerate(grid.rows[first_row:], start=first_row):
            for column, text in enumerate(cells):
                if text:
                    name = header[column] if column < len(header) else str(column + 1)
                    self._skip(grid.where(r, name or str(column + 1)), text, reason)

    def _row(self, grid, r, header, row, last_activity):  # noqa: C901 one row, column by column
        def cell(role):
            found = row.get(role, [])
            return found[0][1] if found else ""

        def where(role):
            column = row[role][0][0]
            return grid.where(r, header[column])

        goal_cell = cell("goal")
        if goal_cell:
            lines = goal_cell.splitlines()
            match = GOAL_CODED.match(lines[0])
            code, title = (match.group(1), match.group(2)) if match else ("", lines[0])
            self._new_goal(code, title.strip("*")[:MAX_TITLE], lines[1:])
            self.goal.tables += 1
            last_activity = None
        elif self.goal is None:
            for found in row.values():
                for column, text in found:
                    if text:
                        self._skip(grid.where(r, header[column]), text, "table_no_goal")
            return last_activity
        goal = self.goal
        texts = [t for found in row.values() for _, t in found if t]
        see = [SEE_GOAL.match(t) for t in texts]
        if texts and all(see):
            goal.shares_with = see[0].group(1)
            return None
        for text in (cell("key_figure") or "").split("\n\n"):
            for part in target_text.split_figures(text):
                goal.key_figures.append(target_text.read_key_figure(part))
        parsed = target_text.target_phrase(cell("target") or "")
        if parsed and goal.key_figures:
            goal.key_figures[-1].update(parsed)
        for line in (cell("reporting") or "").splitlines():
            if line not in goal.reporting:  # the same line in each row: one cell, split up
                goal.reporting.append(line)
        if result := cell("result"):
            self._skip(where("result"), result, "result")
        for column, text in row.get("unknown", []):
            if text:
                name = header[column] or str(column + 1)
                self._skip(grid.where(r, name), text, f"Kolumnen ”{name}” känns inte igen.")
        activity_text = cell("activity")
        if activity_text:
            last_activity = self._activity(goal, activity_text, cell, last_activity)
        else:
            for role in ("responsible", "follow_up"):
                if cell(role):
                    self._skip(where(role), cell(role), "no_activity")
            if activity_text == "":
                last_activity = None
        return last_activity

    def _activity(self, goal, text, cell, last_activity):
        """One activity, or several when each paragraph of the cell starts with its own code;
        an "Ansvar" line starting with a code belongs to that activity, others to all."""
        responsible, follow_up = cell("responsible"), cell("follow_up")
        if follow_up is None and last_activity:  # a merged cell spans this row too
            follow_up = last_activity["follow_up"]
        lines = text.splitlines()
        coded = sum(bool(ACTIVITY_CODE.match(line)) for line in lines)
        parts = lines if coded == len(lines) and coded > 1 else [" ".join(lines)]
        codes = {m.group(1) for m in map(ACTIVITY_CODE.match, parts) if m}
        for part in parts:
            match = ACTIVITY_CODE.match(part)
            code, body = (match.group(1), match.group(2)) if match else ("", part)
            if responsible is None and last_activity:
                names = list(last_activity["responsible"])
            else:
                names = self._responsible_for(code, responsible or "", codes - {code})
            last_activity = {
                "code": code,
                "text": body.strip(),
                "responsible": [n[:300] for n in dict.fromkeys(names) if n],
                "follow_up": follow_up or "",
                "followed_up_by": None,
            }
            goal.activities.append(last_activity)
        return last_activity

    @staticmethod
    def _responsible_for(code: str, cell: str, others: set[str]) -> list[str]:
        names = []
        for line in cell.splitlines():
            match = ACTIVITY_CODE.match(line)
            if match and match.group(1) in others:
                continue  # another activity's line in the same cell
            names.append(CODE_PREFIX.sub("", line).strip())
        return names

    # -- result ----------------------------------------------------------------------------
    def result(self) -> tuple[dict, list[Unplaced], list[str]]:
        focus_areas = []
        for fa in self.focus_areas:
            goals = [self._goal_row(fa, goal) for goal in fa["goals"]]
            self._number(fa["number"], goals)
            focus_areas.append({"number": fa["number"], "title": fa["title"], "goals": goals})
        head = dict(self.head, status="draft")
        return {"plan": head, "focus_areas": focus_areas}, self.unplaced, self.errors

    def _goal_row(self, fa: dict, goal: _Goal) -> dict:
        recipients, frequency = target_text.read_reporting("\n".join(goal.reporting))
        measurement = "\n\n".join(goal.measurement)
        for figure in goal.key_figures:
            figure["reported_to"] = recipients
            if frequency:
                figure["reporting_frequency"] = frequency
            if measurement:
                figure["measurement_method"] = measurement
        return {
            "code": goal.code,
            "title": goal.title,
            "background": "\n\n".join(goal.background),
            "shares_with": goal.shares_with,
            "measurement_method": measurement,
            "reporting": "\n".join(goal.reporting),
            "key_figures": goal.key_figures,
            "activities": goal.activities,
        }

    def _number(self, fa_number: int, goals: list[dict]) -> None:
        """Codes for goals and activities the document did not number: the next free number."""
        used = {code_parts(g["code"])[-1] for g in goals if g["code"]}
        for goal in goals:
            if not goal["code"]:
                number = max(used, default=0) + 1
                used.add(number)
                goal["code"] = f"{fa_number}:{number}"
        codes = [g["code"].replace(".", ":") for g in goals]
        for code in {c for c in codes if codes.count(c) > 1}:
            self.errors.append(f"Målnumret {code} förekommer flera gånger under fokusområde "
                               f"{fa_number}. Rätta numret i dokumentet.")  # fmt: skip
        for goal in goals:
            prefix = ":".join(str(n) for n in code_parts(goal["code"]))
            acts = goal["activities"]
            taken = {code_parts(a["code"])[-1] for a in acts if a["code"]}
            for activity in acts:
                if not activity["code"]:
                    number = max(taken, default=0) + 1
                    taken.add(number)
                    activity["code"] = f"{prefix}:{number}"
            codes = [a["code"] for a in acts]
            for code in {c for c in codes if codes.count(c) > 1}:
                self.errors.append(f"Aktivitetsnumret {code} förekommer flera gånger under mål "
                                   f"{goal['code']}. Rätta numret i dokumentet.")  # fmt: skip


def interpret(blocks: list) -> tuple[dict, list[Unplaced], list[str]]:
    reader = Interpreter()
    for block in blocks:
        if isinstance(block, Para):
            reader.paragraph(block)
        else:
            reader.table(block)
    return reader.result()
