"""The timeline: cross-links between events (``index``), where each event sits at
every zoom level (``layout``, computed once), what a view shows (``view``), and
its two drawings from that one layout: the numbers of the build-time SVG (``svg``,
which ``render/timeline_svg.py`` draws through a template) and the data the Plotly
chart draws (``figure_data``), that chart drawn in Python (``plotly_figure``), their
colours (``colours``)."""
