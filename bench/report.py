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
peak_mb this process's largest resident memory while the real plan's snapshot was taken and
both its documents were rendered, which is a report worker's job (the real plan runs first; the
10× plan's peak, which includes everything before it, is printed on its own line). The data is
made beforehand by child processes, as a deployment's data exists before its workers start:
one migrates the database, one loads both plans from the document and fills in their values
(the analysis texts are added to the snapshot here). Their peaks are printed too; they are
not a worker's.
"""

import argparse
import io
import json
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


def setup_django(folder: str, factor: int) -> dict:
    """The data in child processes, as a deployment has it before its workers start (peak_mb is
    meant to be what a worker uses: loading every migration costs a process about 26 MB, and
    loading plans from the document and filling in two years of values about 10 MB, that a
    report worker never spends): one migrates, one makes the plans (`make_plans`). Then Django
    in this process. Returns what the second child printed."""
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{folder}/bench.sqlite3")
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ.setdefault("MEDIA_ROOT", folder)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "simba.settings")
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT,
                   check=True)  # fmt: skip
    made = subprocess.run([sys.executable, __file__, "--make-plans", "--factor", str(factor)],
                          cwd=ROOT, check=True, capture_output=True, text=True)  # fmt: skip
    import django

    django.setup()
    return json.loads(made.stdout.strip().splitlines()[-1])


def make_plans(factor: int) -> None:
    """The child's work: the real plan and one `factor` times larger, each with two full years of
    values for every unit ("today" half a year after the plan: older periods approved, recent
    ones submitted). Prints one JSON line: per plan its id and number of values."""
    import django

    django.setup()
    from indicators.demo import fill_values
    from plans.document import enlarged, load_plan, read_document

    document = read_document()
    made = {}
    for label, doc in (("real plan", document), (f"{factor}× plan", None)):
        plan = load_plan(doc or enlarged(document, factor))
        today = date(plan.last_year + 1, 6, 1)
        values = fill_values(plan, list(plan.years), seed=2026, today=today)
        made[label] = {"pk": plan.pk, "values": values}
    print(json.dumps(made))


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
    from reports.rendering import render_report_pdf
    from reports.snapshot import build_snapshot

    started = time.perf_counter()
    snapshot = with_analysis(build_snapshot(plan, plan.last_year, "samordningsgruppen"))
    snapshot_time = time.perf_counter() - started

    def deck():
        # Imported where the deck is made, as its job does (reports/documents.py): python-pptx
        # is no part of a full report's job.
        from reports.deck import render_deck_pdf
        from reports.deck_pptx import render_deck_pptx
        from reports.slides import build_slides

        slides = build_slides(snapshot)
        return render_deck_pdf(snapshot, slides), render_deck_pptx(snapshot, slides)

    report_s, report_cpu, pdf = timed(lambda: render_report_pdf(snapshot, "samordningsgruppen"),
                                      runs)  # fmt: skip
    report_peak = peak_mb()
    deck_s, deck_cpu, (deck_pdf, pptx) = timed(deck, runs)
    return {
        "report_peak": report_peak,
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
    parser.add_argument("--make-plans", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.make_plans:
        return make_plans(args.factor)
    with tempfile.TemporaryDirectory() as folder:
        made = setup_django(folder, args.factor)
        from plans.models import Plan

        children_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"migrate and plans (child processes, before the workers' work): peak "
              f"{children_mb:.0f} MB")  # fmt: skip
        results = {}
        for label, plan_made in made.items():
            plan, values = Plan.objects.get(pk=plan_made["pk"]), plan_made["values"]
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
                f"pptx {r['pptx_kib']:.0f} KiB) | peak {r['peak']:.0f} MB "
                f"({r['report_peak']:.0f} MB before the deck)"
            )
        base, large = results["real plan"], results[f"{args.factor}× plan"]
        print(
            f"report_s={base['report']:.2f} deck_s={base['deck']:.2f} "
            f"growth={large['report'] / base['report']:.1f} peak_mb={base['peak']:.0f}"
        )


if __name__ == "__main__":
    main()
