"""WeasyPrint as both PDFs use it: the full report (reports/rendering.py) and the deck (deck.py).

One place for the engine's settings and speed levers, so the two PDFs cannot drift apart:
PDF/A-3a with a tagged structure, table header scope in the tags, one FontConfiguration and the
stylesheets parsed once per process, the garbage collector kept out of a render, the HTML parsed
by libxml2, fontTools' unused parts not imported, and three measured fixes to WeasyPrint 70 /
pydyf 0.13 (bench/report.py; the profile is in the docstrings). Each fix keeps the output's
content: same text, tags, metadata and pages.
"""

import gc
import importlib.util
import logging
import sys
import threading
import types
import zlib
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings

PDF_VARIANT = "pdf/a-3a"  # newest PDF/A with tagged structure in WeasyPrint 70 (PDF/UA: no A)
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
log = logging.getLogger(__name__)

# fontTools modules WeasyPrint 70 imports when it is imported (weasyprint/pdf/fonts.py) but calls
# only for fonts these documents never have: the subsetter where HarfBuzz-Subset is missing, the
# instancer for variable fonts. Together 15 MB of resident memory in every process that
# renders (bench/report.py) and 0.4 s of import time.
SUBSETTER = "fontTools.subset"
INSTANCER = "fontTools.varLib.instancer"


def import_weasyprint():
    """WeasyPrint, imported with the two fontTools modules deferred to their first use.

    The subsetter is registered with the standard library's LazyLoader: it is the real module,
    loaded when an attribute of it is first read. WeasyPrint imports a function from the
    instancer, which a lazy module cannot defer, so while WeasyPrint is imported the instancer
    stands in as a module whose function imports the real one when it is called; the stand-in
    is gone from sys.modules once WeasyPrint is imported, so anyone else gets the real module."""
    if "weasyprint" in sys.modules:
        return sys.modules["weasyprint"]
    spec = importlib.util.find_spec(SUBSETTER) if SUBSETTER not in sys.modules else None
    if spec is not None:
        spec.loader = importlib.util.LazyLoader(spec.loader)
        subsetter = sys.modules[SUBSETTER] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(subsetter)
        # As the import system would; and `from fontTools import subset` then takes it from the
        # package without reading its __spec__ (which would load it).
        sys.modules["fontTools"].subset = subsetter
    stand_in = None
    if INSTANCER not in sys.modules:
        stand_in = sys.modules[INSTANCER] = types.ModuleType(INSTANCER)
        stand_in.instantiateVariableFont = _instantiate_variable_font
    try:
        import weasyprint
    finally:
        if stand_in is not None and sys.modules.get(INSTANCER) is stand_in:
            del sys.modules[INSTANCER]
    return weasyprint


def _instantiate_variable_font(*args, **kwargs):
    """fontTools' instantiateVariableFont, imported when WeasyPrint first needs it."""
    from fontTools.varLib.instancer import instantiateVariableFont

    return instantiateVariableFont(*args, **kwargs)


_font_config = None
_stylesheets: dict[Path, object] = {}


def font_config():
    """One FontConfiguration for every render: fonts are found and loaded once per process."""
    global _font_config
    if _font_config is None:
        import_weasyprint()
        from weasyprint.text.fonts import FontConfiguration

        _font_config = FontConfiguration()
    return _font_config


def stylesheet(path: Path):
    """A stylesheet parsed once per process: it never changes while a worker runs."""
    if path not in _stylesheets:
        import_weasyprint()
        from weasyprint import CSS

        _stylesheets[path] = CSS(filename=str(path), font_config=font_config())
    return _stylesheets[path]


@contextmanager
def lean_gc():
    """Python's garbage collector, kept out of the render (measured with bench/report.py).

    WeasyPrint allocates a few hundred thousand objects, and its document (boxes, styles, the
    parsed tree) is held together by reference cycles, so only the collector frees it. Scans
    during the render find next to nothing to free (the document is alive until the PDF is
    written) and cost 0.1-0.2 s of a 2 s report; so the collector is off while it renders, what
    the process held before (Django, the snapshot) is frozen out of the final scan (garbage
    among it is not lost: it is unfrozen afterwards), and one collection right after the
    render frees the document, so the next step (the deck after the report) starts from the
    memory the render began with. Peak memory is the same within 1-2 MB.
    """
    enabled = gc.isenabled()
    gc.freeze()
    gc.disable()
    try:
        yield
    finally:
        gc.collect()
        gc.unfreeze()
        if enabled:
            gc.enable()


# WeasyPrint's user-agent stylesheet gives every element six pseudo-element styles (::marker and
# the footnote/note calls and markers): 13 600 of the report's 15 100 computed styles, and 17 MB
# of a render's peak memory. Only list items have markers and these documents have no footnotes
# or notes, so the lean copy scopes ::marker to li and leaves the note rules out. Every other
# rule is WeasyPrint's own.
_UA_LEAN = (
    ("::marker {", "li::marker {"),
    ("::footnote-call {", None),
    ("::footnote-marker {", None),
    ("::note-call {", None),
    ("::note-marker {", None),
    ("::note-callback {", None),
)
_ua_stylesheet = None


def lean_ua_text(ua: str) -> str | None:
    """WeasyPrint's HTML user-agent stylesheet (`ua`, its text) without the pseudo-element rules
    these documents never use; None if the text is not what this was written for."""
    lines = ua.splitlines()
    for start, replacement in _UA_LEAN:
        found = [i for i, line in enumerate(lines) if line.startswith(start)]
        if len(found) != 1:
            log.warning("WeasyPrint's user-agent stylesheet has changed (%s)", start)
            return None
        line = lines[found[0]]
        lines[found[0]] = replacement + line[len(start) :] if replacement else ""
    # Counter styles come from WeasyPrint's own (HTML._ua_counter_style), not from this copy.
    return "\n".join(line for line in lines if not line.startswith("@counter-style"))


def ua_stylesheet():
    """The lean user-agent stylesheet, parsed once per process (WeasyPrint's own if its text
    has changed)."""
    global _ua_stylesheet
    if _ua_stylesheet is None:
        import_weasyprint()
        from weasyprint import CSS
        from weasyprint.css.counters import CounterStyle
        from weasyprint.html import UA, UA_STYLESHEET

        text = lean_ua_text(UA)
        _ua_stylesheet = (
            UA_STYLESHEET if text is None else CSS(string=text, counter_style=CounterStyle())
        )
    return _ua_stylesheet


def html_tree(html: str):
    """The document's element tree as WeasyPrint's own parser (tinyhtml5) builds it, parsed by
    libxml2 (lxml): tinyhtml5 is pure Python and took 80-90 ms of the report's 2 s, libxml2 and a
    copy into ElementTree take 12 ms. For what our templates make the two trees are the same
    element for element, attribute for attribute and text for text
    (tests/reports/test_rendering_tuning.py compares them for the report and the deck); libxml2
    is not an HTML5 parser, so HTML from anywhere else must not come through here."""
    import xml.etree.ElementTree as ElementTree

    import lxml.html

    def copy(element):
        new = ElementTree.Element(element.tag, dict(element.attrib))
        new.text = element.text
        for child in element:
            if isinstance(child.tag, str):
                child_copy = copy(child)
                child_copy.tail = child.tail
                new.append(child_copy)
            elif child.tail:  # a comment: its text is dropped, the text after it is kept
                if len(new):
                    new[-1].tail = (new[-1].tail or "") + child.tail
                else:
                    new.text = (new.text or "") + child.tail
        return new

    root = copy(lxml.html.document_fromstring(html))
    # Where the two parsers put the white space around <body> differs; it is never rendered.
    root.text = None
    for body in root.iter("body"):
        body.tail = None
    return root


_html_class = None


def lean_html(html: str):
    """A WeasyPrint HTML document that cascades with the lean user-agent stylesheet, its tree
    parsed by `html_tree`."""
    global _html_class
    if _html_class is None:
        import cssselect2

        HTML = import_weasyprint().HTML

        class LeanHTML(HTML):
            def __init__(self, html, base_url):
                # WeasyPrint sets up its document from an empty page (base URL, fetcher, media
                # type), then gets the real tree.
                super().__init__(string="<!DOCTYPE html><html></html>", base_url=base_url)
                self.wrapper_element = cssselect2.ElementWrapper.from_html_root(
                    html_tree(html), content_language=None
                )
                self.etree_element = self.wrapper_element.etree_element

            def _ua_stylesheets(self, forms=False):
                return [ua_stylesheet(), *super()._ua_stylesheets(forms)[1:]]

        _html_class = LeanHTML
    return _html_class(html, base_url=str(settings.BASE_DIR))


def _cache_page_references() -> None:
    """pydyf rebuilds the tuple of all page references on every access, and WeasyPrint's
    tagging reads it once per tagged box: quadratic in pages (4 % of the 10× plan's time).
    Cache it while the number of pages is unchanged (pages are only ever appended)."""
    import pydyf

    if getattr(pydyf.PDF, "_simba_cached_references", False):
        return

    def page_references(self):
        kids = self.pages["Kids"]
        cached = self.__dict__.get("_simba_page_references")
        if cached is None or cached[0] != len(kids):
            references = tuple(f"{n} 0 R".encode("ascii") for n in kids[::3])
            cached = self.__dict__["_simba_page_references"] = (len(kids), references)
        return cached[1]

    pydyf.PDF.page_references = property(page_references)
    pydyf.PDF._simba_cached_references = True


STREAM_LEVEL = 6  # zlib's default: within 3 % of level 9's size on our pages, 3× faster
_writing = threading.local()


def _stream_once() -> None:
    """pydyf serialises and compresses every stream twice when it writes a PDF/A (once more for
    the file identifier's checksum) and compresses at zlib level 9: 15 % of a report's time.
    While a PDF is written (its objects no longer change), each stream's bytes are made once,
    at level 6. The bytes inside the streams are the same; only their compression differs."""
    import pydyf

    if getattr(pydyf.PDF, "_simba_stream_once", False):
        return
    write = pydyf.PDF.write

    def write_once(self, *args, **kwargs):
        _writing.streams = {}
        try:
            return write(self, *args, **kwargs)
        finally:
            _writing.streams = None

    def data(self):
        streams = getattr(_writing, "streams", None)
        if streams is not None and id(self) in streams:
            return streams[id(self)][1]
        stream = b"\n".join(pydyf._to_bytes(item) for item in self.stream)
        extra = pydyf.Dictionary(self.extra.copy())
        if self.compress:
            extra["Filter"] = "/FlateDecode"
            stream = zlib.compress(stream, STREAM_LEVEL)
        extra["Length"] = len(stream)
        result = b"\n".join((extra.data, b"stream", stream, b"endstream"))
        if streams is not None:
            streams[id(self)] = (self, result)  # the object is kept, so its id stays its own
        return result

    pydyf.PDF.write = write_once
    pydyf.Stream.data = property(data)
    pydyf.PDF._simba_stream_once = True


def _pack_painted_pages() -> None:
    """A painted page's content stream is a list of small operator strings (150 000 for the
    report) held until the whole PDF is written; nothing is added to a page's stream once the
    page is painted, so join them into one string then: 5 MB less at the render's peak."""
    import pydyf
    from weasyprint.document import Page

    if getattr(Page, "_simba_packed", False):
        return
    paint = Page.paint

    def paint_and_pack(self, stream, scale=1):
        paint(self, stream, scale)
        stream.stream[:] = [b"\n".join(pydyf._to_bytes(item) for item in stream.stream)]

    Page.paint = paint_and_pack
    Page._simba_packed = True


def tag_table_headers(document, pdf) -> None:
    """Give every table header cell its /Scope in the tagged PDF (WeasyPrint 70 links cells to
    their headers but writes no scope): headers in a THead are column headers, the others
    (`<th scope="row">` in the body) row headers. A WeasyPrint finisher: runs on the PDF's
    objects just before they are written."""
    objects = pdf.objects

    def parent(element):
        reference = element.get("P")
        if not reference:
            return None
        return objects[int(bytes(reference).split()[0])]

    for element in objects:
        if not isinstance(element, dict) or element.get("S") != "/TH":
            continue
        row = parent(element)
        group = parent(row) if row is not None else None
        in_head = group is not None and group.get("S") == "/THead"
        attributes = element.get("A")
        if attributes is None:
            attributes = element["A"] = type(element)({"O": "/Table"})
        attributes["Scope"] = "/Column" if in_head else "/Row"


def write_pdf(html: str, css: Path) -> bytes:
    """The document as PDF/A-3a, tagged, with the language and metadata of its HTML."""
    sheet = stylesheet(css)
    _cache_page_references()
    _stream_once()
    _pack_painted_pages()
    with lean_gc():
        return lean_html(html).write_pdf(
            stylesheets=[sheet],
            font_config=font_config(),
            pdf_variant=PDF_VARIANT,
            pdf_tags=True,
            custom_metadata=True,
            finisher=tag_table_headers,
        )
