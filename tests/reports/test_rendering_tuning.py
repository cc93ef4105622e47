"""The render's speed levers leave the process as they found it and stay correct."""

import gc
import io
import re
import subprocess
import weakref

import pydyf
import pytest
import tinyhtml5

from reports import weasy
from reports.deck import render_deck_html
from reports.rendering import PRINT_CSS, render_report_html
from reports.snapshot import build_snapshot
from reports.weasy import (
    _cache_page_references,
    _stream_once,
    html_tree,
    lean_gc,
    lean_html,
    lean_ua_text,
    stylesheet,
    ua_stylesheet,
)


def test_lean_gc_restores_the_collector_even_after_an_error():
    assert gc.isenabled()
    try:
        with lean_gc():
            assert not gc.isenabled() and gc.get_freeze_count() > 0
            raise RuntimeError("render failed")
    except RuntimeError:
        pass
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_lean_gc_frees_the_documents_cycles_at_the_end():
    class Box:
        pass

    with lean_gc():
        box = Box()
        box.parent = box  # a cycle, as WeasyPrint's boxes make
        alive = weakref.ref(box)
        del box
        assert alive() is not None  # no collection during the render
    assert alive() is None


def test_cached_page_references_follow_added_pages():
    _cache_page_references()
    pdf = pydyf.PDF()
    for _ in range(2):
        pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
    first = pdf.page_references
    assert len(first) == 2 and pdf.page_references is first  # cached
    pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
    refs = pdf.page_references
    assert len(refs) == 3 and refs[-1] == f"{pdf.pages['Kids'][-3]} 0 R".encode()


SAMPLE = """<!DOCTYPE html><html lang="sv"><head><title>Prov</title></head><body>
<h1>Rubrik</h1><p>Stycke med <strong>fet</strong> och <abbr title="preliminärt">*</abbr>.</p>
<ul><li>Första punkten</li><li>Andra punkten</li></ul><ol><li>Ett</li><li>Två</li></ol>
<dl><dt>Term</dt><dd>Förklaring</dd></dl>
<table><thead><tr><th scope="col">Enhet</th><th scope="col">Värde</th></tr></thead>
<tbody><tr><th scope="row">Ale</th><td><span class="value">12,5</span></td></tr></tbody></table>
</body></html>"""


def elements(root) -> list[tuple]:
    """Every element in document order: tag, attributes, text and tail, white space runs
    collapsed to one space as CSS does (the amount is never rendered, its presence is)."""

    def text(value):
        return re.sub(r"\s+", " ", value) if value else ""

    return [(e.tag, dict(e.attrib), text(e.text), text(e.tail))
            for e in root.iter() if isinstance(e.tag, str)]  # fmt: skip


@pytest.mark.django_db
def test_libxml2_builds_the_tree_weasyprints_own_parser_builds(simba_plan):
    """reports/weasy.html_tree parses with libxml2 for speed; for the report and the deck it
    must give what tinyhtml5 (WeasyPrint's own HTML5 parser) gives."""
    from tests.reports.factories import known_dataset
    from tests.reports.test_deck import with_analysis

    known_dataset(simba_plan)
    snapshot = with_analysis(build_snapshot(simba_plan, 2027, "samordningsgruppen"))
    documents = [render_report_html(snapshot, "samordningsgruppen"), render_deck_html(snapshot),
                 SAMPLE]  # fmt: skip
    for html in documents:
        ours = elements(html_tree(html))
        assert len(ours) > 20
        assert ours == elements(tinyhtml5.parse(html, namespace_html_elements=False))


def pictures(pdf: bytes) -> bytes:
    return subprocess.run(["pdftoppm", "-r", "40", "-"], input=pdf, capture_output=True,
                          check=True).stdout  # fmt: skip


def test_the_lean_user_agent_stylesheet_renders_what_weasyprints_own_does():
    from weasyprint import HTML
    from weasyprint.html import UA, UA_STYLESHEET

    text = lean_ua_text(UA)
    assert "li::marker {" in text and "::footnote" not in text and "::note" not in text
    assert ua_stylesheet() is not UA_STYLESHEET
    stock = HTML(string=SAMPLE, base_url=".").write_pdf(stylesheets=[stylesheet(PRINT_CSS)])
    ours = lean_html(SAMPLE).write_pdf(stylesheets=[stylesheet(PRINT_CSS)])
    assert pictures(ours) == pictures(stock)


def test_each_stream_is_compressed_once_per_pdf_and_the_file_is_the_same(monkeypatch):
    _stream_once()
    calls = []
    compress = weasy.zlib.compress
    monkeypatch.setattr(weasy.zlib, "compress", lambda data, level: calls.append(level)
                        or compress(data, level))  # fmt: skip

    def written() -> bytes:
        pdf = pydyf.PDF()
        stream = pydyf.Stream([b"BT", b"/F1 12 Tf", b"(Ale 12,5) Tj", b"ET"], compress=True)
        pdf.add_object(stream)
        pdf.add_page(pydyf.Dictionary({"Type": "/Page", "Contents": stream.reference}))
        out = io.BytesIO()
        pdf.write(out, b"1.7", identifier=True, compress=True)  # PDF/A: with a file identifier
        return out.getvalue()

    first = written()
    assert calls == [weasy.STREAM_LEVEL] * 3  # the page's stream, the objects, the xref
    assert written() == first and b"/FlateDecode" in first
