"""The deck for politiska samrådsgruppen as plain data: one list of slides, drawn twice.

`build_slides(snapshot)` decides what each slide says (titles as sentences, short texts cut with
"fortsättning i rapporten", goals' statuses as symbol and word); reports/deck.py prints the
slides through WeasyPrint and reports/deck_pptx.py writes them with python-pptx, so the PDF and
the PowerPoint show the same words and the same chart images. Nothing here computes a value or
a status: the figures are the snapshot's (reports/snapshot.py).

The process leader's analysis (`snapshot["analysis"]`, frozen by the analysis app) is read
with defaults, so a snapshot without it gives a deck that says where the texts are missing.
"""

from dataclasses import dataclass, field

from reports.charts import bar_chart_png
from reports.snapshot_extras import figure_key

MORE = " … (fortsättning i rapporten)"
# Characters that fit on one line of 20 pt text, measured on the rendered PDF with DejaVu Sans
# (wider than Liberation Sans) with room to spare; texts are cut to whole lines, never shrunk.
LINE = 74  # across the slide
LABELLED_LINE = 64  # beside a label ("Analys:")
GOAL_CHARS = 32  # a goal's code and title in the goals column, one line
GOAL_LINES = 7  # lines the goals table has room for on a focus area slide
MAX_DEVIATION_ROWS = 4
GLANCE_ROWS = 6
STATUS_WORDS = {
    "met": ("✓", "Uppfyllt", "uppfyllt", "uppfyllda"),
    "not_met": ("✗", "Ej uppfyllt", "ej uppfyllt", "ej uppfyllda"),
    "not_judged": ("○", "Ej bedömt", "ej bedömt", "ej bedömda"),
    "missing": ("?", "Värde saknas", "saknar värde", "saknar värde"),
    "no_target": ("–", "Inget målvärde", "utan målvärde", "utan målvärde"),
}
NUMERIC = ("count", "percentage", "days")
NUMBER_WORDS = ["inget", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio"]


@dataclass
class Chart:
    png: bytes
    alt: str
    caption: str


@dataclass
class Slide:
    """One slide. `layout` is title, text, table or focus_area; the rest is filled as needed."""

    layout: str
    title: str
    kicker: str = ""
    paragraphs: list[str] = field(default_factory=list)  # short lines of body text
    labelled: list[tuple[str, str]] = field(default_factory=list)  # ("Analys", "text")
    headers: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    row_headers: bool = True  # the first cell of each row names the row (th scope=row)
    after: str = ""  # a line under the table
    chart: Chart | None = None
    notes: str = ""  # speaker notes: the full texts, uncut


def cut(text: str, chars: int) -> str:
    """At most `chars` characters, cut at a word with "fortsättning i rapporten"; never shrunk."""
    text = " ".join((text or "").split())
    if len(text) <= chars:
        return text
    room = chars - len(MORE)
    head = text[:room]
    if " " in head:
        head = head[: head.rfind(" ")]
    return head.rstrip(",;:.–-") + MORE


def _analysis(snapshot: dict) -> dict:
    analysis = snapshot.get("analysis") or {}
    return {
        "overall": analysis.get("overall") or "",
        "focus_areas": analysis.get("focus_areas") or {},
        "goals": analysis.get("goals") or {},
    }


def _texts(mapping: dict, key) -> dict:
    texts = mapping.get(str(key)) or {}
    return {"analysis": texts.get("analysis") or "", "next_steps": texts.get("next_steps") or ""}


def _count_word(n: int) -> str:
    return NUMBER_WORDS[n] if 0 <= n < len(NUMBER_WORDS) else str(n)


def _figures(fa: dict) -> list[dict]:
    return [f for g in fa["goals"] for f in g["key_figures"]]


def _fulfilment_sentence(met: int, with_target: int, year: int) -> str:
    if with_target == 0:
        return f"inget nyckeltal har ett målvärde att bedöma {year}"
    if met == with_target:
        return f"alla {with_target} nyckeltal med målvärde når målet {year}"
    return f"{met} av {with_target} nyckeltal med målvärde når målet {year}"


def _with_target(figures: list[dict]) -> int:
    return sum(1 for f in figures if f["status"] != "no_target")


def goal_status(goal: dict) -> str:
    """The goal's status as symbol and word: the snapshot's own when it has one, else its key
    figures' statuses counted (no rule of our own for combining them)."""
    if goal.get("status_label"):
        return f"{goal.get('symbol', '')} {goal['status_label']}".strip()
    statuses = [f["status"] for f in goal["key_figures"]]
    if not statuses:
        if goal.get("shares_with"):
            return f"Se mål {goal['shares_with']}"
        return "Inga nyckeltal"
    if len(set(statuses)) == 1:
        symbol, word, _, plural = STATUS_WORDS[statuses[0]]
        return f"{symbol} {word}" if len(statuses) == 1 else f"{symbol} {len(statuses)} {plural}"
    parts = []
    for status in STATUS_WORDS:
        n = statuses.count(status)
        if n:
            symbol, _, one, many = STATUS_WORDS[status]
            parts.append(f"{symbol} {n} {one if n == 1 else many}")
    return ", ".join(parts)


def shorten(text: str, chars: int) -> str:
    """A name cut to `chars` with "…" (names are read in full in the report)."""
    text = " ".join((text or "").split())
    if len(text) <= chars:
        return text
    head = text[: chars - 1]
    if " " in head:
        head = head[: head.rfind(" ")]
    return head.rstrip(",;:–-") + " …"


def _short_goal(goal: dict) -> str:
    return shorten(f"{goal['code']} {goal['title']}", GOAL_CHARS)


def _goal_rows(goals: list[dict]) -> tuple[list[list[str]], str]:
    """As many goals as fit: a row of mixed statuses takes one line per status."""
    rows, used = [], 1  # the header
    for index, goal in enumerate(goals):
        status = goal_status(goal)
        lines = status.count(",") + 1
        if used + lines > GOAL_LINES:
            rest = len(goals) - index
            return rows, f"… och {rest} mål till (fortsättning i rapporten)"
        rows.append([_short_goal(goal), status.replace(", ", "\n")])
        used += lines
    return rows, ""


def _telling_figure(fa: dict) -> tuple[dict, dict] | None:
    """The figure whose chart says most: a missed target first, then a met one, then any
    figure with values; the goal comes along for the caption."""
    best, best_score = None, -1
    for goal in fa["goals"]:
        for figure in goal["key_figures"]:
            if figure["value_kind"] not in NUMERIC:
                continue
            last = [r["cells"][-1]["value"] for r in figure["rows"] if r["cells"]]
            present = sum(1 for v in last if v is not None)
            if not present:
                continue
            score = {"not_met": 300, "met": 200, "not_judged": 150, "missing": 100}.get(
                figure["status"], 0
            )
            score += present
            if score > best_score:
                best, best_score = (goal, figure), score
    return best


def figure_chart(figure: dict, years: list[int], target=None) -> Chart:
    """This year's (and last year's) value per unit as bars, the target as a dashed line."""
    shown = years[-2:]
    units = [r["unit"] for r in figure["rows"]]
    series = []
    for offset, year in enumerate(shown):
        index = len(years) - len(shown) + offset
        series.append({
            "name": str(year),
            "values": [r["cells"][index]["value"] if len(r["cells"]) > index else None
                       for r in figure["rows"]],
        })  # fmt: skip
    unit = {"percentage": "%", "days": "dygn"}.get(figure["value_kind"], "")
    png = bar_chart_png({"units": units, "series": series, "target": target, "unit": unit,
                         "kind": figure["value_kind"]})  # fmt: skip
    values = "; ".join(
        f"{r['unit']} {r['cells'][-1]['display']}" for r in figure["rows"] if r["cells"]
    )
    target_text = f" Målvärde {figure['target']}, ritat som streckad linje." if target else ""
    alt = (
        f"Stapeldiagram: {figure['name']} per enhet {years[-1]}"
        + (f", {shown[0]} som ring" if len(shown) > 1 else "")
        + ". "
        f"{years[-1]}: {values}.{target_text}"
    )
    caption = f"{figure['name']}" + (f" (mål {figure['target'].lower()})" if target else "")
    return Chart(png=png, alt=alt, caption=shorten(caption, 40))


def _title_slide(snapshot: dict) -> Slide:
    plan, counts = snapshot["plan"], snapshot["counts"]
    lines = [
        f"{plan['title']} {plan['period_label']}",
        f"Politiska samrådsgruppen · {snapshot['taken_at'][:10]}",
    ]
    if counts["preliminary"]:
        lines.append(
            f"{counts['preliminary']} av {counts['values']} värden är preliminära "
            "(inte godkända ännu)."
        )
    return Slide(
        "title",
        f"Så går det för handlingsplanen {snapshot['year']}",
        kicker=f"{plan['area']} · Uppföljning {snapshot['year']}",
        paragraphs=lines,
        notes=f"Underlaget hämtades ur SIMBA {snapshot['taken_at'][:16].replace('T', ' ')}.",
    )


def _guide_slide(snapshot: dict) -> Slide:
    return Slide(
        "text",
        "Så läser du bilderna: varje status har både symbol och ord",
        paragraphs=[
            "✓ Uppfyllt – nyckeltalet når sitt målvärde",
            "✗ Ej uppfyllt – nyckeltalet når inte målvärdet",
            "○ Ej bedömt – värdet kan inte bedömas än (t.ex. ofullständigt år)",
            "? Värde saknas – inget värde är rapporterat",
            "– Inget målvärde – planen anger inget mål att jämföra med",
            f"Diagrammen: stapeln är {snapshot['year']}, ringen året före och den streckade "
            "linjen målvärdet.",
        ],
    )


def _overview_slide(snapshot: dict, analysis: dict) -> Slide:
    year = snapshot["year"]
    figures = [f for fa in snapshot["focus_areas"] for f in _figures(fa)]
    met = sum(1 for f in figures if f["status"] == "met")
    not_met = sum(1 for f in figures if f["status"] == "not_met")
    sentence = _fulfilment_sentence(met, _with_target(figures), year)
    overall = analysis["overall"]
    paragraphs = [
        cut(overall, LINE * 5)
        if overall
        else "Processledarens samlade bedömning finns inte med i underlaget."
    ]
    activities = [a for fa in snapshot["focus_areas"] for g in fa["goals"] for a in g["activities"]]
    done = sum(1 for a in activities if a["status"] == "done")
    going = sum(1 for a in activities if a["status"] == "in_progress")
    paragraphs.append(
        f"✓ {met} uppfyllda och ✗ {not_met} ej uppfyllda av {len(figures)} nyckeltal. "
        f"Aktiviteter: ● {done} klara och ◐ {going} pågår av {len(activities)}."
    )
    return Slide(
        "text",
        f"Året i korthet: {sentence}",
        paragraphs=paragraphs,
        notes=overall,
    )


def _glance_slides(snapshot: dict) -> list[Slide]:
    """Key figures per status and focus area; a long plan continues on further slides."""
    areas = snapshot["focus_areas"]
    chunks = [areas[i : i + GLANCE_ROWS] for i in range(0, len(areas), GLANCE_ROWS)] or [[]]
    slides = []
    for number, chunk in enumerate(chunks, start=1):
        rows = []
        for fa in chunk:
            s = fa["summary"]
            rows.append([
                shorten(f"{fa['number']}. {fa['title']}", 60),
                str(s["met"]), str(s["not_met"]), str(s.get("not_judged", 0)),
                str(s["missing"]), str(s["no_target"]),
            ])  # fmt: skip
        title = f"Måluppfyllelse i {_count_word(len(areas))} fokusområden {snapshot['year']}"
        if len(chunks) > 1:
            title += f" ({number} av {len(chunks)})"
        slides.append(Slide(
            "table",
            title,
            headers=["Fokusområde", "✓ Uppfyllt", "✗ Ej uppfyllt", "○ Ej bedömt",
                     "? Värde saknas", "– Inget mål\u00advärde"],
            rows=rows,
            after="Antal nyckeltal per status. Varje fokusområde har en egen bild.",
        ))  # fmt: skip
    return slides


def _focus_area_slide(snapshot: dict, fa: dict, analysis: dict) -> Slide:
    year, figures = snapshot["year"], _figures(fa)
    met = sum(1 for f in figures if f["status"] == "met")
    sentence = _fulfilment_sentence(met, _with_target(figures), year)
    title = f"{shorten(fa['title'], 60)}: {sentence}"
    rows, after = _goal_rows(fa["goals"])
    texts = _texts(analysis["focus_areas"], fa["number"])
    chosen = _telling_figure(fa)
    chart = None
    if chosen:
        goal, figure = chosen
        target = (snapshot.get("target_values") or {}).get(figure_key(goal["code"], figure["name"]))
        chart = figure_chart(figure, snapshot["years"], target)
    labelled = [
        ("Analys", cut(texts["analysis"], LABELLED_LINE * 2) or "Ingen analys i underlaget."),
        ("Nästa steg", cut(texts["next_steps"], LABELLED_LINE * 2) or "Ingen text i underlaget."),
    ]
    return Slide(
        "focus_area",
        title,
        kicker=f"Fokusområde {fa['number']}",
        headers=["Mål", "Status"],
        rows=rows,
        after=after,
        chart=chart,
        labelled=labelled,
        paragraphs=[] if chart else ["Inget nyckeltal i fokusområdet har jämförbara värden."],
        notes="\n\n".join(t for t in (texts["analysis"], texts["next_steps"]) if t),
    )


def _deviations(snapshot: dict) -> list[tuple[dict, dict]]:
    return [
        (goal, figure)
        for fa in snapshot["focus_areas"]
        for goal in fa["goals"]
        for figure in goal["key_figures"]
        if figure["status"] == "not_met"
    ]


def _where(figure: dict) -> str:
    area = next((r for r in figure["rows"] if r["is_area"]), None)
    if area and area["cells"][-1]["status"] == "not_met":
        return f"{area['unit']}: {area['cells'][-1]['display']}"
    missed = [r for r in figure["rows"] if r["cells"] and r["cells"][-1]["status"] == "not_met"]
    text = ", ".join(f"{r['unit']} {r['cells'][-1]['display']}" for r in missed[:2])
    return text + (f" m.fl. ({len(missed)})" if len(missed) > 2 else "")


def _deviation_slide(snapshot: dict, analysis: dict) -> Slide:
    year = snapshot["year"]
    found = _deviations(snapshot)
    rows = []
    for goal, figure in found[:MAX_DEVIATION_ROWS]:
        measure = _texts(analysis["goals"], goal["code"])["next_steps"]
        rows.append([
            shorten(f"✗ {goal['code']} {figure['name']}", 52),
            shorten(f"{_where(figure)} (mål {figure['target'].lower()})", 48),
            cut(measure, 60) if measure else "Åtgärd beskrivs i rapporten.",
        ])  # fmt: skip
    after = ""
    if len(found) > MAX_DEVIATION_ROWS:
        after = f"… och {len(found) - MAX_DEVIATION_ROWS} nyckeltal till (fortsättning i rapporten)"
    count = "Ett" if len(found) == 1 else _count_word(len(found)).capitalize()
    title = f"{count} nyckeltal når inte målet {year} – så här gör vi"
    if not found:
        title = f"Alla nyckeltal som kan bedömas når målet {year}"
    return Slide(
        "table",
        title,
        kicker="Avvikelser och åtgärder",
        headers=["Nyckeltal", f"Värde {year}", "Åtgärd"],
        rows=rows,
        after=after,
        paragraphs=[] if found else ["Inga avvikelser att redovisa."],
    )


def _next_steps_slide(snapshot: dict, analysis: dict) -> Slide:
    year = snapshot["year"]
    labelled = []
    for fa in snapshot["focus_areas"]:
        steps = _texts(analysis["focus_areas"], fa["number"])["next_steps"]
        if steps:
            lead = shorten(fa["title"], 30)
            labelled.append((f"{fa['number']}.", cut(f"{lead}: {steps}", LINE * 2 - 8)))
    shown = labelled[:6]
    paragraphs = []
    if len(labelled) > len(shown):
        paragraphs.append(f"… och {len(labelled) - len(shown)} fokusområden till i rapporten.")
    if not labelled:
        paragraphs = ["Nästa steg beskrivs i rapporten till samordningsgruppen."]
    return Slide(
        "text",
        f"Nästa steg: det här gör vi {year + 1}",
        labelled=shown,
        paragraphs=paragraphs,
    )


def build_slides(snapshot: dict) -> list[Slide]:
    analysis = _analysis(snapshot)
    slides = [
        _title_slide(snapshot),
        _guide_slide(snapshot),
        _overview_slide(snapshot, analysis),
        *_glance_slides(snapshot),
    ]
    slides += [_focus_area_slide(snapshot, fa, analysis) for fa in snapshot["focus_areas"]]
    slides += [_deviation_slide(snapshot, analysis), _next_steps_slide(snapshot, analysis)]
    return slides
