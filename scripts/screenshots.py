"""The README's pictures of the timeline: ``make screenshots``.

Builds the site from events/ into a temporary folder, serves it on 127.0.0.1,
and photographs the home page's timeline (its controls and the chart) in
Debian's Chromium (headless, driven by Playwright): at 1280 px in the light
scheme and at 390 px in the dark one. Writes PNGs into docs/assets/screenshots/.
"""
from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "docs" / "assets" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SHOTS = (  # file, viewport width, colour scheme
    ("timeline.png", 1280, "light"),
    ("timeline-phone-dark.png", 390, "dark"),
)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def build(site: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1767225600"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                    "-f", str(REPO / "mkdocs.yml"), "--site-dir", str(site)],
                   cwd=REPO, env=env, check=True)


def shoot(base: str) -> None:
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        for name, width, scheme in SHOTS:
            context = browser.new_context(viewport={"width": width, "height": 900},
                                          color_scheme=scheme, device_scale_factor=1)
            page = context.new_page()
            page.goto(base)
            page.locator(".pt-stage").hover()
            page.wait_for_selector(".pt-view[data-state=interactive]")
            page.mouse.move(0, 0)
            page.evaluate("window.scrollTo(0, 0)")
            page.wait_for_timeout(400)
            # Page coordinates (scrolled to the top): the controls down to the chart's axis.
            stage = page.locator(".pt-stage").bounding_box()
            top = page.locator(".pt-view").bounding_box()["y"]
            page.screenshot(path=str(OUT / name), full_page=True, clip={
                "x": 0, "y": max(0, top - 12), "width": width,
                "height": stage["y"] + stage["height"] - top + 24})
            print(OUT / name)
            context.close()
        browser.close()


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build(site)
        handler = functools.partial(_Quiet, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            shoot(f"http://127.0.0.1:{server.server_address[1]}/")
        finally:
            server.shutdown()
            server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
