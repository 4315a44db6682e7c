"""Benchmarks: our build against the engine's floor, the validator, the timeline in
Chromium beside TimelineJS3's own viewer.

``make bench`` (or ``python bench/run.py [--sizes 1000,5000] [--runs 3] [--loads 5] [--quick]``),
for each size N and each kind of generated events (bench/generate.py: ``pool``,
sources from a shared pool of web pages, and ``own``, every event citing 1-3 web
pages of its own, ``generate(..., own_web_pages=True)``):

1. generates N synthetic events in a temporary folder;
2. builds our site from them (``TIMELINE_EVENTS_DIR``), our site with the build
   shortcuts off (``TIMELINE_BUILD_SHORTCUTS=off``; at the first size, or every
   size with ``--noshortcuts-all``) and the engine's floor made from the same
   events: a plain mkdocs-material site with our theme, the search plugin and our
   Markdown extensions, and N plain pages with the same text, out of the nav. The
   builds take turns (who goes first rotates each round); each is its own
   process, and its wall seconds and peak RSS come from ``os.wait4``; each
   writes into a folder of its own, and nothing is deleted from 35 s before a
   timed build to its end (``settle``);
3. times ``policy-timeline validate`` and ``validate_project`` alone;
4. with the ``pool`` events (and once with the shipped events), in headless
   Chromium, a cold cache each load, home and ``/embed/``:
   - timing loads, for a reader who points at the timeline as soon as the page is
     there: the first animation frame with the build-time SVG on screen
     (``svg_painted``), first contentful paint, and
     ``.pt-view[data-state=interactive]``, the Plotly chart in its place
     (``interactive``), seconds from navigation start on the page's clock;
   - weight loads: every response body gzipped (level 6; the bench's server does
     not compress), summed over what loaded before the page's ``load`` event
     (first paint weight) and over everything once the reader points at the
     timeline, plotly.js and the figure are in and the network is idle (full
     weight);
   - TimelineJS3's own viewer loading our ``timelinejs.json`` of the same events
     (bench/timelinejs.py): its first-load, by-drawn and full weights gzipped the
     same way, first contentful paint and the frame it is drawn in;
5. prints medians side by side (ours, the floor, TimelineJS3) and against the
   targets, and writes them to bench/results/latest.json and latest.csv (plus a
   dated copy to compare runs). Every figure printed is measured in the run.

Timings are noisy on a shared machine: compare medians and ratios of one run.
"""
from __future__ import annotations

import argparse
import csv
import datetime as _dt
import functools
import gzip
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
import timelinejs
from generate import generate

from policy_timeline import urls

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results"
SHIPPED_EVENTS = REPO / "events"
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
# same timeline without the site's chrome, the one a writer puts in an article.
TIMELINE_PAGES = {"home": "", "embed": "embed/"}
# The kinds of generated events (bench/generate.py), by the infix of their metrics:
# build_ratio_1000 (the shared pool), build_ratio_own_1000 (own web pages).
KINDS = {
    "pool": {"infix": "", "own_web_pages": False,
             "what": "sources from a shared pool of web pages"},
    "own": {"infix": "own_", "own_web_pages": True,
            "what": "each event cites 1-3 web pages of its own"},
    # Most real policy events: where the build's fixed cost shows.
    "short": {"infix": "short_", "own_web_pages": False, "short": True,
              "what": "a summary, one paragraph and one web source each"},
}
# Our build both ways (ARCHITECTURE.md, mkdocs/speed/pages.py), and the floor.
BUILDS = ("ours", "noshortcuts", "floor", "zensical", "zensical_floor")
SHIPPED = "shipped"
KB = 1000  # weights in kB, as the embed's budgets (tests/test_embed_browser.py) count them

TARGETS = {  # metric -> (limit, unit, what)
    "build_ratio_1000": (1.2, "x", "build time, ours / floor, 1,000 events (pool)"),
    "build_ratio_own_1000": (1.2, "x", "build time, ours / floor, 1,000 events (own pages)"),
    "build_ratio_5000": (1.2, "x", "build time, ours / floor, 5,000 events (pool)"),
    "build_ratio_own_5000": (1.2, "x", "build time, ours / floor, 5,000 events (own pages)"),
    "build_ratio_short_1000": (1.2, "x", "build time, ours / floor, 1,000 events (short)"),
    "build_ratio_short_5000": (1.2, "x", "build time, ours / floor, 5,000 events (short)"),
    "scaling_5000_1000": (5.5, "x", "build time, 5,000 / 1,000 events (pool)"),
    "peak_rss_mb_5000": (300.0, "MB", "peak memory of our build, 5,000 events (pool)"),
    "peak_rss_mb_own_5000": (300.0, "MB", "peak memory of our build, 5,000 events (own)"),
    "validate_s_5000": (2.0, "s", "validation of 5,000 events (policy-timeline validate)"),
    # The home page as light as the embed (issue #23): cold loads, medians.
    "first_paint_gz_kb_home_1000": (250.0, "kB", "home first paint weight, gz, 1,000 events"),
    "first_paint_gz_kb_home_5000": (600.0, "kB", "home first paint weight, gz, 5,000 events"),
    "interactive_s_home_1000": (1.0, "s", "timeline interactive (home), 1,000 events"),
    "interactive_s_home_5000": (1.5, "s", "timeline interactive (home), 5,000 events"),
    "svg_painted_s_home_1000": (0.3, "s", "timeline SVG on screen (home), 1,000 events"),
    "svg_painted_s_home_5000": (0.3, "s", "timeline SVG on screen (home), 5,000 events"),
    "first_paint_gz_kb_embed_shipped": (100.0, "kB", "embed first paint weight, gz, shipped"),
    "first_paint_gz_kb_embed_1000": (150.0, "kB", "embed first paint weight, gz, 1,000 events"),
    "full_gz_kb_embed_shipped": (450.0, "kB", "embed full weight, gz, shipped (tests' budget)"),
}


# --- processes ---------------------------------------------------------------

def measure(cmd: list[str], env: dict, log: Path) -> dict:
    """Run one process; its wall seconds, CPU seconds (user and system) and peak RSS
    (its own, from wait4)."""
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
    return {"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime,
            "peak_rss_mb": usage.ru_maxrss / 1024}


# Nothing is deleted from SETTLE_SECONDS before a timed build to its end. On ext4 without
# a journal (the file system of this project's machines), making a file checks each
# free inode before the one it takes for a deletion in the last 30 s (the kernel's
# recently_deleted(), which `perf` showed taking most of a build's system time): a
# build that came right after a site was deleted paid for it, up to 1.5 s of system
# time at 1,000 events, and always ours, which deleted its own last site first.
SETTLE_SECONDS = 35.0
_last_removal = [float("-inf")]
_settle_seconds = [SETTLE_SECONDS]  # --settle


def remove(path: Path) -> None:
    """Delete ``path`` (a build's output, its trash) and note when."""
    if path.exists():
        shutil.rmtree(path, ignore_errors=True)
        _last_removal[0] = time.monotonic()


def settle() -> None:
    """Wait, before timed builds, until SETTLE_SECONDS have passed since the last deletion."""
    wait = _settle_seconds[0] - (time.monotonic() - _last_removal[0])
    if wait > 0:
        os.sync()
        print(f"  waiting {wait:.0f} s: files deleted just before would slow the next "
              "build (bench/run.py, --settle)", flush=True)
        time.sleep(wait)


# Compiled Python as a site's own machine keeps it: every build after the first reads
# it. Without this, a machine that sets PYTHONDONTWRITEBYTECODE (this project's
# sandboxes and some CI images do) compiles every module of the engine on every
# build (0.3-0.5 s of "fixed cost" no user pays), while the floor reads
# site-packages' compiled files. Kept outside the checkout (see mkdocs/checkout.py).
PYCACHE = Path(tempfile.gettempdir()) / "policy-timeline-bench-pycache"
_WARMED: list[str] = []  # the size whose builds filled PYCACHE, once filled


def base_env() -> dict:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": BUILD_EPOCH,
           "PYTHONPATH": str(REPO), "PYTHONPYCACHEPREFIX": str(PYCACHE)}
    for name in ("GITHUB_ACTIONS", "TIMELINE_EVENTS_DIR", "TIMELINE_BUILD_SHORTCUTS",
                 "PYTHONDONTWRITEBYTECODE"):
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


def _other_titles(post) -> str:
    """An event's titles in other languages as a paragraph, as its page shows them: the
    floor's search reads the same Chinese words (and splits them with jieba) as ours."""
    titles = [*(post.get("titles") or {}).values(), *([post["title_zh"]] if post.get("title_zh") else [])]
    return "".join(f"{title}\n\n" for title in titles)


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
            f"# {post['title']}\n\n{_other_titles(post)}{post['summary']}\n\n{post.content}\n",
            encoding="utf-8")
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
                                     encoding="utf-8")
    return dest / "mkdocs.yml"


# --- builds ----------------------------------------------------------------------

ZENSICAL = str(Path(sys.executable).parent / "zensical")


def zensical_site(work: Path, label: str) -> Path:
    """A folder whose mkdocs.yml is this site's (INHERIT), for the files host to write
    into: what `make site-zensical` builds, from any events folder."""
    root = work / f"zensical-{label}"
    root.mkdir(exist_ok=True)
    (root / "mkdocs.yml").write_text("\n".join([
        f"INHERIT: {REPO / 'mkdocs.yml'}", f"docs_dir: {REPO / 'docs'}", "plugins:",
        "  - search", "  - policy-timeline", "  - macros:",
        "      modules: [policy_timeline.mkdocs.macros]", "      render_by_default: false",
    ]) + "\n", encoding="utf-8")
    return root


def zensical_cmd(root: Path, generate: bool, trash: Path) -> list[str]:
    """A cold Zensical build (its cache and output moved to ``trash`` first: nothing is
    deleted while builds are timed, see :func:`settle`); with ``generate``, after
    policy-timeline generate, timed as one process."""
    steps = [f"mkdir -p {trash}"] + [
        f"{{ [ ! -e {old} ] || mv {old} {trash}/{name}; }}"
        for old, name in ((".cache", "cache"), (".policy-timeline/site", "generated-site"),
                          ("site", "site"))]
    if generate:
        steps.append(f"{sys.executable} -m policy_timeline generate --config mkdocs.yml >/dev/null")
    config = ".policy-timeline.yml" if generate else "mkdocs.yml"
    steps.append(f"{ZENSICAL} build -f {config} >/dev/null")
    return ["sh", "-c", f"cd {root} && " + " && ".join(steps)]


def build_runs(label: str, events_dir: Path, floor_config: Path, work: Path, runs: int,
               noshortcuts: bool) -> dict:
    """Our build, ours with the shortcuts off (when ``noshortcuts``) and the floor's,
    ``runs`` times each, taking turns; keeps our last site (``site``).

    Every build writes into a folder of its own and nothing is deleted until all are
    done (then :func:`settle` before the next timed build)."""
    ours_env = {**base_env(), "TIMELINE_EVENTS_DIR": str(events_dir)}
    envs = {"ours": ours_env, "noshortcuts": {**ours_env, "TIMELINE_BUILD_SHORTCUTS": "off"},
            "floor": base_env(), "zensical": ours_env, "zensical_floor": base_env()}
    builds = [b for b in BUILDS if noshortcuts or b != "noshortcuts"]
    zensical_root = zensical_site(work, label)
    results: dict = {which: [] for which in builds}
    outputs: list[Path] = []
    site = None
    # One build of each, untimed, fills PYCACHE, as a site's machine has it after its
    # first build; once per bench run: the sizes after the first find it filled.
    if not _WARMED:
        for which in ("ours", "floor"):
            config = floor_config if which == "floor" else REPO / "mkdocs.yml"
            out = work / f"warm-{which}-site-{label}"
            measure(mkdocs_cmd(config, out), envs[which], work / f"warm-{which}-{label}.log")
            outputs.append(out)
        _WARMED.append(label)
    settle()
    for i in range(runs):
        # Who goes first rotates each round, so none always builds on a warm cache.
        for which in builds[i % len(builds):] + builds[:i % len(builds)]:
            out = work / f"{which}-site-{label}-{i}"
            trash = work / "trash" / f"{which}-{label}-{i}"
            outputs += [out, trash]
            config = floor_config if which == "floor" else REPO / "mkdocs.yml"
            # What came before (the events and the floor just generated, the sites
            # written) goes to disk now, not during the next build timed: the first
            # build of a size, ours, was paying for it (35.5 s against 24-27 s).
            os.sync()
            command = (zensical_cmd(zensical_root, generate=True, trash=trash)
                       if which == "zensical"
                       else zensical_cmd(floor_config.parent, generate=False, trash=trash)
                       if which == "zensical_floor" else mkdocs_cmd(config, out))
            figures = measure(command, envs[which], work / f"{which}-{label}-{i}.log")
            results[which].append(figures)
            print(f"  {label} run {i + 1}/{runs} {which:11}: {figures['wall_s']:6.2f} s "
                  f"{figures['peak_rss_mb']:6.0f} MB", flush=True)
            if which == "ours":
                site = out
    for out in outputs:
        if out != site:
            remove(out)
    return {**results, "site": site}


def validator_runs(events_dir: Path, work: Path, runs: int) -> dict:
    cli, in_process = [], []
    probe = ("import json, sys, time\nfrom pathlib import Path\n"
             "from policy_timeline.source.validate import validate_project\n"
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


class _QuietServer(http.server.ThreadingHTTPServer):
    """A load's context closes while files it no longer waits for are still being sent
    (the theme's search index, after the load event): not an error of the bench's."""

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            super().handle_error(request, client_address)


# Records, on the page's own clock (0 = navigation start), so the figures do not
# include Playwright's round trips: the first animation frame with the
# build-time SVG on screen (as bench/timelinejs.py times TimelineJS3's drawn
# frame, so the two compare), and when the interactive chart is in place. That
# frame is presented some tens of milliseconds later: first contentful paint,
# reported beside it, is that presentation when the SVG is the page's first content.
_PAINT_PROBE = """
(() => {
  const onScreen = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0
      && r.left < innerWidth && r.top < innerHeight
      && getComputedStyle(el).visibility !== 'hidden';
  };
  const frame = () => {
    if ([...document.querySelectorAll('.pt-svg')].some(onScreen)) {
      window.__ptPainted = performance.now();
      return;
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})();
"""

_DRAWN_PROBE = _PAINT_PROBE + f"""
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

# For the weight loads: what had loaded by the page's load event (the document
# and every file completed before it), and whether the SVG was painted by then.
_AT_LOAD_PROBE = _PAINT_PROBE + """
window.addEventListener('load', () => {
  window.__ptAtLoad = {
    loaded: [location.href, ...performance.getEntriesByType('resource').map(e => e.name)],
    painted: window.__ptPainted !== undefined,
  };
});
"""


# Where the time to interactive goes, in seconds from navigation start: the
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
    first_contentful_paint: paint ? s(paint.startTime) : -1,
    svg_painted: s(window.__ptPainted),
    dom_content_loaded: s(nav.domContentLoadedEventEnd),
    load_event: s(nav.loadEventStart),
    plotly_requested: plotly ? s(plotly.startTime) : -1,
    plotly_received: plotly ? s(plotly.responseEnd) : -1,
    figure_requested: figure ? s(figure.startTime) : -1,
    figure_received: figure ? s(figure.responseEnd) : -1,
    figure_kb: figure ? figure.encodedBodySize / 1024 : -1,
    interactive: s(window.__ptDrawn),
  };
})()
"""


@functools.cache
def _gzip_size(body: bytes) -> int:
    return len(gzip.compress(body, compresslevel=6))


def _timing_load(browser, url: str) -> dict:
    """One cold load, the reader pointing at the timeline at DOMContentLoaded."""
    context = browser.new_context()  # a cold cache, as a first visit
    try:
        page = context.new_page()
        page.add_init_script(_DRAWN_PROBE)
        page.goto(url, wait_until="commit")
        page.wait_for_function("window.__ptDrawn !== undefined && window.__ptPainted !== undefined",
                               timeout=120_000)
        # Chromium records the first contentful paint a little after the frame it
        # paints in: wait for its entry rather than read a missing one.
        page.wait_for_function(
            "performance.getEntriesByType('paint').some(e => e.name === 'first-contentful-paint')",
            timeout=120_000)
        return page.evaluate(_PHASES)
    finally:
        context.close()


def _weight_load(browser, url: str, local: str) -> dict:
    """One cold load weighed: every response body gzipped; first paint = what loaded
    before the load event; full = everything once the chart is interactive and the
    network is idle (the reader points at the timeline after the load event)."""
    context = browser.new_context()
    sizes: dict[str, int] = {}
    offsite: set[str] = set()
    try:
        page = context.new_page()

        def record(response):
            if not response.url.startswith(local):
                offsite.add(response.url)
            elif response.request.method == "GET" and response.status == 200:
                sizes[response.url] = _gzip_size(response.body())

        page.on("response", record)
        page.on("requestfailed", lambda r: offsite.add(r.url) if not r.url.startswith(local)
                else None)
        page.add_init_script(_AT_LOAD_PROBE)
        page.goto(url, wait_until="commit")
        page.wait_for_function("window.__ptAtLoad !== undefined", timeout=120_000)
        at_load = page.evaluate("window.__ptAtLoad")
        page.dispatch_event(".pt-stage", "pointerenter")
        page.wait_for_selector(DRAWN, timeout=120_000)
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
    loaded = set(at_load["loaded"])
    missing = {u for u in loaded if u.startswith(local)} - set(sizes)
    if missing:
        raise RuntimeError(f"loaded but not weighed: {sorted(missing)}")

    def name(u: str) -> str:
        return u.removeprefix(local) or "/"

    return {
        "first_paint_gz_bytes": sum(n for u, n in sizes.items() if u in loaded),
        "full_gz_bytes": sum(sizes.values()),
        "painted_by_load": at_load["painted"],
        "first_paint_files": {name(u): n for u, n in sorted(sizes.items()) if u in loaded},
        "later_files": {name(u): n for u, n in sorted(sizes.items()) if u not in loaded},
        "offsite_requests": sorted(offsite),
    }


def timeline_loads(site: Path, loads: int) -> dict:
    """Home and /embed/ of ``site``, ``loads`` timing loads and ``loads`` weight loads
    each, cold; returns {page: medians, the figures of each load and the files}."""
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_QuietHandler, directory=str(site))
    server = _QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    pages = {name: path for name, path in TIMELINE_PAGES.items()
             if (site / path / "index.html").is_file()}
    timings: dict[str, list[dict]] = {name: [] for name in pages}
    weights: dict[str, list[dict]] = {name: [] for name in pages}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                         args=CHROMIUM_ARGS)
            try:
                for _ in range(loads):
                    for name, path in pages.items():
                        timings[name].append(_timing_load(browser, base + path))
                        weights[name].append(_weight_load(browser, base + path, base))
            finally:
                browser.close()
    finally:
        server.shutdown()
        server.server_close()
    results = {}
    for name in pages:
        w = weights[name]
        first = _median([x["first_paint_gz_bytes"] for x in w])
        typical = min(w, key=lambda x: abs(x["first_paint_gz_bytes"] - first))
        results[name] = {
            "phases": median_phases(timings[name]),
            "svg_painted_s": [x["svg_painted"] for x in timings[name]],
            "interactive_s": [x["interactive"] for x in timings[name]],
            "first_contentful_paint_s": [x["first_contentful_paint"] for x in timings[name]],
            "first_paint_gz_bytes": [x["first_paint_gz_bytes"] for x in w],
            "full_gz_bytes": [x["full_gz_bytes"] for x in w],
            "painted_by_load": all(x["painted_by_load"] for x in w),
            "first_paint_files": typical["first_paint_files"],
            "later_files": typical["later_files"],
            "offsite_requests": sorted({u for x in w for u in x["offsite_requests"]}),
        }
    return results


def median_phases(loads: list[dict]) -> dict:
    return {key: round(_median([load[key] for load in loads]), 3) for key in loads[0]}


def browser_figures(label: str, site: Path, events_dir: Path, loads: int) -> dict:
    """Ours (home and /embed/ of ``site``) and TimelineJS3 on the same events."""
    ours = timeline_loads(site, loads)
    for page, r in ours.items():
        print(f"  {label} {page:5}: first paint {_median(r['first_paint_gz_bytes']) / KB:.1f} kB gz, "
              f"full {_median(r['full_gz_bytes']) / KB:.1f} kB gz; phases (median s): "
              f"{r['phases']}", flush=True)
        if r["offsite_requests"]:
            print(f"  {label} {page}: requests off 127.0.0.1: {r['offsite_requests']}", flush=True)
    tljs = timelinejs.timelinejs_events_loads(events_dir, loads)
    print("  " + timelinejs.report(f"{label} TimelineJS3", tljs).replace("\n", "\n  "),
          flush=True)
    return {"ours": ours, "timelinejs": tljs}


# --- summary ----------------------------------------------------------------------

def _median(values: list[float]) -> float:
    return statistics.median(values)


def _pair_ratio(ours: list[dict], floor: list[dict], figure: str) -> float:
    """The median of ours / floor over the rounds, each round's pair together."""
    return _median([a[figure] / b[figure] for a, b in zip(ours, floor, strict=True)])


def _browser_metrics(metrics: dict, size: str, figures: dict) -> None:
    for page, r in figures["ours"].items():
        metrics[f"svg_painted_s_{page}_{size}"] = _median(r["svg_painted_s"])
        metrics[f"interactive_s_{page}_{size}"] = _median(r["interactive_s"])
        metrics[f"fcp_s_{page}_{size}"] = _median(r["first_contentful_paint_s"])
        metrics[f"first_paint_gz_kb_{page}_{size}"] = _median(r["first_paint_gz_bytes"]) / KB
        metrics[f"full_gz_kb_{page}_{size}"] = _median(r["full_gz_bytes"]) / KB
    t = figures["timelinejs"]
    metrics[f"tljs_first_load_gz_kb_{size}"] = t["first_load_gzip_bytes"] / KB
    metrics[f"tljs_drawn_gz_kb_{size}"] = t["drawn_gzip_bytes"] / KB
    metrics[f"tljs_all_gz_kb_{size}"] = t["all_gzip_bytes"] / KB
    metrics[f"tljs_fcp_s_{size}"] = t["first_contentful_paint_s"]
    metrics[f"tljs_drawn_s_{size}"] = t["drawn_s"]
    metrics[f"tljs_ready_s_{size}"] = t["ready_s"]


def summarise(per_size: dict[int, dict], shipped: dict | None) -> dict:
    metrics: dict[str, float] = {}
    for n, kinds in per_size.items():
        for kind, r in kinds.items():
            k = KINDS[kind]["infix"]
            ours = _median([x["wall_s"] for x in r["ours"]])
            floor = _median([x["wall_s"] for x in r["floor"]])
            metrics[f"build_s_{k}{n}"] = ours
            metrics[f"floor_s_{k}{n}"] = floor
            # The ratio of each round's pair (they ran one after the other), then
            # their median: a machine that slows down for a while slows both of a pair.
            metrics[f"build_ratio_{k}{n}"] = _pair_ratio(r["ours"], r["floor"], "wall_s")
            metrics[f"build_cpu_ratio_{k}{n}"] = _pair_ratio(r["ours"], r["floor"], "cpu_s")
            metrics[f"peak_rss_mb_{k}{n}"] = _median([x["peak_rss_mb"] for x in r["ours"]])
            metrics[f"floor_rss_mb_{k}{n}"] = _median([x["peak_rss_mb"] for x in r["floor"]])
            if r.get("zensical"):
                metrics[f"zensical_s_{k}{n}"] = _median([x["wall_s"] for x in r["zensical"]])
                metrics[f"zensical_floor_s_{k}{n}"] = _median(
                    [x["wall_s"] for x in r["zensical_floor"]])
                metrics[f"zensical_vs_ours_{k}{n}"] = _pair_ratio(r["zensical"], r["ours"],
                                                                  "wall_s")
                metrics[f"zensical_ratio_{k}{n}"] = _pair_ratio(r["zensical"],
                                                                r["zensical_floor"], "wall_s")
            if r.get("noshortcuts"):
                off = _median([x["wall_s"] for x in r["noshortcuts"]])
                metrics[f"build_noshortcuts_s_{k}{n}"] = off
                metrics[f"build_ratio_noshortcuts_{k}{n}"] = _pair_ratio(
                    r["noshortcuts"], r["floor"], "wall_s")
                metrics[f"peak_rss_mb_noshortcuts_{k}{n}"] = _median(
                    [x["peak_rss_mb"] for x in r["noshortcuts"]])
            metrics[f"validate_s_{k}{n}"] = _median([x["wall_s"] for x in r["validator"]["cli"]])
            metrics[f"validate_in_process_s_{k}{n}"] = _median(r["validator"]["in_process_s"])
            if r.get("browser"):
                _browser_metrics(metrics, str(n), r["browser"])
    for kind in KINDS:
        k = KINDS[kind]["infix"]
        if f"build_s_{k}1000" in metrics and f"build_s_{k}5000" in metrics:
            metrics[f"scaling_{k}5000_1000"] = metrics[f"build_s_{k}5000"] / metrics[f"build_s_{k}1000"]
            metrics[f"floor_scaling_{k}5000_1000"] = (metrics[f"floor_s_{k}5000"]
                                                     / metrics[f"floor_s_{k}1000"])
    if shipped:
        metrics[f"build_s_{SHIPPED}"] = shipped["build"]["wall_s"]
        _browser_metrics(metrics, SHIPPED, shipped["browser"])
    return {key: float(value) for key, value in metrics.items()}


def target_rows(metrics: dict[str, float]) -> list[dict]:
    return [{"metric": key, "what": what, "measured": metrics.get(key), "target": limit,
             "unit": unit, "ok": None if key not in metrics else metrics[key] <= limit}
            for key, (limit, unit, what) in TARGETS.items()]


def _cell(metrics: dict, key: str, fmt: str) -> str:
    return "-" if key not in metrics else format(metrics[key], fmt)


def build_table(metrics: dict, sizes: list[int], runs: int) -> list[str]:
    lines = [f"Builds: median of {runs} each, seconds; ratio = median of ours / floor "
             f"round by round (wall; cpu: user + system); peak RSS in MB (os.wait4); "
             f"validate = policy-timeline validate",
             f"{'events':6} {'N':>6} {'ours':>7} {'floor':>7} {'ratio':>6} {'cpu':>5} "
             f"{'no-shortcuts':>12} "
             f"{'ratio':>6} {'MB ours':>8} {'floor':>6} {'no-sc':>6} {'validate':>8}"]
    for n in sizes:
        for kind, spec in KINDS.items():
            k = spec["infix"]
            if f"build_s_{k}{n}" not in metrics:
                continue
            lines.append(
                f"{kind:6} {n:>6} {_cell(metrics, f'build_s_{k}{n}', '7.2f')} "
                f"{_cell(metrics, f'floor_s_{k}{n}', '7.2f')} "
                f"{_cell(metrics, f'build_ratio_{k}{n}', '6.2f')} "
                f"{_cell(metrics, f'build_cpu_ratio_{k}{n}', '5.2f')} "
                f"{_cell(metrics, f'build_noshortcuts_s_{k}{n}', '12.2f'):>12} "
                f"{_cell(metrics, f'build_ratio_noshortcuts_{k}{n}', '6.2f'):>6} "
                f"{_cell(metrics, f'peak_rss_mb_{k}{n}', '8.0f')} "
                f"{_cell(metrics, f'floor_rss_mb_{k}{n}', '6.0f')} "
                f"{_cell(metrics, f'peak_rss_mb_noshortcuts_{k}{n}', '6.0f'):>6} "
                f"{_cell(metrics, f'validate_s_{k}{n}', '8.2f')}")
    lines.append("Zensical (policy-timeline generate, then a cold zensical build; no target "
                 "yet): seconds, against our mkdocs build and against Zensical's own floor")
    for n in sizes:
        for kind, spec in KINDS.items():
            k = spec["infix"]
            if f"zensical_s_{k}{n}" in metrics:
                lines.append(
                    f"{kind:6} {n:>6} zensical {_cell(metrics, f'zensical_s_{k}{n}', '7.2f')} "
                    f"/ mkdocs {_cell(metrics, f'zensical_vs_ours_{k}{n}', '5.2f')} "
                    f"floor {_cell(metrics, f'zensical_floor_s_{k}{n}', '7.2f')} "
                    f"/ floor {_cell(metrics, f'zensical_ratio_{k}{n}', '5.2f')}")
    for kind, spec in KINDS.items():
        k = spec["infix"]
        if f"scaling_{k}5000_1000" in metrics:
            lines.append(f"{kind}: build time 5,000 / 1,000 events: ours "
                         f"{metrics[f'scaling_{k}5000_1000']:.2f}x, floor "
                         f"{metrics[f'floor_scaling_{k}5000_1000']:.2f}x")
    lines.append("; ".join(f"{kind}: {spec['what']}" for kind, spec in KINDS.items()))
    return lines


# (label, metric prefix, format) rows of the browser table, in groups.
_BROWSER_ROWS = (
    ("first paint weight, kB gz (all loaded before the load event)", (
        ("ours /embed/", "first_paint_gz_kb_embed_", ".1f"),
        ("ours home (theme, search index)", "first_paint_gz_kb_home_", ".1f"),
        ("TimelineJS3, before load", "tljs_first_load_gz_kb_", ".1f"),
        ("TimelineJS3, by drawn frame", "tljs_drawn_gz_kb_", ".1f"),
    )),
    ("full weight, kB gz (everything once chart and data are in)", (
        ("ours /embed/ (plotly.js, figure)", "full_gz_kb_embed_", ".1f"),
        ("ours home (theme, search index)", "full_gz_kb_home_", ".1f"),
        ("TimelineJS3", "tljs_all_gz_kb_", ".1f"),
    )),
    ("first contentful paint, s", (
        ("ours /embed/", "fcp_s_embed_", ".3f"),
        ("ours home", "fcp_s_home_", ".3f"),
        ("TimelineJS3 (its loading message)", "tljs_fcp_s_", ".3f"),
    )),
    ("timeline on screen, s (first frame with it)", (
        ("ours /embed/, SVG painted", "svg_painted_s_embed_", ".3f"),
        ("ours home, SVG painted", "svg_painted_s_home_", ".3f"),
        ("TimelineJS3 drawn", "tljs_drawn_s_", ".3f"),
    )),
    ("interactive, s (reader points at it at DOMContentLoaded)", (
        ("ours /embed/, Plotly chart", "interactive_s_embed_", ".3f"),
        ("ours home, Plotly chart", "interactive_s_home_", ".3f"),
        ("TimelineJS3 drawn (interactive)", "tljs_drawn_s_", ".3f"),
    )),
)


def browser_table(metrics: dict, columns: list[tuple[str, str]], loads: int) -> list[str]:
    """``columns``: (metric suffix, heading)."""
    width = 12
    lines = [f"Timeline in headless Chromium, ours vs TimelineJS3 on our timelinejs.json "
             f"(median of {loads} cold loads; pool events)",
             f"{'':37}" + "".join(f"{heading:>{width}}" for _, heading in columns)]
    for group, rows in _BROWSER_ROWS:
        lines.append(group)
        for label, prefix, fmt in rows:
            lines.append(f"  {label:35}" + "".join(
                f"{_cell(metrics, prefix + suffix, fmt):>{width}}" for suffix, _ in columns))
    return lines


def target_table(rows: list[dict]) -> list[str]:
    lines = [f"{'target':58} {'measured':>9} {'limit':>7}  ok"]
    for row in rows:
        measured = "-" if row["measured"] is None else f"{row['measured']:.2f}"
        ok = {None: "n/a", True: "yes", False: "NO"}[row["ok"]]
        lines.append(f"{row['what']:58} {measured:>9} {row['target']:>6}{row['unit']:<2} {ok}")
    return lines


def print_report(record: dict) -> None:
    metrics, options = record["metrics"], record["options"]
    lines = [""] + build_table(metrics, options["sizes"], options["runs"])
    if options["browser"]:
        columns = []
        if f"tljs_drawn_s_{SHIPPED}" in metrics:
            columns.append((SHIPPED, f"shipped {record['shipped_events']}"))
        columns += [(str(n), f"N={n}") for n in options["sizes"]
                    if f"tljs_drawn_s_{n}" in metrics]
        lines += [""] + browser_table(metrics, columns, options["loads"])
    lines += [""] + target_table(record["targets"])
    print("\n".join(lines))


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
    parser.add_argument("--kinds", default=",".join(KINDS),
                        help=f"kinds of generated events, of {', '.join(KINDS)}")
    parser.add_argument("--noshortcuts-all", action="store_true",
                        help="build with the shortcuts off at every size (default: the first)")
    parser.add_argument("--quick", action="store_true",
                        help="smoke run: 50 events, one build of each, one load")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium timings")
    parser.add_argument("--settle", type=float, default=None,
                        help=f"seconds between deleting files and the next timed build "
                             f"(default {SETTLE_SECONDS:g}; 0 with --quick)")
    parser.add_argument("--results-dir", type=Path, default=RESULTS)
    parser.add_argument("--keep", type=Path, default=None,
                        help="work in this folder and keep it (events, sites, logs)")
    args = parser.parse_args(argv)
    if args.settle is None:
        args.settle = 0.0 if args.quick else SETTLE_SECONDS
    if args.quick:
        args.runs, args.loads = 1, 1
        if args.sizes == parser.get_default("sizes"):
            args.sizes = "50"
    args.sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    args.kinds = [k.strip() for k in args.kinds.split(",") if k.strip()]
    unknown = set(args.kinds) - set(KINDS)
    if unknown or not args.kinds:
        parser.error(f"--kinds: {', '.join(sorted(unknown)) or 'none'}; known: {', '.join(KINDS)}")
    return args


def run_shipped(args: argparse.Namespace, work: Path) -> dict:
    """The shipped events: one build of our site, then the browser figures."""
    print(f"{SHIPPED}: building our site from {SHIPPED_EVENTS}", flush=True)
    site = work / f"site-{SHIPPED}"
    env = {**base_env(), "TIMELINE_EVENTS_DIR": str(SHIPPED_EVENTS)}
    build = measure(mkdocs_cmd(REPO / "mkdocs.yml", site), env, work / f"ours-{SHIPPED}.log")
    figures = browser_figures(SHIPPED, site, SHIPPED_EVENTS, args.loads)
    remove(site)
    return {"build": build, "browser": figures}


def run(args: argparse.Namespace, work: Path) -> tuple[dict, dict | None]:
    shipped = None if args.no_browser else run_shipped(args, work)
    per_size: dict[int, dict] = {}
    for index, n in enumerate(args.sizes):
        per_size[n] = {}
        for kind in args.kinds:
            label = f"N={n} {kind}"
            print(f"{label}: generating events ({KINDS[kind]['what']}) and the floor", flush=True)
            events = generate(n, work / f"events-{kind}-{n}",
                              own_web_pages=KINDS[kind]["own_web_pages"],
                              short=KINDS[kind].get("short", False))
            floor = make_floor(events, work / f"floor-{kind}-{n}")
            builds = build_runs(f"{kind}-{n}", events, floor, work, args.runs,
                                noshortcuts=index == 0 or args.noshortcuts_all)
            site = builds.pop("site")
            builds["validator"] = validator_runs(events, work, args.runs)
            print(f"  {label} validate: "
                  f"{[round(x['wall_s'], 2) for x in builds['validator']['cli']]} s", flush=True)
            # The browser figures with the first kind's events: the timeline and its
            # data do not carry the sources that make the kinds differ.
            if not args.no_browser and kind == args.kinds[0]:
                builds["browser"] = browser_figures(label, site, events, args.loads)
            remove(site)
            per_size[n][kind] = builds
    return per_size, shipped


def source_state() -> dict:
    """The commit measured, and whether the engine's files differ from it."""
    def git(*cmd: str) -> str:
        proc = subprocess.run(["git", *cmd], cwd=REPO, capture_output=True, text=True,
                              check=False)
        return proc.stdout.strip() if proc.returncode == 0 else ""

    return {"commit": git("rev-parse", "HEAD"),
            "engine_changed": bool(git("status", "--porcelain", "--", "policy_timeline"))}


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    _settle_seconds[0] = args.settle
    load_before = os.getloadavg()
    started = _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        per_size, shipped = run(args, args.keep)
    else:
        with tempfile.TemporaryDirectory(prefix="pt-bench-") as tmp:
            per_size, shipped = run(args, Path(tmp))
    metrics = summarise(per_size, shipped)
    rows = target_rows(metrics)
    record = {
        "started": started,
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0],
                    # 1-minute load averages: another busy process skews the timings.
                    "loadavg_before": load_before[0], "loadavg_after": os.getloadavg()[0]},
        "source": source_state(),
        "options": {"sizes": args.sizes, "kinds": args.kinds, "runs": args.runs,
                    "loads": args.loads, "browser": not args.no_browser,
                    "noshortcuts_all": args.noshortcuts_all},
        "shipped_events": len(list(SHIPPED_EVENTS.rglob("*.md"))),
        "metrics": metrics,
        "targets": rows,
        "runs": {**{str(n): r for n, r in per_size.items()},
                 **({SHIPPED: shipped} if shipped else {})},
    }
    print_report(record)
    source = record["source"]
    print(f"\ncommit {source['commit'][:12] or '?'}"
          f"{' with uncommitted changes to policy_timeline/' if source['engine_changed'] else ''}; "
          f"{record['machine']['cpus']} CPUs, load average {load_before[0]:.2f} before, "
          f"{record['machine']['loadavg_after']:.2f} after")
    print(f"\nwritten: {write_results(args.results_dir, record)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
