"""Rendering a prepared build: event, actor, tag, year, place and source pages
(``pages``), the timeline block, ``/embed/`` and its builder (``timeline_block``),
the analysis charts, the data exports, citations and the feed; ``generate``
makes all of them for a site."""
