"""The few interface strings the theme's own templates print, for an engine that runs
no plugin (Zensical).

``templates/embed.html`` (the embed page's title and attribution) and
``templates/main.html`` (the feed link's title) print them with ``pt_t``, which the
mkdocs plugin defines. Zensical renders those templates with its own engine
(MiniJinja), where no Python runs: there, they import ``partials/pt-words.html``,
which ``policy-timeline generate`` writes into the theme folder from the site's
catalogue (``theme.language``) with its ``messages:`` overrides. The package ships
the English one, for a build without either.

Each string is a list of string literals, the message split at ``{site}``; a
template joins them with the site's name, escaped there. The literals are
contributor-proof: every character that could end the literal or begin or end
template syntax or markup (``{ } % # < > & ' " \\``) and every control character is
written as ``\\u00XX``, which Jinja2 and MiniJinja both read, as JSON does.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from policy_timeline.render.catalogue import Messages, overrides_tuple

PARTIAL = "partials/pt-words.html"
# The partial's variables and the catalogue keys they hold.
WORDS = {
    "embed_title": "timeline.embed_title",
    "embed_from": "timeline.embed_from",
    "feed_title": "feed.title",
}
_SITE = re.compile(r"\{\{|\}\}|\{site\}")
# Written as \\u00XX: what could begin or end a literal, an escape, template syntax or
# markup, and control characters.
_UNSAFE = re.compile(r"[{}%#<>&'\"\\\x00-\x1f\x7f\u2028\u2029]")
HEADER = (
    "{#- Written by policy_timeline/files_host/theme_words.py: the interface's words the\n"
    "    theme's templates print where no plugin defines pt_t (Zensical), each split at\n"
    "    {site}. policy-timeline generate writes it again, in the site's language. -#}\n"
)


def parts(text: str) -> list[str]:
    """``text`` split at its ``{site}`` placeholders, a doubled brace read as one (as
    the catalogue fills it): ``"From {site}"`` is ``["From ", ""]``."""
    found = [""]
    at = 0
    for match in _SITE.finditer(text):
        found[-1] += text[at : match.start()]
        if match.group(0) == "{site}":
            found.append("")
        else:
            found[-1] += match.group(0)[0]
        at = match.end()
    found[-1] += text[at:]
    return found


def literal(text: str) -> str:
    """``text`` as a template string literal that holds no template syntax or markup."""
    return '"' + _UNSAFE.sub(lambda match: f"\\u{ord(match.group(0)):04x}", text) + '"'


def words_template(messages: Messages) -> str:
    """The partial's text for these strings."""
    lines = [HEADER]
    for name, key in WORDS.items():
        items = ", ".join(literal(part) for part in parts(messages.text(key)))
        lines.append(f"{{%- set {name} = [{items}] %}}\n")
    return "".join(lines)


def site_words(config: Mapping[str, Any], overrides: Mapping[str, Any] | None) -> bytes:
    """The partial for a site: its ``mkdocs.yml`` as read, its plugin's ``messages:``."""
    language = (config.get("theme") or {}).get("language") or "en"
    messages = Messages(str(language), dict(overrides_tuple(overrides)))
    return words_template(messages).encode("utf-8")
