"""The deck for politiska samrådsgruppen as PDF: 16:9 slides (338 × 190 mm) through WeasyPrint.

Same rules as the full report (reports/rendering.py): PDF/A-3a with a tagged structure,
`lang="sv"`, embedded fonts, the title in the metadata. Each slide is one page; nothing is
sized to fit, so a slide whose text ran over would add a page (the tests count pages).
"""

import base64
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string

from reports.rendering import ReportRenderError
from reports.slides import build_slides
from reports.snapshot import SCHEMA
from reports.weasy import write_pdf

DECK_CSS = Path(settings.BASE_DIR) / "static" / "reports" / "deck.css"


def render_deck_html(snapshot: dict, slides=None) -> str:
    if not isinstance(snapshot, dict) or snapshot.get("schema") != SCHEMA:
        raise ReportRenderError(
            "Rapportens underlag har ett format som den här versionen av SIMBA inte kan läsa. "
            "Beställ en ny rapport."
        )
    slides = build_slides(snapshot) if slides is None else slides
    for slide in slides:
        if slide.chart:
            slide.chart.uri = "data:image/png;base64," + base64.b64encode(slide.chart.png).decode()
    return render_to_string("reports/deck.html", {"report": snapshot, "slides": slides})


def render_deck_pdf(snapshot: dict, slides=None) -> bytes:
    return write_pdf(render_deck_html(snapshot, slides), DECK_CSS)
