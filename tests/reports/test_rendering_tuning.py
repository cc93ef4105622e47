"""The render's speed levers leave the process as they found it and stay correct."""

import gc
import io
import subprocess

import pydyf

from reports import weasy
from reports.rendering import PRINT_CSS
from reports.weasy import (
    _cache_page_references,
    _stream_once,
    lean_gc,
    lean_html,
    lean_ua_text,
    stylesheet,
    ua_stylesheet,
)


def test_lean_gc_restores_the_collector_even_after_an_error():
    before = gc.get_threshold()
    try:
        with lean_gc():
            assert gc.get_threshold() == (10000, 10, 10) and gc.get_freeze_count() > 0
            raise RuntimeError("render failed")
    except RuntimeError:
        pass
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0


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
