"""The render's speed levers leave the process as they found it and stay correct."""

import gc

import pydyf

from reports.weasy import _cache_page_references, lean_gc


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
