"""WeasyPrint is imported with fontTools' subsetter and instancer deferred (reports/weasy.py,
15 MB less in every process that renders), and both still work where WeasyPrint needs them.

Run in a fresh interpreter each: what a process has imported is the point, and the test process
has imported everything already."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PRELUDE = """
import json, sys, types
import django
django.setup()
from reports.rendering import PRINT_CSS
from reports.weasy import write_pdf
SAMPLE = ('<!DOCTYPE html><html lang="sv"><head><title>Prov</title></head><body>'
          '<h1>Uppföljning</h1><p>Ale 12,5 % – Kungälv 86,0 %</p></body></html>')

def loaded(name):
    module = sys.modules.get(name)
    return module is not None and type(module) is types.ModuleType
"""


def run(script: str) -> dict:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "simba.settings",
           "SECRET_KEY": os.environ.get("SECRET_KEY", "test")}  # fmt: skip
    result = subprocess.run([sys.executable, "-c", PRELUDE + script], cwd=ROOT, env=env,
                            capture_output=True, text=True, check=True)  # fmt: skip
    return json.loads(result.stdout.strip().splitlines()[-1])


def pdf_text(pdf: bytes) -> str:
    return subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode()  # fmt: skip


def test_a_render_loads_neither_the_subsetter_nor_the_instancer():
    seen = run("""
pdf = write_pdf(SAMPLE, PRINT_CSS)
print(json.dumps({"pdf": pdf.hex(), "subsetter": loaded("fontTools.subset"),
                  "instancer": "fontTools.varLib.instancer" in sys.modules,
                  "varLib": "fontTools.varLib" in sys.modules}))
""")
    assert not seen["subsetter"] and not seen["instancer"] and not seen["varLib"]
    assert "Ale 12,5 % – Kungälv 86,0 %" in pdf_text(bytes.fromhex(seen["pdf"]))


def test_without_harfbuzz_subset_the_deferred_subsetter_subsets_the_fonts():
    seen = run("""
from reports.weasy import import_weasyprint
import_weasyprint()
import weasyprint.pdf.fonts
weasyprint.pdf.fonts.harfbuzz_subset = None  # as where HarfBuzz-Subset is not installed
pdf = write_pdf(SAMPLE, PRINT_CSS)
print(json.dumps({"pdf": pdf.hex(), "subsetter": loaded("fontTools.subset")}))
""")
    assert seen["subsetter"]
    assert "Ale 12,5 % – Kungälv 86,0 %" in pdf_text(bytes.fromhex(seen["pdf"]))


def test_the_instancer_is_fonttools_own_when_called_and_for_everyone_else():
    seen = run("""
from reports.weasy import import_weasyprint
import_weasyprint()
import weasyprint.pdf.fonts
from fontTools.ttLib import TTFont
before = "fontTools.varLib.instancer" in sys.modules
try:
    weasyprint.pdf.fonts.instantiateVariableFont(
        TTFont("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"), {"wght": 700}, static=True)
    error = None
except Exception as exception:  # not a variable font: fontTools' own refusal
    error = repr(exception)
from fontTools.varLib import instancer
print(json.dumps({"before": before, "error": error,
                  "real": instancer.instantiateVariableFont.__module__}))
""")
    assert seen["before"] is False
    assert seen["error"] and "fvar" in seen["error"]
    assert seen["real"] == "fontTools.varLib.instancer"
