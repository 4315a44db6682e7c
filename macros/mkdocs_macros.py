"""mkdocs-macros glue: the macros hand-written pages may call (render_macros: true)."""
from __future__ import annotations


def define_env(env):
    @env.macro
    def timeline(lanes=None, kinds=None, tags=None, start=None, end=None):
        # Placeholder until the figure lands: keeps pages that call it building.
        return '<div class="pt-timeline"></div>'
