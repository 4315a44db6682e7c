"""The benchmark's generator and harness on a tiny size. No timing is asserted here:
speed is what ``make bench`` prints, not what a test decides."""
from __future__ import annotations

import csv
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, run_cli

sys.path.insert(0, str(REPO / "bench"))
from generate import generate

pytestmark = pytest.mark.site

N = 30


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def events(tmp_path_factory) -> Path:
    return generate(N, tmp_path_factory.mktemp("bench") / "events")


def test_generated_events_validate(events):
    proc = run_cli("validate", str(events))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert f"{N} events" in proc.stdout
    assert len(list(events.rglob("*.md"))) == N


def test_generated_events_are_realistic(events):
    import frontmatter

    posts = [frontmatter.load(p) for p in sorted(events.rglob("*.md"))]
    for post in posts:
        assert 2 <= len(post["actors"]) <= 4
        assert 2 <= len(post["tags"]) <= 5
        assert 1 <= len(post["sources"]) <= 3
        assert 100 <= len(post.content.split()) <= 220
    assert any(post.get("end") for post in posts)
    assert any(post.get("related") for post in posts)
    assert any("ref" in s and "locator" in s for post in posts for s in post["sources"])
    assert any("url" in s for post in posts for s in post["sources"])


def test_generator_is_deterministic(events, tmp_path):
    assert _files(generate(N, tmp_path / "again")) == _files(events)


def _bench_run():
    spec = importlib.util.spec_from_file_location("bench_run", REPO / "bench" / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_options_name_the_kinds_of_events_and_refuse_others():
    bench = _bench_run()
    args = bench.parse_args(["--quick"])
    assert (args.sizes, args.runs, args.loads) == ([50], 1, 1)
    assert args.kinds == ["pool", "own", "short"]
    assert bench.parse_args(["--kinds", "own"]).kinds == ["own"]
    # A timed build waits for deletions to settle (bench/run.py, SETTLE_SECONDS); a
    # smoke run does not.
    assert args.settle == 0 and bench.parse_args([]).settle == bench.SETTLE_SECONDS == 35
    assert bench.parse_args(["--quick", "--settle", "5"]).settle == 5
    with pytest.raises(SystemExit):
        bench.parse_args(["--kinds", "pool,other"])


# Figures the quick run measures for the shipped events and for its generated ones,
# on our home page and /embed/ and in TimelineJS3's viewer on the same events.
OURS = ("svg_painted_s_{page}_{size}", "interactive_s_{page}_{size}", "fcp_s_{page}_{size}",
        "first_paint_gz_kb_{page}_{size}", "full_gz_kb_{page}_{size}")
TIMELINEJS = ("tljs_first_load_gz_kb_{size}", "tljs_drawn_gz_kb_{size}", "tljs_all_gz_kb_{size}",
              "tljs_fcp_s_{size}", "tljs_drawn_s_{size}")


def test_timed_builds_delete_nothing(tmp_path):
    """A Zensical build timed moves its last output aside; our builds and the floor's
    write into folders of their own (build_runs), deleted once all are done."""
    bench = _bench_run()
    for generated in (True, False):
        command = " ".join(bench.zensical_cmd(tmp_path, generate=generated, trash=tmp_path / "t"))
        assert "rm " not in command and f"mv site {tmp_path / 't'}/site" in command


def test_quick_run_writes_every_figure(tmp_path):
    results = tmp_path / "results"
    proc = subprocess.run(
        [sys.executable, str(REPO / "bench" / "run.py"), "--quick", "--sizes", "12",
         "--results-dir", str(results)],
        cwd=REPO, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    record = json.loads((results / "latest.json").read_text(encoding="utf-8"))
    metrics = record["metrics"]
    builds = [f"{figure}_{kind}12"
              for figure in ("build_s", "floor_s", "build_ratio", "build_cpu_ratio", "peak_rss_mb", "floor_rss_mb",
                             "validate_s", "validate_in_process_s", "build_noshortcuts_s",
                             "build_ratio_noshortcuts", "peak_rss_mb_noshortcuts",
                             "zensical_s", "zensical_floor_s", "zensical_vs_ours", "zensical_ratio")
              for kind in ("", "own_")]
    browser = [key.format(page=page, size=size) for size in ("shipped", "12")
               for page in ("home", "embed") for key in OURS]
    browser += [key.format(size=size) for size in ("shipped", "12") for key in TIMELINEJS]
    for key in builds + browser + ["build_s_shipped"]:
        assert isinstance(metrics.get(key), float), key
        assert metrics[key] > 0, key
    for size in ("shipped", "12"):
        for page in ("home", "embed"):
            assert (metrics[f"first_paint_gz_kb_{page}_{size}"]
                    < metrics[f"full_gz_kb_{page}_{size}"]), (page, size)
        assert metrics[f"tljs_first_load_gz_kb_{size}"] <= metrics[f"tljs_all_gz_kb_{size}"]
    assert {row["metric"] for row in record["targets"]} == {
        "build_ratio_1000", "build_ratio_own_1000", "build_ratio_5000", "build_ratio_own_5000",
        "scaling_5000_1000", "peak_rss_mb_5000", "peak_rss_mb_own_5000", "validate_s_5000",
        "interactive_s_home_1000", "interactive_s_home_5000", "first_paint_gz_kb_embed_shipped",
        "first_paint_gz_kb_embed_1000", "full_gz_kb_embed_shipped",
        "build_ratio_short_1000", "build_ratio_short_5000",
        "first_paint_gz_kb_home_1000", "first_paint_gz_kb_home_5000",
        "svg_painted_s_home_1000", "svg_painted_s_home_5000"}
    # Targets are about 1,000 and 5,000 events: a tiny run judges only the shipped ones.
    for row in record["targets"]:
        assert (row["ok"] is None) == (not row["metric"].endswith("_shipped")), row
    for kind in ("pool", "own"):
        runs = record["runs"]["12"][kind]
        assert len(runs["ours"]) == len(runs["noshortcuts"]) == len(runs["floor"]) == 1
        # One round: its ratio is that pair's, in wall time and in CPU time.
        infix = "" if kind == "pool" else "own_"
        for figure, metric in (("wall_s", "build_ratio"), ("cpu_s", "build_cpu_ratio")):
            pair = runs["ours"][0][figure] / runs["floor"][0][figure]
            assert metrics[f"{metric}_{infix}12"] == pytest.approx(pair), (kind, figure)
    assert "browser" in record["runs"]["12"]["pool"]
    for figures in (record["runs"]["shipped"]["browser"], record["runs"]["12"]["pool"]["browser"]):
        assert figures["timelinejs"]["offsite_requests"] == []
        assert figures["timelinejs"]["markers"] == figures["timelinejs"]["events"]
        for page in ("home", "embed"):
            ours = figures["ours"][page]
            assert ours["offsite_requests"] == [], page
            # The first-paint weight holds the page itself, whose HTML carries the SVG.
            # (Whether the browser painted it by the load event is a race, reported
            # as painted_by_load, not asserted.)
            assert any(f.endswith("/") or f.endswith(".html") for f in ours["first_paint_files"]), page
        # plotly.js comes once the reader points at the chart, after the first paint.
        assert not any("plotly" in f for f in figures["ours"]["embed"]["first_paint_files"])
        assert any("plotly" in f for f in figures["ours"]["embed"]["later_files"])
    with open(results / "latest.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["metric", "value", "target", "ok"]
    assert {r[0] for r in rows[1:]} == set(metrics)
    # One report, side by side.
    for heading in ("build time, ours / floor", "no-shortcuts", "TimelineJS3 drawn",
                    "first paint weight, kB gz", "full weight, kB gz", "ours /embed/"):
        assert heading in proc.stdout, heading
