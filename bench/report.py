"""Benchmark: the full report and the deck for the real plan and for a plan ten times larger.

Not a test: prints figures. Runs against a fresh SQLite file in a temporary folder unless
DATABASE_URL is set (then that database must be empty and migrated by this script).

    .venv/bin/python bench/report.py            # SQLite in a temp folder
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/simba_bench .venv/bin/python bench/report.py

For each plan: two full years of values for every unit (indicators/demo.py) and analysis texts
for every part, then the snapshot (database → plain data), the full report's PDF and the deck
(PDF, then PowerPoint) are timed. Each is rendered once to warm up (fonts, stylesheets) and
then `--runs` times; medians are reported. CPU time (process time) is printed beside wall time:
on a shared, busy machine it is the steadier figure. The last line is

    report_s=<median s> deck_s=<median s> growth=<report 10×/1×> peak_mb=<peak RSS MB>

report_s and deck_s for the real plan (deck_s: the deck's PDF and PowerPoint together, as its
job makes them), growth the full report's median time for the 10× plan over the real plan's,
peak_mb the process's largest resident memory while the real plan was built and rendered (the
real plan runs first; the 10× plan's peak, which includes everything before it, is printed on
its own line). The database is migrated by a child process beforehand, like a deployment does
before its workers start; that child's peak is printed too, it is not a worker's.
"""

import argparse
import io
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def setup_django(folder: str) -> None:
    """Migrate in a child process, as a deployment does before its workers start: loading every
    migration costs a process about 26 MB that a worker never spends, and peak_mb is meant to be
    what a worker uses. Then Django in this process."""
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{folder}/bench.sqlite3")
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ.setdefault("MEDIA_ROOT", folder)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "simba.settings")
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT,
                   check=True)  # fmt: skip
    import django

    django.setup()


def with_analysis(snapshot: dict) -> dict:
    """Texts of the length a process leader writes, for every focus area and goal."""
    text = "Utskrivningen går snabbare i tre av fyra kommuner, men vårdbegäran kommer sent. "
    snapshot["analysis"] = {
        "overall": text * 5,
        "focus_areas": {
            str(fa["number"]): {"analysis": text * 3, "next_steps": text * 2}
            for fa in snapshot["focus_areas"]
        },
        "goals": {
            g["code"]: {"analysis": text * 2, "next_steps": text, "unit_comments": [
                {"unit": "Ale", "unit_code": "1440", "text": text}]}
            for fa in snapshot["focus_areas"] for g in fa["goals"]
        },
    }  # fmt: skip
    return snapshot


def timed(fn, runs: int) -> tuple[float, float, object]:
    """(median wall s, median CPU s, last result) over `runs` runs after one warm-up run."""
    result = fn()
    wall, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        result = fn()
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return statistics.median(wall), statistics.median(cpu), result


def measure(plan, runs: int) -> dict:
    from reports.deck import render_deck_pdf
    from reports.deck_pptx import render_deck_pptx
    from reports.rendering import render_report_pdf
    from reports.slides import build_slides
    from reports.snapshot import build_snapshot

    started = time.perf_counter()
    snapshot = with_analysis(build_snapshot(plan, plan.last_year, "samordningsgruppen"))
    snapshot_time = time.perf_counter() - started

    def deck():
        slides = build_slides(snapshot)
        return render_deck_pdf(snapshot, slides), render_deck_pptx(snapshot, slides)

    report_s, report_cpu, pdf = timed(lambda: render_report_pdf(snapshot, "samordningsgruppen"),
                                      runs)  # fmt: skip
    deck_s, deck_cpu, (deck_pdf, pptx) = timed(deck, runs)
    return {
        "snapshot": snapshot_time,
        "report": report_s,
        "report_cpu": report_cpu,
        "pdf": pdf,
        "deck": deck_s,
        "deck_cpu": deck_cpu,
        "deck_pdf": deck_pdf,
        "pptx_kib": len(pptx) / 1024,
        "goals": sum(len(fa["goals"]) for fa in snapshot["focus_areas"]),
    }


def peak_mb() -> float:
    """Largest resident set of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--factor", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        setup_django(folder)
        from indicators.demo import fill_values
        from plans.document import enlarged, load_plan, read_document

        migrate_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"migrate (child process, before the workers' work): peak {migrate_mb:.0f} MB")
        document = read_document()
        results = {}
        for label, doc in (("real plan", document), (f"{args.factor}× plan", None)):
            doc = doc or enlarged(document, args.factor)
            plan = load_plan(doc)
            # "today" half a year after the plan: older periods approved, recent ones submitted.
            today = date(plan.last_year + 1, 6, 1)
            values = fill_values(plan, list(plan.years), seed=2026, today=today)
            r = measure(plan, args.runs)
            r["peak"] = peak_mb()
            # Pages are counted after the peak is read: pypdf (13 MB) is the bench's, no worker's.
            from pypdf import PdfReader

            r["pages"] = len(PdfReader(io.BytesIO(r.pop("pdf"))).pages)
            r["slides"] = len(PdfReader(io.BytesIO(r.pop("deck_pdf"))).pages)
            results[label] = r
            print(
                f"{label:>10}: {r['goals']:4d} goals, {values:5d} values | "
                f"snapshot {r['snapshot']:5.2f} s | report {r['pages']:4d} pages "
                f"{r['report']:6.2f} s (CPU {r['report_cpu']:6.2f} s) | deck {r['slides']:3d} "
                f"slides {r['deck']:5.2f} s (CPU {r['deck_cpu']:5.2f} s, "
                f"pptx {r['pptx_kib']:.0f} KiB) | peak {r['peak']:.0f} MB"
            )
        base, large = results["real plan"], results[f"{args.factor}× plan"]
        print(
            f"report_s={base['report']:.2f} deck_s={base['deck']:.2f} "
            f"growth={large['report'] / base['report']:.1f} peak_mb={base['peak']:.0f}"
        )


if __name__ == "__main__":
    main()
