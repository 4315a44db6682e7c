"""The build shortcuts: what makes a big mkdocs build faster without changing a byte of it.

Worker processes that check event files and make event pages' parts
(``workers``, ``pending``, ``parts``), the copies and views the theme's search
reads (``mkdocs/search.py``) and pages rendered once per folder
(``mkdocs/pages.py``). Only the mkdocs host uses them; the core (``source/``,
``timeline/``, ``render/``, ``build.py``) never imports them: it takes a
function that maps file checks (``source.validate``) and a source of event
pages' parts and the layout (``render.generated.PartsSource``, which
``render_site`` takes), and does the work itself without them. ARCHITECTURE.md lists each shortcut with its measured gain.
"""
