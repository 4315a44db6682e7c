"""Shared fixtures: real site builds in temporary folders, a loopback server, real Chromium.

Nothing here mocks mkdocs, Plotly or the file system: a "site" is the output
of ``mkdocs build --strict`` run on this repository's mkdocs.yml with
``TIMELINE_EVENTS_DIR`` pointing at a folder of fixture events.
"""
from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from html.parser import HTMLParser
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
# Builds are reproducible: "today" (which decides what is a future target) is pinned.
BUILD_EPOCH = "1767225600"  # 2026-01-01T00:00:00Z

# Unit tests import the engine directly (``from policy_timeline.timeline import layout``),
# without mkdocs.
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


def copy_events(src: Path, dest: Path) -> Path:
    """Copy a fixture events folder, adding the repo's vocabulary if it has none."""
    shutil.copytree(src, dest)
    if not (dest / "vocabulary.yml").exists():
        shutil.copy(REPO / "events" / "vocabulary.yml", dest / "vocabulary.yml")
    return dest


def write_events(dest: Path, files: dict[str, str], bibliography: str | None = None) -> Path:
    """Make an events folder from {relative path: text}, with the repo's vocabulary."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "events" / "vocabulary.yml", dest / "vocabulary.yml")
    if bibliography is not None:
        (dest / "bibliography.yml").write_text(bibliography, encoding="utf-8")
    for rel, text in files.items():
        path = dest / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return dest


def run_cli(*args: str, cwd: Path = REPO, env: dict | None = None) -> subprocess.CompletedProcess:
    """``policy-timeline ARGS`` (as ``python -m policy_timeline``) as a contributor runs it.

    Here and in every test, a subprocess's ``timeout=`` guards against a hang (the test fails
    with TimeoutExpired); no test bounds how long anything takes. Cost is counted instead
    (render_work.py)."""
    full_env = {**os.environ, "PYTHONPATH": str(REPO)}
    full_env.pop("GITHUB_ACTIONS", None)  # annotations only when a test asks for them
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "policy_timeline", *args], cwd=cwd, env=full_env,
                          capture_output=True, text=True, timeout=300)


def inherited_config(folder: Path, *, docs: Path | None = None,
                     custom_dir: Path | None = None) -> Path:
    """``folder/mkdocs.yml``: a site that inherits this repository's mkdocs.yml, with its
    own docs folder or theme folder if given, and the engine's macros as a pluglet
    (which mkdocs-macros and Zensical both load)."""
    lines = [f"INHERIT: {REPO / 'mkdocs.yml'}",
             f"docs_dir: {docs or REPO / 'docs'}",
             "plugins:",
             "  - search",
             "  - policy-timeline",
             "  - macros:",
             "      modules: [policy_timeline.mkdocs.macros]",
             "      render_by_default: false",
             "      on_error_fail: true"]
    if custom_dir:
        lines += ["theme:", f"  custom_dir: {custom_dir}"]
    config = folder / "mkdocs.yml"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return config


def build_site(events_dir: Path, site_dir: Path, extra_env: dict | None = None,
               log: list[str] | None = None, config: Path | None = None) -> Path:
    """``mkdocs build --strict`` of this repo's site (or of ``config``, run from its
    folder) from ``events_dir`` into ``site_dir``; with ``log``, not --quiet, and the
    build's log lines are added to it."""
    config = config or REPO / "mkdocs.yml"
    _check_site_tier()
    env = {**os.environ, "TIMELINE_EVENTS_DIR": str(events_dir), "NO_MKDOCS_2_WARNING": "1",
           "SOURCE_DATE_EPOCH": BUILD_EPOCH, **(extra_env or {})}
    env.pop("GITHUB_ACTIONS", None)
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", *(["--quiet"] if log is None else []),
         "-f", str(config), "--site-dir", str(site_dir)],
        cwd=config.parent, env=env, capture_output=True, text=True, timeout=900,
    )
    if proc.returncode != 0:
        raise AssertionError(f"mkdocs build failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    if log is not None:
        log += (proc.stdout + proc.stderr).splitlines()
    return site_dir


def differing_files(a: Path, b: Path) -> list[str]:
    """The files of two built sites that differ, byte for byte, or that one of them
    lacks (paths relative to the site, sorted); [] when the sites are the same."""
    files = {p.relative_to(a) for p in a.rglob("*") if p.is_file()}
    others = {p.relative_to(b) for p in b.rglob("*") if p.is_file()}
    differ = files ^ others
    differ |= {p for p in files & others if (a / p).read_bytes() != (b / p).read_bytes()}
    return sorted(p.as_posix() for p in differ)


@pytest.fixture(scope="session")
def default_site(tmp_path_factory) -> Path:
    """The site as shipped: the repository's own events/."""
    return build_site(REPO / "events", tmp_path_factory.mktemp("default") / "site")


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    """A small site from tests/fixtures/events/site: related links, periods, targets, precisions."""
    events = copy_events(FIXTURES / "events" / "site", tmp_path_factory.mktemp("fx") / "events")
    return build_site(events, tmp_path_factory.mktemp("fixture") / "site")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


@contextlib.contextmanager
def serve(directory: Path):
    """Serve a built site on 127.0.0.1 (a free port); yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, driven by Playwright. Never a downloaded browser."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh page that records console errors, page errors and requests leaving 127.0.0.1."""
    context = browser.new_context()
    pg = context.new_page()
    pg.console_errors = []
    pg.offsite_requests = []
    pg.on("console", lambda msg: msg.type == "error" and pg.console_errors.append(msg.text))
    pg.on("pageerror", lambda exc: pg.console_errors.append(str(exc)))

    def _request(req):
        url = req.url
        if not (url.startswith("http://127.0.0.1") or url.startswith("data:")
                or url.startswith("about:") or url.startswith("blob:")):
            pg.offsite_requests.append(url)

    pg.on("request", _request)
    yield pg
    context.close()


@pytest.fixture(scope="session")
def timeline_events(tmp_path_factory) -> Path:
    """tests/fixtures/events/timeline: periods, a future period, targets, a year-precision
    plan, two events on one date in one lane, a hostile title, figures."""
    return copy_events(FIXTURES / "events" / "timeline", tmp_path_factory.mktemp("tl") / "events")


@pytest.fixture(scope="session")
def timeline_site_url(timeline_events, tmp_path_factory):
    """The timeline fixture's site, served on 127.0.0.1; yields its base URL.

    Served first, then built with SITE_URL set to that very address: material's
    instant navigation only follows links listed in sitemap.xml, whose
    addresses come from site_url (port included).
    """
    site = tmp_path_factory.mktemp("tlsite")
    with serve(site) as url:
        build_site(timeline_events, site, extra_env={"SITE_URL": url + "/"})
        yield url


@pytest.fixture(scope="session")
def timeline_build(timeline_events):
    """The timeline fixture as a prepared Build, with the tests' pinned "today"."""
    import datetime as dt

    from policy_timeline.build import Build
    from policy_timeline.source.validate import validate_project

    project, problems = validate_project(timeline_events)
    assert not problems, problems
    today = dt.datetime.fromtimestamp(int(BUILD_EPOCH), dt.UTC).date()
    return Build(project=project, index=None, today=today)


def generated_events(dest: Path, count: int) -> Path:
    """``count`` events from the benchmark's generator (dense years, every precision)."""
    subprocess.run([sys.executable, str(REPO / "bench" / "generate.py"), str(count), str(dest)],
                   check=True, capture_output=True, timeout=300)
    return dest


@pytest.fixture(scope="session")
def generated_site_url(tmp_path_factory):
    """A site of 1,000 generated events, served on 127.0.0.1; yields its base URL."""
    events = generated_events(tmp_path_factory.mktemp("gen") / "events", 1000)
    site = tmp_path_factory.mktemp("gensite")
    with serve(site) as url:
        build_site(events, site, extra_env={"SITE_URL": url + "/"})
        yield url


@pytest.fixture(scope="session")
def default_site_url(default_site):
    """The site as shipped, served on 127.0.0.1 (built for the preview's site_url)."""
    with serve(default_site) as url:
        yield url


@pytest.fixture(scope="session")
def fixture_site_url(tmp_path_factory):
    """The fixture site (tests/fixtures/events/site), served on 127.0.0.1; yields its base URL.

    Built with SITE_URL set to the served address, as timeline_site_url is, so
    instant navigation follows its links.
    """
    events = copy_events(FIXTURES / "events" / "site", tmp_path_factory.mktemp("fxu") / "events")
    site = tmp_path_factory.mktemp("fxsite")
    with serve(site) as url:
        build_site(events, site, extra_env={"SITE_URL": url + "/"})
        yield url


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory) -> Path:
    """tests/fixtures/events/hostile: every contributor string tries to run script."""
    events = copy_events(FIXTURES / "events" / "hostile", tmp_path_factory.mktemp("hx") / "events")
    return build_site(events, tmp_path_factory.mktemp("hostile") / "site")


class _VisibleText(HTMLParser):
    BLOCKS = {"p", "div", "dl", "dt", "dd", "li", "ol", "ul", "tr", "td", "th", "h1", "h2",
              "table", "thead", "tbody", "caption", "nav", "br"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in self.BLOCKS:
            self.parts.append(" ")

    def handle_data(self, data):
        self.parts.append(data)


def visible_text(fragment: str) -> str:
    """What a reader sees of an HTML fragment: tags dropped, character references decoded
    once, whitespace collapsed (block elements separate words)."""
    parser = _VisibleText()
    parser.feed(fragment)
    parser.close()
    return " ".join("".join(parser.parts).split())


@contextlib.contextmanager
def new_page(browser, **context_options):
    """A page in its own browser context with options the ``page`` fixture does not take
    (``color_scheme``, init scripts added to ``page.context``); closed afterwards."""
    context = browser.new_context(**context_options)
    try:
        yield context.new_page()
    finally:
        context.close()


# --- tiers, declared ------------------------------------------------------------------------
#
# `make test-fast` runs what needs neither a browser nor a site build; a site made by
# `policy-timeline init` runs the engine's tests without those that check this repository's
# own timeline. Each test declares its tiers: `pytestmark = [...]` for a module,
# `@pytest.mark.site` / `@pytest.mark.content` for one test. A test that uses a fixture below
# (item.fixturenames) without its marker fails before the fixture is set up, and so does one
# that calls build_site while it runs, so a new test cannot drop out of its tier unnoticed.

# Fixtures that build a site with mkdocs (here and in test modules): their tests are `site`.
SITE_FIXTURES = frozenset({
    "default_site", "fixture_site", "hostile_site", "timeline_site_url", "generated_site_url",
    "default_site_url", "fixture_site_url",
    # in test modules
    "site", "repo_site", "both", "zensical_url", "preview",
})
# Fixtures that read this repository's own events/: their tests are `content`.
CONTENT_FIXTURES = frozenset({"default_site", "default_site_url"})
# The fixture that drives Chromium (`page` and the rest use it): its tests are `browser`, and
# `site` too.
BROWSER_FIXTURES = frozenset({"browser"})
_NEEDS = [("site", SITE_FIXTURES | BROWSER_FIXTURES), ("content", CONTENT_FIXTURES),
          ("browser", BROWSER_FIXTURES)]


def undeclared_tiers(item) -> list[str]:
    """The markers ``item`` lacks for the fixtures it asks for (item.fixturenames)."""
    # The fixtures it uses, with those they use in turn; not its parametrized arguments.
    uses = set(getattr(item, "fixturenames", ()))
    uses -= set(getattr(getattr(item, "callspec", None), "params", {}))
    missing = [marker for marker, fixtures in _NEEDS
               if uses & fixtures and item.get_closest_marker(marker) is None]
    if item.get_closest_marker("browser") and item.get_closest_marker("site") is None:
        missing.append("site")
    return sorted(set(missing))


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    # Before any fixture is set up: the test fails, in whichever tier it was selected by.
    missing = undeclared_tiers(item)
    if missing:
        pytest.fail(f"{item.nodeid} uses fixtures of the {', '.join(missing)} tier without "
                    f"its marker: add {', '.join(f'@pytest.mark.{m}' for m in missing)} "
                    "(conftest.py, SITE_FIXTURES)", pytrace=False)


_RUNNING: list = []  # the test being set up or run


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item, nextitem):
    _RUNNING.append(item)
    try:
        return (yield)
    finally:
        _RUNNING.pop()


def _check_site_tier() -> None:
    item = _RUNNING[-1] if _RUNNING else None
    if item is not None and item.get_closest_marker("site") is None:
        raise AssertionError(f"{item.nodeid} builds a site: mark it @pytest.mark.site")
