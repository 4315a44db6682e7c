"""The timeline's build-time SVG, drawn through the template a site can override
(``templates/policy-timeline/partials/timeline-svg.html``) from the numbers
``timeline/svg.py`` computes from the layout: this module writes no markup.

It is what a reader sees first, with or without JavaScript (``render/timeline_block.py``
puts it in the view); every string in it is contributor text or the site's words,
printed escaped by the template's autoescaping.
"""

from __future__ import annotations

from pathlib import Path

from policy_timeline.render import templates
from policy_timeline.timeline import svg

TEMPLATE = "partials/timeline-svg.html"


def draw(template_dirs: tuple[Path, ...], drawing: svg.Drawing) -> str:
    """``drawing`` as SVG markup, from the first of ``template_dirs`` that overrides
    the template, else the package's."""
    return templates.render(template_dirs, TEMPLATE, d=drawing)
