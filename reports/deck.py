"""The deck for politiska samrådsgruppen as PDF: 16:9 slides (338 × 190 mm) through WeasyPrint.

Same rules as the full report (reports/rendering.py): PDF/A-3a with a tagged structure,
`lang="sv"`, embedded fonts, the title in the metadata. Each slide is one page; nothing is
sized to fit, so a slide whose text ran over would add a page (the tests count pages).
"""

import base64
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string

from reports.rendering import (
    PDF_VARIANT,
    ReportRenderError,
    font_config,
    lean_gc,
    tag_table_headers,
)
from reports.slides import build_slides
from reports.snapshot import SCHEMA

DECK_CSS = Path(settings.BASE_DIR) / "static" / "reports" / "deck.css"
_stylesheet = None


def _css():
    """Parsed once per process: the stylesheet never changes while the worker runs."""
    global _stylesheet
    if _stylesheet is None:
        from weasyprint import CSS

        _stylesheet = CSS(filename=str(DECK_CSS), font_config=font_config())
    return _stylesheet


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
    from weasyprint import HTML

    html = render_deck_html(snapshot, slides)
    with lean_gc():
        return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(
            stylesheets=[_css()],
            font_config=font_config(),
            pdf_variant=PDF_VARIANT,
            pdf_tags=True,
            custom_metadata=True,
            finisher=tag_table_headers,
        )
