"""The build shortcuts: what makes a big mkdocs build faster without changing a byte of it.

Worker processes that make the event pages' parts beside the build's own process
on a big build, and check event files when asked for (``workers``, ``pending``,
``parts``); generated pages rendered without mkdocs' full Markdown pass, and the
theme's blocks that depend on a page outside the nav only through its folder
rendered once per folder (``pages``); the copies and views of generated pages the
theme's search reads instead of the pages (``search``); the engine's compiled
templates kept between builds (``template_cache``); the build's data made with
Python's collector paused, then frozen, and free memory given back before the
search index is written (``collector``). Each pays at least 5% of
a build's time or peak memory, measured (ARCHITECTURE.md lists each with its gain
and the internal it relies on; the template cache, which pays less at 1,000
events, is kept as the one exception, for the fixed cost of small sites and
serve rebuilds); a test builds sites each way and compares every byte. Only the
mkdocs plugin imports them. The core (``source/``, ``timeline/``, ``render/``,
``build.py``) never does: it takes a function that maps file checks
(``source.validate``), a Jinja bytecode cache (``render.generate.start``) and a
source of event pages' parts and the layout (``render.generated.PartsSource``,
which ``render_site`` takes), and does the work itself without them.
"""
