"""STUB (issue 3 replaces): generated pages."""


def render_all(build):
    return {f"{s}/index.md": f"# {s.title()}\n" for s in ("events", "actors", "tags", "years", "sources")}
