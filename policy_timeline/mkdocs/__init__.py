"""The engine inside mkdocs: the ``policy-timeline`` plugin and the macros pages call.

Everything mkdocs-specific lives here, small and named (ARCHITECTURE.md,
"What the engine needs from a host"); the core below it never imports mkdocs.
"""
