"""Plotly's side of our JSON: text escaped for its pseudo-HTML, and stable bytes."""

from __future__ import annotations

import html
import json


def plotly_text(text: object) -> str:
    """Escape event text once for Plotly's pseudo-HTML (hover text, labels).

    Plotly turns ``<b>`` and friends into markup and decodes only a few named
    entities (``&amp; &lt; &gt;`` but not ``&quot;``), so ``sanitize.esc``
    would show quotes as ``&quot;``; quotes cannot open a tag once ``<`` is
    escaped.
    """
    return html.escape(str(text), quote=False)


def figure_json(figure: dict) -> bytes:
    """Compact, sorted and stable: the same figure gives the same bytes."""
    return (
        json.dumps(
            figure, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False
        )
        + "\n"
    ).encode("utf-8")
