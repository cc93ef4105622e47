"""Benchmark: the yearly report for the real plan and for a plan ten times larger.

Not a test: prints figures. Runs against a fresh SQLite file in a temporary folder unless
DATABASE_URL is set (then that database must be empty and migrated by this script).

    .venv/bin/python bench/report.py            # SQLite in a temp folder
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/simba_bench .venv/bin/python bench/report.py

For each plan: two full years of values for every unit (indicators/demo.py), then the
snapshot (database → plain data) and the PDF (WeasyPrint) are timed; the PDF is rendered
`--runs` times and the best time is kept (the first render also loads fonts). CPU time
(process time) is printed beside wall time: on a shared, busy machine it is the steadier figure.
"""

import argparse
import io
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def setup_django(folder: str) -> None:
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{folder}/bench.sqlite3")
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ.setdefault("MEDIA_ROOT", folder)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "simba.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def measure(plan, runs: int) -> dict:
    from pypdf import PdfReader

    from reports.rendering import render_report_pdf
    from reports.snapshot import build_snapshot

    started = time.perf_counter()
    snapshot = build_snapshot(plan, plan.last_year, "politiska_samradsgruppen")
    snapshot_time = time.perf_counter() - started
    times, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        pdf = render_report_pdf(snapshot, "politiska_samradsgruppen")
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return {
        "snapshot": snapshot_time,
        "pdf": min(times),
        "first": times[0],
        "cpu": min(cpu),
        "pages": len(PdfReader(io.BytesIO(pdf)).pages),
        "size": len(pdf),
        "goals": sum(len(fa["goals"]) for fa in snapshot["focus_areas"]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--factor", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        setup_django(folder)
        from indicators.demo import fill_values
        from plans.document import enlarged, load_plan, read_document

        document = read_document()
        results = {}
        for label, doc in (("real plan", document), (f"{args.factor}× plan", None)):
            doc = doc or enlarged(document, args.factor)
            plan = load_plan(doc)
            # "today" half a year after the plan: older periods approved, recent ones submitted.
            today = date(plan.last_year + 1, 6, 1)
            values = fill_values(plan, list(plan.years), seed=2026, today=today)
            result = measure(plan, args.runs)
            results[label] = result
            print(
                f"{label:>10}: {result['goals']:4d} goals, {values:5d} values, "
                f"{result['pages']:4d} pages, {result['size'] / 1024:7.0f} KiB | "
                f"snapshot {result['snapshot']:5.2f} s | PDF wall {result['pdf']:6.2f} s, "
                f"CPU {result['cpu']:6.2f} s (first run {result['first']:.2f} s) | "
                f"{result['cpu'] / result['pages'] * 1000:4.0f} ms CPU/page"
            )
        base, large = results["real plan"], results[f"{args.factor}× plan"]
        print(
            f"ratio {args.factor}× / real: pages {large['pages'] / base['pages']:.1f}, "
            f"PDF wall time {large['pdf'] / base['pdf']:.1f}, "
            f"PDF CPU time {large['cpu'] / base['cpu']:.1f}, "
            f"snapshot time {large['snapshot'] / base['snapshot']:.1f}"
        )


if __name__ == "__main__":
    main()
