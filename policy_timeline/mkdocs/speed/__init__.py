"""The build shortcuts: what makes a big mkdocs build faster without changing a byte of it.

Generated pages rendered without mkdocs' full Markdown pass, and the theme's
blocks that depend on a page outside the nav only through its folder rendered
once per folder (``pages``); the copies and views of generated pages the theme's
search reads instead of the pages (``search``). Each relies on a named mkdocs or
Material internal, pays at least 5% of a build (ARCHITECTURE.md lists each
with its measured gain), and is turned off by the plugin's
``build_shortcuts: false`` or ``TIMELINE_BUILD_SHORTCUTS=off``; a test builds
sites both ways and compares every byte. Only the mkdocs plugin imports them;
the core (``source/``, ``timeline/``, ``render/``, ``build.py``) never does.
"""
