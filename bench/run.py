"""Benchmarks: our build against the engine's floor, the validator, the timeline in Chromium.

``make bench`` (or ``python bench/run.py [--sizes 1000,5000] [--runs 3] [--quick]``):

1. generates N synthetic events (bench/generate.py) in a temporary folder;
2. builds our site from them (``TIMELINE_EVENTS_DIR``) and, alternately, the
   engine's floor: a plain mkdocs-material site with our theme, the search
   plugin and our Markdown extensions, and N plain pages with the same text,
   out of the nav. Each build is its own process; wall seconds and peak RSS
   come from ``os.wait4``;
3. times ``policy-timeline validate`` and ``validate_project`` alone;
4. times the timeline in headless Chromium, with a cold cache each load: from
   navigation start to its first paint (the build-time SVG is in the page), and
   to ``.pt-view[data-state=interactive]``, the Plotly chart in its place, for a
   reader who points at it as soon as the page is there;
5. prints medians and ratios against the targets and writes them to
   bench/results/latest.json and latest.csv (plus a dated copy to compare runs).

Timings are noisy on a shared machine: compare medians and ratios of one run.
"""
from __future__ import annotations

import argparse
import csv
import datetime as _dt
import functools
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import frontmatter
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate

from policy_timeline import urls

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results"
# "today" pinned as in the tests, so what counts as a future target is stable.
BUILD_EPOCH = "1767225600"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
# The interactive chart in place of the build-time SVG.
DRAWN = ".pt-view[data-state=interactive]"
# The home page carries the timeline the targets are about; /embed/ is the
# same timeline without the site's chrome, reported alongside.
TIMELINE_PAGES = {"home": "", "embed": "embed/"}

TARGETS = {  # metric -> (limit, unit, what)
    "build_ratio_1000": (1.2, "x", "build time, ours / floor, 1,000 events"),
    "build_ratio_5000": (1.2, "x", "build time, ours / floor, 5,000 events"),
    "scaling_5000_1000": (5.5, "x", "build time, 5,000 / 1,000 events"),
    "peak_rss_mb_5000": (300.0, "MB", "peak memory of our build, 5,000 events"),
    "validate_s_5000": (2.0, "s", "validation of 5,000 events (policy-timeline validate)"),
    "timeline_s_1000": (1.0, "s", "timeline drawn, 1,000 events"),
    "timeline_s_5000": (2.0, "s", "timeline drawn, 5,000 events"),
}


# --- processes ---------------------------------------------------------------

def measure(cmd: list[str], env: dict, log: Path) -> dict:
    """Run one process; its wall seconds and peak RSS (its own, from wait4)."""
    with open(log, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        tail = log.read_text(errors="replace")[-4000:]
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{tail}")
    # ru_maxrss is in KiB on Linux.
    return {"wall_s": wall, "peak_rss_mb": usage.ru_maxrss / 1024}


def base_env() -> dict:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": BUILD_EPOCH,
           "PYTHONPATH": str(REPO)}
    for name in ("GITHUB_ACTIONS", "TIMELINE_EVENTS_DIR"):
        env.pop(name, None)
    return env


def mkdocs_cmd(config: Path, site_dir: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
            "-f", str(config), "--site-dir", str(site_dir)]


# --- the floor -----------------------------------------------------------------

class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml: ``!ENV [NAME, default]`` becomes its default."""


_ConfigLoader.add_constructor(
    "!ENV", lambda loader, node: (loader.construct_sequence(node) or [None])[-1]
    if isinstance(node, yaml.SequenceNode) else None)


def make_floor(events_dir: Path, dest: Path) -> Path:
    """The engine's floor for these events; returns its mkdocs.yml."""
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)
    config["plugins"] = [p for p in config.get("plugins", [])
                         if (p if isinstance(p, str) else next(iter(p)))
                         not in ("macros", "policy-timeline")]
    config["docs_dir"] = "docs"
    config["nav"] = [{"Home": "index.md"}]
    # The same static assets (plotly.js, stylesheets, scripts) are copied by both builds,
    # and listed on every page as the engine lists them.
    config["extra_css"] = list(urls.STYLESHEETS)
    config["extra_javascript"] = list(urls.SCRIPTS)
    docs = dest / "docs"
    shutil.copytree(REPO / "policy_timeline" / "assets", docs / "assets")
    (docs / "index.md").write_text("# Floor\n\nThe engine's floor.\n", encoding="utf-8")
    pages = docs / "events"
    pages.mkdir()
    for path in sorted(events_dir.rglob("*.md")):
        post = frontmatter.load(path)
        (pages / path.name).write_text(
            f"# {post['title']}\n\n{post['summary']}\n\n{post.content}\n", encoding="utf-8")
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
                                     encoding="utf-8")
    return dest / "mkdocs.yml"


# --- builds ----------------------------------------------------------------------

def build_runs(n: int, events_dir: Path, floor_config: Path, work: Path, runs: int) -> dict:
    """Alternate our build and the floor's, ``runs`` times each; keep our last site."""
    ours_env = {**base_env(), "TIMELINE_EVENTS_DIR": str(events_dir)}
    results = {"ours": [], "floor": []}
    site = work / f"site-{n}"
    for i in range(runs):
        # Swap who goes first each round, so neither always builds on a warm cache.
        order = ("ours", "floor") if i % 2 == 0 else ("floor", "ours")
        for which in order:
            out = site if which == "ours" else work / f"floor-site-{n}"
            shutil.rmtree(out, ignore_errors=True)
            config = REPO / "mkdocs.yml" if which == "ours" else floor_config
            env = ours_env if which == "ours" else base_env()
            figures = measure(mkdocs_cmd(config, out), env, work / f"{which}-{n}-{i}.log")
            results[which].append(figures)
            print(f"  N={n} run {i + 1}/{runs} {which:5}: {figures['wall_s']:6.2f} s "
                  f"{figures['peak_rss_mb']:6.0f} MB", flush=True)
    shutil.rmtree(work / f"floor-site-{n}", ignore_errors=True)
    return {**results, "site": site}


def validator_runs(events_dir: Path, work: Path, runs: int) -> dict:
    cli, in_process = [], []
    probe = ("import json, sys, time\nfrom pathlib import Path\n"
             "from policy_timeline.validate import validate_project\n"
             "start = time.perf_counter()\n"
             "project, problems = validate_project(Path(sys.argv[1]))\n"
             "print(json.dumps({'s': time.perf_counter() - start, 'problems': len(problems)}))\n")
    for i in range(runs):
        cli.append(measure([sys.executable, "-m", "policy_timeline", "validate", str(events_dir)],
                           base_env(), work / f"validate-{i}.log"))
        out = subprocess.run([sys.executable, "-c", probe, str(events_dir)], cwd=REPO,
                             env=base_env(), capture_output=True, text=True, check=True)
        result = json.loads(out.stdout.strip().splitlines()[-1])
        if result["problems"]:
            raise SystemExit(f"the generated events have {result['problems']} problem(s)")
        in_process.append(result["s"])
    return {"cli": cli, "in_process_s": in_process}


# --- the browser ---------------------------------------------------------------

class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


# Records when the timeline is drawn, on the page's own clock (0 = navigation
# start), so the figure does not include Playwright's round trips.
_DRAWN_PROBE = f"""
(() => {{
  const mark = () => {{
    if (window.__ptDrawn === undefined && document.querySelector({json.dumps(DRAWN)})) {{
      window.__ptDrawn = performance.now();
    }}
  }};
  new MutationObserver(mark).observe(document, {{
    subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'],
  }});
  // A reader who points at the timeline as soon as it is there: the chart
  // loads on interaction (or once the page is idle).
  document.addEventListener('DOMContentLoaded', () => {{
    const stage = document.querySelector('.pt-stage');
    if (stage) stage.dispatchEvent(new PointerEvent('pointerenter'));
  }});
}})();
"""


# Where the time to "drawn" goes, in seconds from navigation start: the
# page's DOMContentLoaded, then plotly.js and the figure arriving (the loader
# asks for them once the page is ready), then parsing plotly.js and drawing.
_PHASES = """
(() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const last = (re) => {
    const hits = performance.getEntriesByType('resource').filter(e => re.test(e.name));
    return hits.length ? hits[hits.length - 1] : null;
  };
  const plotly = last(/plotly[^/]*\\.js$/), figure = last(/timeline\\/timeline\\.js(on)?$/);
  const s = (ms) => ms / 1000;
  const paint = performance.getEntriesByType('paint').find(e => e.name === 'first-contentful-paint');
  return {
    svg_painted: paint ? s(paint.startTime) : -1,
    dom_content_loaded: s(nav.domContentLoadedEventEnd),
    plotly_requested: plotly ? s(plotly.startTime) : -1,
    plotly_received: plotly ? s(plotly.responseEnd) : -1,
    figure_requested: figure ? s(figure.startTime) : -1,
    figure_received: figure ? s(figure.responseEnd) : -1,
    figure_kb: figure ? figure.encodedBodySize / 1024 : -1,
    drawn: s(window.__ptDrawn),
  };
})()
"""


def timeline_loads(site: Path, loads: int) -> dict:
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    results: dict[str, list[float]] = {name: [] for name in TIMELINE_PAGES}
    phases: dict[str, list[dict]] = {name: [] for name in TIMELINE_PAGES}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                         args=CHROMIUM_ARGS)
            for _ in range(loads):
                for name, path in TIMELINE_PAGES.items():
                    if not (site / path / "index.html").is_file():
                        continue
                    context = browser.new_context()  # a cold cache, as a first visit
                    page = context.new_page()
                    page.add_init_script(_DRAWN_PROBE)
                    page.goto(base + path, wait_until="commit")
                    page.wait_for_function("window.__ptDrawn !== undefined", timeout=120_000)
                    results[name].append(page.evaluate("window.__ptDrawn") / 1000)
                    phases[name].append(page.evaluate(_PHASES))
                    context.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return ({name: loads for name, loads in results.items() if loads},
            {name: median_phases(loads) for name, loads in phases.items() if loads})


def median_phases(loads: list[dict]) -> dict:
    return {key: round(_median([load[key] for load in loads]), 3) for key in loads[0]}


# --- summary ----------------------------------------------------------------------

def _median(values: list[float]) -> float:
    return statistics.median(values)


def summarise(per_size: dict[int, dict]) -> dict:
    metrics: dict[str, float] = {}
    for n, r in per_size.items():
        ours = _median([x["wall_s"] for x in r["ours"]])
        floor = _median([x["wall_s"] for x in r["floor"]])
        metrics[f"build_s_{n}"] = ours
        metrics[f"floor_s_{n}"] = floor
        metrics[f"build_ratio_{n}"] = ours / floor
        metrics[f"peak_rss_mb_{n}"] = _median([x["peak_rss_mb"] for x in r["ours"]])
        metrics[f"floor_rss_mb_{n}"] = _median([x["peak_rss_mb"] for x in r["floor"]])
        metrics[f"validate_s_{n}"] = _median([x["wall_s"] for x in r["validator"]["cli"]])
        metrics[f"validate_in_process_s_{n}"] = _median(r["validator"]["in_process_s"])
        for page, loads in r.get("timeline", {}).items():
            key = f"timeline_s_{n}" if page == "home" else f"timeline_{page}_s_{n}"
            metrics[key] = _median(loads)
    if "build_s_1000" in metrics and "build_s_5000" in metrics:
        metrics["scaling_5000_1000"] = metrics["build_s_5000"] / metrics["build_s_1000"]
        metrics["floor_scaling_5000_1000"] = metrics["floor_s_5000"] / metrics["floor_s_1000"]
    return metrics


def target_rows(metrics: dict[str, float]) -> list[dict]:
    return [{"metric": key, "what": what, "measured": metrics.get(key), "target": limit,
             "unit": unit, "ok": None if key not in metrics else metrics[key] <= limit}
            for key, (limit, unit, what) in TARGETS.items()]


def print_report(metrics: dict[str, float], rows: list[dict]) -> None:
    print("\nmetric".ljust(38) + "value")
    for key in sorted(metrics):
        print(f"{key:37} {metrics[key]:10.3f}")
    print(f"\n{'target':58} {'measured':>9} {'limit':>7}  ok")
    for row in rows:
        measured = "-" if row["measured"] is None else f"{row['measured']:.2f}"
        ok = {None: "n/a", True: "yes", False: "NO"}[row["ok"]]
        print(f"{row['what']:58} {measured:>9} {row['target']:>6}{row['unit']:<2} {ok}")


def write_results(results_dir: Path, record: dict) -> Path:
    results_dir.mkdir(parents=True, exist_ok=True)
    latest = results_dir / "latest.json"
    text = json.dumps(record, indent=2, sort_keys=True) + "\n"
    latest.write_text(text, encoding="utf-8")
    stamp = record["started"].replace(":", "").replace("-", "")
    (results_dir / f"bench-{stamp}.json").write_text(text, encoding="utf-8")
    with open(results_dir / "latest.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["metric", "value", "target", "ok"])
        limits = {row["metric"]: row for row in record["targets"]}
        for key in sorted(record["metrics"]):
            row = limits.get(key)
            writer.writerow([key, f"{record['metrics'][key]:.4f}",
                             row["target"] if row else "", "" if not row else row["ok"]])
    return latest


# --- main ---------------------------------------------------------------------------

def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000", help="comma-separated event counts")
    parser.add_argument("--runs", type=int, default=3, help="builds of each site per size (>= 3)")
    parser.add_argument("--loads", type=int, default=5, help="browser loads per page per size")
    parser.add_argument("--quick", action="store_true",
                        help="smoke run: 50 events, one build of each, one load")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium timings")
    parser.add_argument("--results-dir", type=Path, default=RESULTS)
    parser.add_argument("--keep", type=Path, default=None,
                        help="work in this folder and keep it (events, sites, logs)")
    args = parser.parse_args(argv)
    if args.quick:
        args.runs, args.loads = 1, 1
        if args.sizes == parser.get_default("sizes"):
            args.sizes = "50"
    args.sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    return args


def run(args: argparse.Namespace, work: Path) -> dict:
    per_size: dict[int, dict] = {}
    for n in args.sizes:
        print(f"N={n}: generating events and the floor", flush=True)
        events = generate(n, work / f"events-{n}")
        floor = make_floor(events, work / f"floor-{n}")
        builds = build_runs(n, events, floor, work, args.runs)
        site = builds.pop("site")
        builds["validator"] = validator_runs(events, work, args.runs)
        print(f"  N={n} validate: {[round(x['wall_s'], 2) for x in builds['validator']['cli']]} s",
              flush=True)
        if not args.no_browser:
            builds["timeline"], builds["timeline_phases"] = timeline_loads(site, args.loads)
            print(f"  N={n} timeline drawn: {builds['timeline']} s", flush=True)
            for page, phases in builds["timeline_phases"].items():
                print(f"  N={n} {page} phases (median s): {phases}", flush=True)
        shutil.rmtree(site, ignore_errors=True)
        per_size[n] = builds
    return per_size


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        per_size = run(args, args.keep)
    else:
        with tempfile.TemporaryDirectory(prefix="pt-bench-") as tmp:
            per_size = run(args, Path(tmp))
    metrics = summarise(per_size)
    rows = target_rows(metrics)
    record = {
        "started": started,
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
        "options": {"sizes": args.sizes, "runs": args.runs, "loads": args.loads,
                    "browser": not args.no_browser},
        "metrics": metrics,
        "targets": rows,
        "runs": {str(n): r for n, r in per_size.items()},
    }
    print_report(metrics, rows)
    print(f"\nwritten: {write_results(args.results_dir, record)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
