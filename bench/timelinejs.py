"""TimelineJS3, the peer writers compare us with: its own viewer loading our timelinejs.json.

``python bench/timelinejs.py [--loads 5] [--out FILE] [shipped] [N ...]``
exports ``timelinejs.json`` from the shipped events (``shipped``) or from N
generated events (bench/generate.py), and loads each in TimelineJS3's viewer
from its npm package (``@knight-lab/timelinejs``, pinned in package.json,
installed by ``npm ci``), in headless Chromium, a cold cache each load.

The page is the package's own embed page cut to what it needs: its built
timeline.js and timeline.css, and ``new TL.Timeline`` reading our file from a
local URL. Everything is served on 127.0.0.1: ``script_path`` points at the
package's ``dist/js/`` (its default is Knight Lab's CDN), the font set is the
package's ``georgia-helvetica`` (system fonts; the default set loads PT Sans and
PT Serif from Google's font servers) and the language is ``en``, which is built
into timeline.js (another language would be fetched from ``script_path``'s
``locale/``). Any request that still leaves 127.0.0.1 is recorded and reported;
Chromium resolves no other host (``--host-resolver-rules``), so none reaches the
network. With Google's fonts, TimelineJS as writers embed it weighs more than
measured here.

Measured per load, medians returned:

- the bytes, gzipped (``gzip.compress(body, 6)``, as the embed's tests weigh
  ours), of everything loaded before the page's ``load`` event, of everything
  completed by the frame the timeline is drawn in, and of everything once it
  is drawn and the network is idle. Whether the data, and the icon font its
  drawing asks for, come in before the load event is a race TimelineJS runs
  (the data is fetched by XHR, which does not hold the load event): at 1,000
  events some loads fire the load event before the data is in, and their
  first-load weight is the viewer alone. The bytes by drawn always hold the
  data; only the icon font falls either side of that frame;
- the time from navigation start to first contentful paint: TimelineJS's
  "Loading Timeline..." message, painted before its data is in;
- the time to drawn (``DRAWN_SIGNAL``): the first animation frame in which the
  title slide's headline is on screen and at least one event marker of the
  time navigation is on screen. TimelineJS builds both in one pass once its
  data is in, so that frame is the first in which a reader sees the timeline;
  it follows TimelineJS's own "ready" event (``ready_s``, reported beside it)
  by one frame.
"""
from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import html
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "node_modules" / "@knight-lab" / "timelinejs"
DIST = PACKAGE / "dist"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
    # Belt and braces: a request for any other host fails here, recorded, and never
    # reaches the network (TimelineJS as configured below makes none).
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
LOCAL = "http://127.0.0.1:"
# The engine's command line.
CORE = "policy_timeline"

DRAWN_SIGNAL = ("first animation frame with the title slide's headline "
                "(.tl-slide-titleslide .tl-headline) and at least one event marker "
                "(.tl-timenav .tl-timemarker) on screen")

# TimelineJS's options: nothing from another host (see the module's docstring).
OPTIONS = {"font": "georgia-helvetica", "language": "en", "hash_bookmark": False,
           "ga_measurement_id": None}

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>TimelineJS3 {version}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="timelinejs/css/timeline.css">
<script src="timelinejs/js/timeline.js"></script>
<style>html, body {{ width: 100%; height: 100%; margin: 0; padding: 0; }}
#timeline-embed {{ height: 100%; }}</style>
</head>
<body>
<div id="timeline-embed"></div>
<script>
window.timeline = new TL.Timeline("timeline-embed", "timelinejs.json", Object.assign(
  {{script_path: new URL("timelinejs/js/", location.href).href}}, {options}));
// TimelineJS's own word that it has laid out, beside the DOM signal the bench times.
window.timeline.on("ready", () => {{ window.__tlReady = performance.now(); }});
</script>
</body>
</html>
"""

# On the page's own clock (0 = navigation start): the frame the timeline is first
# on screen, and what had loaded by the load event.
_PROBE = """
(() => {
  const onScreen = (el) => {
    if (!el) return false;
    const r = el.getBoundingClientRect(), style = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0
      && r.left < innerWidth && r.top < innerHeight
      && style.visibility !== 'hidden' && style.opacity !== '0';
  };
  const frame = (now) => {
    const headline = document.querySelector('.tl-slide-titleslide .tl-headline');
    if (onScreen(headline)) {
      const markers = document.querySelectorAll('.tl-timenav .tl-timemarker');
      if ([...markers].some(onScreen)) {
        window.__tlDrawn = {at: performance.now(), markers: markers.length,
                            headline: headline.textContent};
        return;
      }
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  window.addEventListener('load', () => {
    // The document and every file completed before the load event.
    window.__tlAtLoad = [location.href,
                         ...performance.getEntriesByType('resource').map(e => e.name)];
  });
})();
"""

_TIMES = """
(() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const paint = performance.getEntriesByType('paint')
    .find(e => e.name === 'first-contentful-paint');
  const data = performance.getEntriesByType('resource')
    .find(e => /\\/timelinejs\\.json$/.test(e.name));
  return {
    first_contentful_paint_s: paint ? paint.startTime / 1000 : -1,
    load_event_s: nav.loadEventStart / 1000,
    data_received_s: data ? data.responseEnd / 1000 : -1,
    ready_s: window.__tlReady === undefined ? -1 : window.__tlReady / 1000,
    drawn_s: window.__tlDrawn.at / 1000,
    // The document and every file completed by the frame the timeline was drawn in.
    by_drawn: [location.href, ...performance.getEntriesByType('resource')
      .filter(e => e.responseEnd <= window.__tlDrawn.at).map(e => e.name)],
  };
})()
"""


def package_version() -> str:
    return json.loads((PACKAGE / "package.json").read_text(encoding="utf-8"))["version"]


def write_page(folder: Path, timelinejs_json: Path, options: dict | None = None) -> Path:
    """The viewer's page, our data and the package's dist/ (linked) in ``folder``;
    ``options`` override TimelineJS's ``OPTIONS``."""
    if not (DIST / "js" / "timeline.js").is_file():
        raise SystemExit(f"{DIST / 'js' / 'timeline.js'} is missing: run npm ci")
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(timelinejs_json, folder / "timelinejs.json")
    (folder / "timelinejs").symlink_to(DIST, target_is_directory=True)
    # The options go into a script element: no "</" can end it early.
    options = json.dumps({**OPTIONS, **(options or {})}).replace("</", "<\\/")
    (folder / "index.html").write_text(
        PAGE.format(version=html.escape(package_version()), options=options), encoding="utf-8")
    return folder


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(folder: Path):
    """``folder`` on 127.0.0.1 (a free port); yields the base URL, ending in /."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"{LOCAL}{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def _is_local(url: str) -> bool:
    return url.startswith((LOCAL, "data:", "blob:", "about:"))


def one_load(browser, url: str, timeout_ms: int = 120_000) -> dict:
    """One cold load of the viewer at ``url`` in a fresh context: figures and what it fetched."""
    context = browser.new_context()
    try:
        page = context.new_page()
        requests, responses, failed, failed_urls, errors = [], [], [], set(), []
        page.on("request", lambda r: requests.append(r.url))
        page.on("response", lambda r: responses.append(r))
        page.on("requestfailed", lambda r: (failed.append(f"{r.url} ({r.failure})"),
                                             failed_urls.add(r.url)))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.add_init_script(_PROBE)
        page.goto(url, wait_until="commit")
        try:
            page.wait_for_function(
                "window.__tlDrawn !== undefined && window.__tlAtLoad !== undefined",
                timeout=timeout_ms)
        except Exception as exc:
            shown = page.evaluate("(document.getElementById('timeline-embed') || {}).innerText")
            raise RuntimeError(f"TimelineJS drew no timeline in {timeout_ms / 1000:g} s "
                               f"(it shows {shown!r}; failed requests: {failed}; errors: "
                               f"{errors})") from exc
        page.wait_for_load_state("networkidle")
        # The paint entry comes a little after the frame it measures.
        page.wait_for_function(
            "performance.getEntriesByType('paint').some(e => e.name === 'first-contentful-paint')",
            timeout=timeout_ms)
        figures = page.evaluate(_TIMES)
        by_drawn = set(figures.pop("by_drawn"))
        drawn = page.evaluate("window.__tlDrawn")
        at_load = set(page.evaluate("window.__tlAtLoad"))
        sizes = {}
        for response in responses:
            if response.status >= 400:
                failed.append(f"{response.url} (HTTP {response.status})")
            elif response.request.method == "GET" and response.status == 200:
                sizes[response.url] = len(gzip.compress(response.body(), 6))
    finally:
        context.close()
    # A request that failed (blocked off 127.0.0.1) weighs nothing.
    missing = (at_load | by_drawn) - set(sizes) - failed_urls
    if missing:
        raise RuntimeError(f"loaded but not weighed: {sorted(missing)}")
    base = url.rsplit("/", 1)[0] + "/"

    def name(u: str) -> str:
        return u.removeprefix(base) or "index.html"

    return {
        **figures,
        "first_load_gzip_bytes": sum(n for u, n in sizes.items() if u in at_load),
        "drawn_gzip_bytes": sum(n for u, n in sizes.items() if u in by_drawn),
        "all_gzip_bytes": sum(sizes.values()),
        "first_load_files": {name(u): n for u, n in sorted(sizes.items()) if u in at_load},
        "later_files": {name(u): n for u, n in sorted(sizes.items()) if u not in at_load},
        "markers": drawn["markers"],
        "headline": drawn["headline"],
        "offsite_requests": sorted({u for u in requests if not _is_local(u)}),
        "failed_requests": failed,
        "errors": errors,
    }


MEDIANS = ("first_load_gzip_bytes", "drawn_gzip_bytes", "all_gzip_bytes",
           "first_contentful_paint_s", "drawn_s", "ready_s", "load_event_s", "data_received_s")


def _median(values: list[float]) -> float:
    return statistics.median(values)


def timelinejs_loads(timelinejs_json: Path, loads: int = 5, options: dict | None = None,
                     browser_type=None) -> dict:
    """Load TimelineJS3's viewer on ``timelinejs_json`` ``loads`` times, each cold
    (``options`` override TimelineJS's ``OPTIONS``, e.g. to see what its defaults fetch).

    Returns medians (``MEDIANS``): ``first_load_gzip_bytes`` (everything completed
    before the load event), ``drawn_gzip_bytes`` (everything completed by the frame
    the timeline is drawn in), ``all_gzip_bytes`` (everything, once drawn and the
    network idle), ``first_contentful_paint_s``, ``drawn_s`` (``DRAWN_SIGNAL``),
    ``ready_s`` (TimelineJS's own "ready" event), ``load_event_s``, ``data_received_s``
    (seconds from navigation start); and ``first_load_gzip_bytes_per_load`` and
    ``drawn_gzip_bytes_per_load``, ``loads``,
    ``events`` (slides in the file, title slide aside), ``markers`` (event markers
    drawn), ``first_load_files`` and ``later_files`` ({file: bytes gzipped}, from a
    load of median first-load weight), ``offsite_requests`` (every URL off 127.0.0.1
    any load asked for; none expected), ``failed_requests``, ``errors``, ``version``
    (the package's) and ``drawn_signal``.

    ``browser_type``: Playwright's chromium of a sync Playwright already running
    (the tests': a second one in the same thread is refused); without it, this
    starts its own. Either way it launches Chromium with ``CHROMIUM_ARGS``, which
    resolve no host but 127.0.0.1.
    """
    from playwright.sync_api import sync_playwright

    if loads < 1:
        raise ValueError("loads must be at least 1")
    data = json.loads(Path(timelinejs_json).read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="pt-timelinejs-") as tmp:
        folder = write_page(Path(tmp) / "site", Path(timelinejs_json), options)
        with serve(folder) as base, contextlib.ExitStack() as stack:
            if browser_type is None:
                browser_type = stack.enter_context(sync_playwright()).chromium
            browser = browser_type.launch(executable_path=CHROMIUM, headless=True,
                                          args=CHROMIUM_ARGS)
            try:
                runs = [one_load(browser, base + "index.html") for _ in range(loads)]
            finally:
                browser.close()
    medians = {key: _median([run[key] for run in runs]) for key in MEDIANS}
    # Whether the data (and the icon font it brings) beat the load event is a race at
    # large N: the files listed are those of a load whose first-load weight is the median.
    typical = min(runs, key=lambda run: (abs(run["first_load_gzip_bytes"]
                                             - medians["first_load_gzip_bytes"])))
    return {
        **medians,
        "first_load_gzip_bytes_per_load": [run["first_load_gzip_bytes"] for run in runs],
        "drawn_gzip_bytes_per_load": [run["drawn_gzip_bytes"] for run in runs],
        "loads": loads,
        "events": len(data.get("events", [])),
        "markers": typical["markers"],
        "headline": typical["headline"],
        "first_load_files": typical["first_load_files"],
        "later_files": typical["later_files"],
        "offsite_requests": sorted({u for run in runs for u in run["offsite_requests"]}),
        "failed_requests": sorted({u for run in runs for u in run["failed_requests"]}),
        "errors": sorted({e for run in runs for e in run["errors"]}),
        "version": package_version(),
        "drawn_signal": DRAWN_SIGNAL,
    }


def export_timelinejs(events_dir: Path, out_dir: Path) -> Path:
    """Our export of ``events_dir`` (``policy-timeline export``); returns its timelinejs.json."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    for name in ("SITE_URL", "GITHUB_ACTIONS"):
        env.pop(name, None)
    proc = subprocess.run([sys.executable, "-m", CORE, "export", str(out_dir),
                           "--events-dir", str(events_dir)],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=600,
                          check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"export of {events_dir} failed:\n{proc.stdout}\n{proc.stderr}")
    return Path(out_dir) / "timelinejs.json"


def timelinejs_events_loads(events_dir: Path, loads: int = 5) -> dict:
    """``timelinejs_loads`` on our export of ``events_dir``."""
    with tempfile.TemporaryDirectory(prefix="pt-timelinejs-export-") as tmp:
        return timelinejs_loads(export_timelinejs(events_dir, Path(tmp)), loads)


def report(name: str, r: dict) -> str:
    files = ", ".join(f"{f} {n:,}" for f, n in r["first_load_files"].items())
    later = ", ".join(f"{f} {n:,}" for f, n in r["later_files"].items())
    return (f"{name}: TimelineJS3 {r['version']}, {r['events']} events, {r['markers']} markers "
            f"drawn, medians of {r['loads']} cold loads\n"
            f"  first load  {r['first_load_gzip_bytes'] / 1000:7.1f} KB gzipped ({files})\n"
            f"  by drawn    {r['drawn_gzip_bytes'] / 1000:7.1f} KB gzipped\n"
            f"  everything  {r['all_gzip_bytes'] / 1000:7.1f} KB gzipped (after load: {later})\n"
            f"  per load, first load {r['first_load_gzip_bytes_per_load']}, "
            f"by drawn {r['drawn_gzip_bytes_per_load']}\n"
            f"  first contentful paint {r['first_contentful_paint_s']:.3f} s, "
            f"data in {r['data_received_s']:.3f} s, load event {r['load_event_s']:.3f} s, "
            f"ready {r['ready_s']:.3f} s, drawn {r['drawn_s']:.3f} s\n"
            f"  requests off 127.0.0.1: {r['offsite_requests'] or 'none'}; "
            f"failed: {r['failed_requests'] or 'none'}; errors: {r['errors'] or 'none'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sources", nargs="*", default=["shipped", "1000"],
                        help="'shipped' (events/) or a number of generated events")
    parser.add_argument("--loads", type=int, default=5, help="cold loads per timeline")
    parser.add_argument("--out", type=Path, help="write the results here as JSON")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from generate import generate

    results = {}
    for source in args.sources:
        if source == "shipped":
            results[source] = timelinejs_events_loads(REPO / "events", args.loads)
        elif source.isdigit():
            with tempfile.TemporaryDirectory(prefix="pt-timelinejs-events-") as tmp:
                events = generate(int(source), Path(tmp) / "events")
                results[source] = timelinejs_events_loads(events, args.loads)
        else:
            parser.error(f"{source!r} is neither 'shipped' nor a number of events")
        print(report(source, results[source]), flush=True)
    if args.out:
        args.out.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    offsite = any(r["offsite_requests"] for r in results.values())
    return 1 if offsite else 0


if __name__ == "__main__":
    sys.exit(main())
