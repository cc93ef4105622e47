"""Which renderer makes which document: the full report as PDF, the deck as PDF and PowerPoint."""

from reports.models import Report
from reports.rendering import render_report_pdf


def render_documents(report: Report) -> tuple[bytes, bytes | None]:
    """(PDF, PowerPoint or None) for the report's kind, from its frozen snapshot."""
    if report.kind == Report.Kind.DECK:
        from reports.deck import render_deck_pdf
        from reports.deck_pptx import render_deck_pptx
        from reports.slides import build_slides

        slides = build_slides(report.snapshot)  # drawn once (charts too), written twice
        return render_deck_pdf(report.snapshot, slides), render_deck_pptx(report.snapshot, slides)
    return render_report_pdf(report.snapshot, report.audience), None
