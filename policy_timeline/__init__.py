"""Policy Timeline: a static site generator for policy timelines, on mkdocs-material.

The engine is plain Python, importable and tested without mkdocs: load ->
validate -> index -> layout -> render (ARCHITECTURE.md). ``policy_timeline.mkdocs``
connects it to mkdocs as the ``policy-timeline`` plugin; ``policy-timeline``
(``python -m policy_timeline``) is its command line.
"""

__version__ = "0.2.0"
