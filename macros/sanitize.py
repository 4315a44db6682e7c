"""Contributor text is data: escaping for HTML, and sanitised Markdown bodies."""
from __future__ import annotations

import html


def esc(text: object) -> str:
    """Escape text once for HTML content or a double-quoted attribute."""
    return html.escape(str(text), quote=True)
