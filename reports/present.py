"""How the full report shows the snapshot's figures: each comment once, the footnote mark where
the plan put it, and the analysis beside each part. Presentation only: values, statuses and
their text are the snapshot's (reports/snapshot.py; the text by plans/targets.format_value, the
same rule as every other page)."""

import re

FOOTNOTE = re.compile(r"^\s*([¹²³⁴⁵⁶⁷⁸⁹⁰]+)")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def unique_sentences(text: str) -> str:
    """A comment built from several periods or fields can repeat itself: say each thing once."""
    seen, kept = set(), []
    for sentence in SENTENCE_END.split((text or "").strip()):
        key = sentence.strip().casefold()
        if key and key not in seen:
            seen.add(key)
            kept.append(sentence.strip())
    return " ".join(kept)


def footnote_mark(figure: dict) -> str:
    """The note's mark ("¹ Uppföljningsmall"), to print after the name that refers to it."""
    match = FOOTNOTE.match(figure.get("note") or "")
    if not match or match.group(1) in figure["name"]:
        return ""
    return match.group(1)


def _texts(mapping: dict, key) -> dict:
    texts = (mapping or {}).get(str(key)) or {}
    return {
        "analysis": texts.get("analysis") or "",
        "next_steps": texts.get("next_steps") or "",
        "unit_comments": _unit_comments(texts.get("unit_comments") or []),
    }


def _unit_comments(comments: list[dict]) -> list[dict]:
    """One comment per unit and text: a unit's same words twice are printed once."""
    seen, kept = set(), []
    for comment in comments:
        key = (comment.get("unit"), " ".join((comment.get("text") or "").split()))
        if key[1] and key not in seen:
            seen.add(key)
            kept.append(comment)
    return kept


def present(report: dict) -> None:
    """Add what the templates show to a copy of the snapshot (changed in place)."""
    analysis = report.get("analysis") or {}
    report["overall"] = analysis.get("overall") or ""
    report["previous_year"] = report["years"][-2] if len(report["years"]) > 1 else None
    for fa in report["focus_areas"]:
        fa["texts"] = _texts(analysis.get("focus_areas"), fa["number"])
        for goal in fa["goals"]:
            goal["texts"] = _texts(analysis.get("goals"), goal["code"])
            for figure in goal["key_figures"]:
                figure["mark"] = footnote_mark(figure)
                for row in figure["rows"]:
                    for cell in row["cells"]:
                        cell["comment"] = unique_sentences(cell["comment"])
                    row["current"] = row["cells"][-1]
                    row["previous"] = row["cells"][-2] if len(row["cells"]) > 1 else None
            for activity in goal["activities"]:
                activity["comment"] = unique_sentences(activity["comment"])
                activity["units"] = _unique_units(activity["units"], activity["comment"])


def _unique_units(units: list[dict], common: str) -> list[dict]:
    """A unit's follow-up once (the latest), and without repeating the area-wide comment."""
    latest = {}
    for unit in units:
        latest[unit["unit"]] = dict(unit)
    for unit in latest.values():
        comment = unique_sentences(unit.get("comment", ""))
        unit["comment"] = "" if comment == common else comment
    return list(latest.values())
