"""The home page's budgets alone: ``python bench/home.py [--sizes 1000,5000] [--loads 5]``.

``make bench`` measures them among everything else (bench/run.py); this measures only
them, in a few minutes: for each size, N generated events (bench/generate.py, the
shared pool of sources), one build of our site, then cold loads of the home page and
of ``/embed/`` in headless Chromium, as run.py loads them (``timeline_loads``): what
loaded before the page's load event, gzipped; the first frame with the build-time SVG
on screen; the Plotly chart in place for a reader who points at the timeline as soon
as the page is there. Medians against the budgets (run.TARGETS), written to
bench/results/home-latest.json. Timings are noisy on a shared machine: the load
average is printed with them.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run
from generate import generate

PAGES = ("home", "embed")
FIGURES = (  # metric prefix, what, format
    ("first_paint_gz_kb", "before the load event, kB gz", ".1f"),
    ("svg_painted_s", "SVG on screen, s", ".3f"),
    ("interactive_s", "interactive, s", ".3f"),
)


def measure_size(n: int, work: Path, loads: int) -> dict[str, float]:
    """One build of ``n`` generated events, then the loads; the medians by metric name."""
    events = generate(n, work / f"events-{n}")
    site = work / f"site-{n}"
    env = {**run.base_env(), "TIMELINE_EVENTS_DIR": str(events)}
    built = run.measure(run.mkdocs_cmd(run.REPO / "mkdocs.yml", site), env, work / f"{n}.log")
    print(f"N={n}: built in {built['wall_s']:.1f} s", flush=True)
    loaded = run.timeline_loads(site, loads)
    metrics: dict[str, float] = {}
    for page, r in loaded.items():
        metrics[f"first_paint_gz_kb_{page}_{n}"] = run._median(r["first_paint_gz_bytes"]) / run.KB
        metrics[f"svg_painted_s_{page}_{n}"] = run._median(r["svg_painted_s"])
        metrics[f"interactive_s_{page}_{n}"] = run._median(r["interactive_s"])
        files = ", ".join(
            f"{name} {size / run.KB:.1f}"
            for name, size in sorted(r["first_paint_files"].items(), key=lambda kv: -kv[1])[:4]
        )
        print(f"  {page:5} before load: {files} (kB gz, the largest)", flush=True)
    return metrics


def report(metrics: dict[str, float], sizes: list[int]) -> list[str]:
    lines = [f"{'':34}" + "".join(f"{f'{page} N={n}':>14}" for n in sizes for page in PAGES)]
    for prefix, what, fmt in FIGURES:
        cells = []
        for n in sizes:
            for page in PAGES:
                key = f"{prefix}_{page}_{n}"
                cells.append(f"{format(metrics[key], fmt) if key in metrics else '-':>14}")
        lines.append(f"{what:34}" + "".join(cells))
    rows = [
        row
        for row in run.target_rows(metrics)
        if row["measured"] is not None and row["metric"].endswith(tuple(f"home_{n}" for n in sizes))
    ]
    return [*lines, "", *run.target_table(rows)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000", help="comma-separated event counts")
    parser.add_argument("--loads", type=int, default=5, help="cold loads of each page per size")
    parser.add_argument("--results-dir", type=Path, default=run.RESULTS)
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    load_before = os.getloadavg()[0]
    metrics: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="pt-bench-home-") as tmp:
        for n in sizes:
            metrics.update(measure_size(n, Path(tmp), args.loads))
    print("\n" + "\n".join(report(metrics, sizes)))
    print(
        f"\nmedians of {args.loads} cold loads; load average {load_before:.2f} before, "
        f"{os.getloadavg()[0]:.2f} after"
    )
    args.results_dir.mkdir(parents=True, exist_ok=True)
    out = args.results_dir / "home-latest.json"
    record = {
        "started": _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "source": run.source_state(),
        "sizes": sizes,
        "loads": args.loads,
        "metrics": metrics,
        "targets": run.target_rows(metrics),
    }
    out.write_text(json.dumps(record, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"written: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
