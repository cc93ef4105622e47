"""The deck as PowerPoint (python-pptx): the same slides as the PDF (reports/slides.py), with
real, editable text and tables, charts as PNG pictures with alt text and the full analysis
texts as speaker notes, so the process leader can add her own slides before a meeting.

Every slide uses the "Title Only" layout, so each has a real title (read by screen readers and
shown in PowerPoint's outline); text is Swedish-tagged, 20 pt or larger, titles 28 pt.

An office program grows a table row to fit its text, but never moves what lies below the
table; so each row is given the height its text needs (measured with Arial's metrics, which
Liberation Sans shares) and the text under a table is placed from those heights. Checked by
opening the file in LibreOffice Impress (issue 10): before, rows that wrapped ran over the
caption and the analysis.
"""

import io
from functools import lru_cache
from pathlib import Path

from pptx import Presentation
from pptx.enum.lang import MSO_LANGUAGE_ID
from pptx.util import Mm, Pt

from reports.rendering import ReportRenderError
from reports.slides import Slide, build_slides
from reports.snapshot import SCHEMA

WIDTH, HEIGHT, MARGIN = 338, 190, 15
INNER = WIDTH - 2 * MARGIN
FONT = "Arial"  # Liberation Sans in the PDF has Arial's metrics
TITLE_ONLY = 5
CELL_PAD = 1.5  # mm inside a table cell, each side (PowerPoint's default, 2.5 mm, wraps more)
LINE_MM = 20 * 1.2 * 25.4 / 72  # one line of 20 pt text: 8.5 mm
ANALYSIS_TOP = 130  # mm: where a focus area slide's analysis starts, unless its table is longer
METRIC_FONTS = {
    False: "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    True: "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
}
METRIC_SIZE = 200  # px the metric font is loaded at, standing for 20 pt text
MM_PER_UNIT = 20 / METRIC_SIZE * 25.4 / 72  # mm of 20 pt text per px of the metric font


@lru_cache(maxsize=2)
def _metric_font(bold: bool):
    from PIL import ImageFont

    path = Path(METRIC_FONTS[bold])
    return ImageFont.truetype(str(path), METRIC_SIZE) if path.exists() else None


def _lines(text: str, width_mm: float, bold: bool = False) -> int:
    """Lines `text` takes at 20 pt in a column `width_mm` wide, wrapped at spaces (a word
    wider than the column counts as one line more); one line per line if the font is missing."""
    font = _metric_font(bold)
    total = 0
    for line in text.split("\n"):
        if font is None:
            total += 1
            continue
        count, used = 1, 0.0
        space = font.getlength(" ") * MM_PER_UNIT
        for word in line.split(" "):
            word_mm = font.getlength(word) * MM_PER_UNIT
            if used and used + space + word_mm > width_mm:
                count, used = count + 1, word_mm
            else:
                used += (space if used else 0) + word_mm
            if word_mm > width_mm:
                count += 1
        total += count
    return total


def _style(run, size: int, bold: bool = False) -> None:
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = FONT
    run.font.language_id = MSO_LANGUAGE_ID.SWEDISH


def _text_box(slide, left, top, width, height, lines, size=20, bold_first=False):
    box = slide.shapes.add_textbox(Mm(left), Mm(top), Mm(width), Mm(height))
    frame = box.text_frame
    frame.word_wrap = True
    frame.margin_left = frame.margin_right = 0  # text lines up with the tables' and chart's edges
    for index, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.space_after = Pt(6)
        parts = line if isinstance(line, tuple) else ("", line)
        label, text = parts
        if label:
            _style(paragraph.add_run(), size, bold=True)
            paragraph.runs[-1].text = f"{label} "
        run = paragraph.add_run()
        run.text = text
        _style(run, size, bold=bold_first and index == 0)
    return box


def _title(slide, data: Slide) -> float:
    """Kicker and title; returns where the body starts (mm from the top)."""
    top = 9
    if data.kicker:
        _text_box(slide, MARGIN, top, INNER, 10, [data.kicker], size=20, bold_first=True)
        top += 10
    title = slide.shapes.title
    title.left, title.top, title.width, title.height = Mm(MARGIN), Mm(top), Mm(INNER), Mm(26)
    frame = title.text_frame
    frame.word_wrap = True
    frame.margin_left = frame.margin_right = 0  # in line with the kicker and the body
    frame.text = data.title
    paragraph = frame.paragraphs[0]
    paragraph.alignment = 1  # left
    for run in paragraph.runs:
        _style(run, 40 if data.layout == "title" else 28, bold=True)
    return top + 28


def _table(slide, left, top, width, headers, rows, widths=None) -> float:
    """A table whose rows are as high as their text needs; returns its height in mm."""
    parts = widths or [1 / len(headers)] * len(headers)
    columns = [width * part for part in parts]
    heights = [
        max(
            _lines(text, column - 2 * CELL_PAD, r == 0)
            for text, column in zip(row, columns, strict=True)
        )
        * LINE_MM
        + 2 * CELL_PAD
        + 1
        for r, row in enumerate([headers, *rows])
    ]
    shape = slide.shapes.add_table(
        len(rows) + 1, len(headers), Mm(left), Mm(top), Mm(width), Mm(sum(heights))
    )
    table = shape.table
    for index, column in enumerate(columns):
        table.columns[index].width = Mm(column)
    for index, height in enumerate(heights):
        table.rows[index].height = Mm(height)
    for r, row in enumerate([headers, *rows]):
        for c, value in enumerate(row):
            cell = table.cell(r, c)
            cell.margin_left = cell.margin_right = Mm(CELL_PAD)
            cell.margin_top = cell.margin_bottom = Mm(CELL_PAD)
            frame = cell.text_frame
            frame.word_wrap = True
            for index, line in enumerate(value.split("\n")):
                paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
                run = paragraph.add_run()
                run.text = line
                _style(run, 20, bold=r == 0)
    return sum(heights)


def _picture(slide, chart, left, top, width):
    picture = slide.shapes.add_picture(io.BytesIO(chart.png), Mm(left), Mm(top), width=Mm(width))
    picture._element.nvPicPr.cNvPr.set("descr", chart.alt)  # alt text; python-pptx has no API
    picture.name = chart.caption
    return picture


def _fill(slide, data: Slide) -> None:
    top = _title(slide, data)
    if data.layout == "title":
        _text_box(slide, MARGIN, top + 4, INNER, 60, data.paragraphs, size=24)
    elif data.layout == "focus_area":
        bottom = top + _table(slide, MARGIN, top, 174, data.headers, data.rows, widths=(0.62, 0.38))
        if data.after:
            _text_box(slide, MARGIN, bottom + 2, 174, 10, [data.after])
            bottom += 2 + LINE_MM * _lines(data.after, 174)
        if data.chart:
            _picture(slide, data.chart, MARGIN + 182, top, 126)
            _text_box(slide, MARGIN + 182, top + 64, 126, 10, [data.chart.caption])
        else:
            _text_box(slide, MARGIN + 182, top, 126, 40, data.paragraphs)
        analysis = max(ANALYSIS_TOP, bottom + 3)
        _text_box(slide, MARGIN, analysis, INNER, HEIGHT - analysis - 8,
                  [(f"{label}:", text) for label, text in data.labelled])  # fmt: skip
    else:
        if data.rows:
            widths = {
                6: (0.35, 0.13, 0.13, 0.13, 0.13, 0.13),  # focus areas × five statuses
                5: (0.38, 0.155, 0.155, 0.155, 0.155),
            }.get(len(data.headers), (0.36, 0.28, 0.36))
            top += _table(slide, MARGIN, top, INNER, data.headers, data.rows, widths=widths) + 2
            if data.after:
                _text_box(slide, MARGIN, top, INNER, 10, [data.after])
                top += 12
        lines = [(label, text) for label, text in data.labelled] + list(data.paragraphs)
        if lines:
            _text_box(slide, MARGIN, top, INNER, HEIGHT - top - 12, lines)
    if data.notes:
        slide.notes_slide.notes_text_frame.text = data.notes


def render_deck_pptx(snapshot: dict, slides=None) -> bytes:
    if not isinstance(snapshot, dict) or snapshot.get("schema") != SCHEMA:
        raise ReportRenderError(
            "Rapportens underlag har ett format som den här versionen av SIMBA inte kan läsa. "
            "Beställ en ny rapport."
        )
    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = Mm(WIDTH), Mm(HEIGHT)
    layout = presentation.slide_layouts[TITLE_ONLY]
    for data in build_slides(snapshot) if slides is None else slides:
        _fill(presentation.slides.add_slide(layout), data)
    props = presentation.core_properties
    props.title = f"{snapshot['plan']['area']} – uppföljning {snapshot['year']}"
    props.author = "SIMBA:s processledare"
    props.language = "sv-SE"
    out = io.BytesIO()
    presentation.save(out)
    return out.getvalue()
