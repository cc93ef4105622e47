"""What reading a plan from Word costs: the SIMBA plan and one four times larger, as ratios of
loading the same plan from the JSON fixture (load_plan) in the same run.

    DATABASE_URL=... SECRET_KEY=x python bench/word_import.py

Needs ../shared/seeds (the SIMBA plan as text, rebuilt as a .docx by the tests' builder). Runs in
one transaction that is rolled back, so the database is left as it was.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "simba.settings")

import django

django.setup()

import docx  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from plans.document import load_plan, read_document  # noqa: E402
from plans.word_import import create_draft, read_plan_document  # noqa: E402
from tests.plans.word_documents import simba_plan_docx, to_bytes  # noqa: E402

ROUNDS = 3


def larger(data: bytes, factor: int) -> bytes:
    """The same document with its body repeated: more focus areas, goals and tables."""
    import copy
    import io

    document = docx.Document(io.BytesIO(data))
    body = document.element.body
    items = [child for child in body if not child.tag.endswith("sectPr")]
    for _ in range(factor - 1):
        for child in items[1:]:  # not the title again
            body.insert(len(body) - 1, copy.deepcopy(child))
    return to_bytes(document)


def best_of(action):
    best, queries = float("inf"), 0
    for _ in range(ROUNDS):
        with transaction.atomic():
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                action()
                best = min(best, time.perf_counter() - start)
            queries = len(captured)
            transaction.set_rollback(True)
    return best, queries


def main():
    document = read_document()
    base, base_queries = best_of(lambda: load_plan(document))
    print(f"load_plan (JSON fixture)      {base * 1000:7.0f} ms  {base_queries:5d} queries  1.00×")
    simba = simba_plan_docx()
    for label, data in (("SIMBA .docx", simba), ("SIMBA .docx × 4", larger(simba, 4))):
        read, _ = best_of(lambda data=data: read_plan_document(data))
        reading = read_plan_document(data)
        both, queries = best_of(lambda reading=reading: create_draft(reading))
        c = reading.counts
        counts = f"goals={c['goals']} activities={c['activities']} key_figures={c['key_figures']}"
        print(
            f"{label:<18} read {read * 1000:7.0f} ms  {read / base:5.2f}×   create "
            f"{both * 1000:7.0f} ms  {queries:5d} queries  {both / base:5.2f}×   {counts}"
        )


if __name__ == "__main__":
    main()
