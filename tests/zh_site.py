"""A site in Chinese, for the interface-language tests (tests/render/test_catalogue.py,
tests/test_interface_language_browser.py): events written in Chinese
(tests/fixtures/events/zh), ``theme.language: zh``, a home page with the timeline and
the embed builder, and the plugin's ``messages:`` as given. Every word of the engine's
interface on its pages must then be Chinese, and every English phrase of the English
catalogue found there is one the engine failed to translate."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import BUILD_EPOCH, FIXTURES, copy_events, visible_text

from policy_timeline.render import catalogue

SITE_NAME = "人工智能政策时间线"
# One string the site words its own way.
OVERRIDE = ("timeline.controls.clear", "全部清除")


def write_config(
    folder: Path, messages: dict[str, str], site_url: str | None = "https://example.org/zh/"
) -> Path:
    """``folder/mkdocs.yml`` and its docs: the timeline on the home page, the builder."""
    docs = folder / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(
        "---\nrender_macros: true\n---\n# 时间线\n\n{{ timeline() }}\n", encoding="utf-8"
    )
    (docs / "embed.md").write_text(
        "---\nrender_macros: true\n---\n# 嵌入\n\n{{ embed_builder() }}\n", encoding="utf-8"
    )
    lines = [
        f"site_name: {SITE_NAME}",
        *([f"site_url: {site_url}"] if site_url else []),
        "theme: {name: material, language: zh, font: false}",
        "nav: [{时间线: index.md}, {事件: events/index.md}, {嵌入: embed.md}]",
        "plugins:",
        "  - search",
        "  - policy-timeline:",
        "      messages:",
        *(
            f"        {key}: {json.dumps(text, ensure_ascii=False)}"
            for key, text in messages.items()
        ),
        "  - macros:",
        "      modules: [policy_timeline.mkdocs.macros]",
        "      render_by_default: false",
        "      on_error_fail: true",
    ]
    config = folder / "mkdocs.yml"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return config


def build(
    folder: Path, messages: dict[str, str], site_url: str | None = "https://example.org/zh/"
) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` of the site in ``folder`` into ``folder/site``."""
    events = copy_events(FIXTURES / "events" / "zh", folder / "events")
    config = write_config(folder, messages, site_url)
    env = {
        **os.environ,
        "TIMELINE_EVENTS_DIR": str(events),
        "NO_MKDOCS_2_WARNING": "1",
        "SOURCE_DATE_EPOCH": BUILD_EPOCH,
    }
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(config)]
        + ["-d", str(folder / "site")],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,  # a hang guard (conftest), not a limit on the build's time
    )


def english_phrases() -> dict[str, str]:
    """Each run of English words of the English catalogue's strings (the text between
    placeholders), with the key it comes from."""
    phrases: dict[str, str] = {}
    for key, text in catalogue.english().subset([""]).items():
        for part in re.split(r"\{\w+\}", text):
            part = part.strip(" .,:;()·–—“”‘’←→+−")
            if re.search(r"[A-Za-z]{2,}", part):
                phrases.setdefault(part, key)
    return phrases


def english_in(text: str) -> dict[str, str]:
    """The English catalogue's phrases ``text`` holds (web addresses left out), each with
    its key."""
    text = re.sub(r"https?://\S+|[a-z0-9.-]+\.org\b", " ", text)
    return {
        phrase: key
        for phrase, key in english_phrases().items()
        if re.search(r"(?<![A-Za-z])" + re.escape(phrase) + r"(?![A-Za-z])", text)
    }


def page_text(html: str) -> str:
    """What a reader sees of a page in the engine's and the site's parts: not scripts,
    styles or code (a citation's BibTeX is a file format), and not the theme's own
    footer line."""
    html = re.sub(r"<(script|style|pre|code)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r'<div class="md-copyright">.*?</div>\s*</div>', " ", html, flags=re.S)
    return visible_text(html)
